using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;

#nullable disable

namespace Liaison.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AlertsClearThemselves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Instant>(
                name: "ClearedAt",
                table: "alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClearedBecause",
                table: "alerts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                collation: "C");

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
