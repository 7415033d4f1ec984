using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Postgres.Migrations
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
                type: "text",
                nullable: false,
                defaultValue: "",
                collation: "C");
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
