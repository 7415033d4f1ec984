using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Liaison.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NoticeStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "ConsularAdvisalDeadline",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ConsularAdvisedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ConsularNoticeDeadline",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "NoticesFirstDue",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoticesInTime",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticesLate",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticesNeverGiven",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "dual_notice_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EffectiveAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    Rules = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    ChangedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dual_notice_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dual_notice_versions_EffectiveAt",
                table: "dual_notice_versions",
                column: "EffectiveAt",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dual_notice_versions");

            migrationBuilder.DropColumn(
                name: "ConsularAdvisalDeadline",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ConsularAdvisedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ConsularNoticeDeadline",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NoticesFirstDue",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NoticesInTime",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NoticesLate",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NoticesNeverGiven",
                table: "bookings");
        }
    }
}
