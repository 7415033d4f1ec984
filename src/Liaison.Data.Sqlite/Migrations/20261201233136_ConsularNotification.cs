using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConsularNotification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ConsularDue",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConsularNotifiedAt",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            // Bookings already on record owe their consular advisal from booking: nothing of it is on record yet
            // (ConsularDuty.NextDue of a foreign national with no consular entries is booking + 24 hours).
            migrationBuilder.Sql("""
                UPDATE bookings SET "ConsularDue" = "BookedAt" + 864000000000 WHERE "CitizenshipCountry" IS NOT NULL AND "CitizenshipCountry" <> '' AND upper("CitizenshipCountry") <> 'US';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_consular",
                table: "bookings",
                columns: new[] { "ConsularDue", "Id" },
                filter: "\"ConsularDue\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_consular",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ConsularDue",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ConsularNotifiedAt",
                table: "bookings");
        }
    }
}
