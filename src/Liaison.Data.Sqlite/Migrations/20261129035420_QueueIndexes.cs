using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_AwaitingScreening_BookedAt",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_queue",
                table: "bookings",
                columns: new[] { "BookedAt", "Id" },
                filter: "\"AwaitingScreening\"");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_queue_dhs",
                table: "bookings",
                columns: new[] { "DhsResult", "BookedAt", "Id" },
                filter: "\"AwaitingScreening\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_queue",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "IX_bookings_queue_dhs",
                table: "bookings");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_AwaitingScreening_BookedAt",
                table: "bookings",
                columns: new[] { "AwaitingScreening", "BookedAt" });
        }
    }
}
