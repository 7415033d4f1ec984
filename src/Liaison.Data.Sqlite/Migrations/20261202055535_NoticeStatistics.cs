using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoticeStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConsularAdvisalDeadline",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConsularAdvisedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConsularNoticeDeadline",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NoticesFirstDue",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NoticesInTime",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticesLate",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticesNeverGiven",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "dual_notice_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EffectiveAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
