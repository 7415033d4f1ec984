using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CitizenshipClaimedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CitizenshipFinding",
                table: "bookings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CitizenshipResolvedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DetainerLodgedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DetainerServedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DhsMatchAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DutiesInTime",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutiesLate",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "DutiesNeverTold",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "DutyLateSeconds",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "FirstDutyDue",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HoldExpiredAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "InterviewedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftReason",
                table: "bookings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LiftedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "bookings",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NotificationRequestedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OverDetentionFrom",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReleasedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ScreenedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TransferHonouredHold",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "TransferredAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WarrantServedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DisclosureThreshold",
                table: "agency_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10); // existing agencies start at the default k

            migrationBuilder.CreateTable(
                name: "published_figures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Measure = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Model = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    People = table.Column<long>(type: "INTEGER", nullable: false),
                    Suppressed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_published_figures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "statistics_publications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    K = table.Column<int>(type: "INTEGER", nullable: false)
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
