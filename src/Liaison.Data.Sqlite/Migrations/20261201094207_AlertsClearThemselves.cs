using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AlertsClearThemselves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClearedAt",
                table: "alerts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClearedBecause",
                table: "alerts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Alerts on cases closed before alerts cleared themselves: cleared as of the booking's last recorded state.
            migrationBuilder.Sql("""
                UPDATE "alerts" SET "ClearedAt" = (SELECT b."StateAsOf" FROM "bookings" b WHERE b."Id" = "alerts"."BookingId"), "ClearedBecause" = 'custody ended'
                WHERE "AcknowledgedAt" IS NULL AND "Kind" <> 'projection-mismatch'
                  AND "BookingId" IN (SELECT "Id" FROM "bookings" WHERE "Custody" IN ('released', 'transferred-to-ice'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClearedAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "ClearedBecause",
                table: "alerts");
        }
    }
}
