using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Liaison.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "CitizenshipClaimedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenshipFinding",
                table: "bookings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<Instant>(
                name: "CitizenshipResolvedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "DetainerLodgedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "DetainerServedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "DhsMatchAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DutiesInTime",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutiesLate",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutiesNeverTold",
                table: "bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DutyLateSeconds",
                table: "bookings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Instant>(
                name: "FirstDutyDue",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "HoldExpiredAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "InterviewedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftReason",
                table: "bookings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<Instant>(
                name: "LiftedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "bookings",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true,
                collation: "C");

            migrationBuilder.AddColumn<Instant>(
                name: "NotificationRequestedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "OverDetentionFrom",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ReleasedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "ScreenedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TransferHonouredHold",
                table: "bookings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Instant>(
                name: "TransferredAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Instant>(
                name: "WarrantServedAt",
                table: "bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DisclosureThreshold",
                table: "agency_settings",
                type: "integer",
                nullable: false,
                defaultValue: 10); // existing agencies start at the default k

            migrationBuilder.CreateTable(
                name: "published_figures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PublicationId = table.Column<int>(type: "integer", nullable: false),
                    Measure = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, collation: "C"),
                    Period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    Model = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false, collation: "C"),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false, collation: "C"),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    People = table.Column<long>(type: "bigint", nullable: false),
                    Suppressed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_figures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statistics_publications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false, collation: "C"),
                    PublishedAt = table.Column<Instant>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false, collation: "C"),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true, collation: "C"),
                    K = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_statistics_publications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_published_figures_Measure_Period_Model_Category",
                table: "published_figures",
                columns: new[] { "Measure", "Period", "Model", "Category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_published_figures_PublicationId",
                table: "published_figures",
                column: "PublicationId");

            migrationBuilder.CreateIndex(
                name: "IX_statistics_publications_Month",
                table: "statistics_publications",
                column: "Month",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_figures");

            migrationBuilder.DropTable(
                name: "statistics_publications");

            migrationBuilder.DropColumn(
                name: "CitizenshipClaimedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "CitizenshipFinding",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "CitizenshipResolvedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DetainerLodgedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DetainerServedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DhsMatchAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DutiesInTime",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DutiesLate",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DutiesNeverTold",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DutyLateSeconds",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "FirstDutyDue",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "HoldExpiredAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "InterviewedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "LiftReason",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "LiftedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NotificationRequestedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "OverDetentionFrom",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ReleasedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ScreenedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "TransferHonouredHold",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "TransferredAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "WarrantServedAt",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "DisclosureThreshold",
                table: "agency_settings");
        }
    }
}
