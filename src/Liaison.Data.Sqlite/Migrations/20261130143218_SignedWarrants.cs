using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignedWarrants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "signed_warrants",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookingId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Form = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SignedByUser = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_signed_warrants", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_signed_warrants_BookingId_Form_Number",
                table: "signed_warrants",
                columns: new[] { "BookingId", "Form", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "signed_warrants");
        }
    }
}
