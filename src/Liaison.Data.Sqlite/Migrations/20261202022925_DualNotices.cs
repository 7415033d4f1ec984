using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DualNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DualNotices",
                table: "agency_settings",
                type: "TEXT",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DualNotices",
                table: "agency_settings");
        }
    }
}
