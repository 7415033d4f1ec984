using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SettingsHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HoldDeadline",
                table: "custody_events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "jurisdiction_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EffectiveAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HoldPolicy = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jurisdiction_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_jurisdiction_versions_EffectiveAt",
                table: "jurisdiction_versions",
                column: "EffectiveAt",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "jurisdiction_versions");

            migrationBuilder.DropColumn(
                name: "HoldDeadline",
                table: "custody_events");

            // SQLite drops a column by rebuilding the table, which loses its triggers: custody events stay immutable.
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS custody_events_no_update BEFORE UPDATE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS custody_events_no_delete BEFORE DELETE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
        }
    }
}
