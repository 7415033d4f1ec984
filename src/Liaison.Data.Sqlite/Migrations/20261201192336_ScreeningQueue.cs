using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScreeningQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssignedTo",
                table: "bookings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScreeningOutcome",
                table: "bookings",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_queue_assigned",
                table: "bookings",
                columns: new[] { "AssignedTo", "BookedAt" },
                filter: "\"AwaitingScreening\"");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_screened",
                table: "bookings",
                columns: new[] { "ScreeningOutcome", "BookedAt" },
                filter: "\"ScreeningOutcome\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_queue_assigned",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "IX_bookings_screened",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "AssignedTo",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "ScreeningOutcome",
                table: "bookings");
        }
    }
}
