using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AgreementTemplate2025 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LetterDate",
                table: "certifications",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterNumber",
                table: "certifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LetterSignedBy",
                table: "certifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationLetterNumber",
                table: "certifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Revoked",
                table: "certifications",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevokedBy",
                table: "certifications",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NextDutyAbout",
                table: "bookings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NextDutyDue",
                table: "bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NotificationRequested",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "OpenDuties",
                table: "bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_duties",
                table: "bookings",
                columns: new[] { "NextDutyDue", "Id" },
                filter: "\"NextDutyDue\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_duties",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "LetterDate",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "LetterNumber",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "LetterSignedBy",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "RevocationLetterNumber",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "Revoked",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "RevokedBy",
                table: "certifications");

            migrationBuilder.DropColumn(
                name: "NextDutyAbout",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NextDutyDue",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NotificationRequested",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "OpenDuties",
                table: "bookings");
        }
    }
}
