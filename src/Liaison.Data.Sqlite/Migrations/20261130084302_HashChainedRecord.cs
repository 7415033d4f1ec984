using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HashChainedRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChainIndex",
                table: "custody_events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "custody_events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "custody_events",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChainIndex = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 48, nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Details = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_custody_events_ChainIndex",
                table: "custody_events",
                column: "ChainIndex",
                unique: true,
                filter: "\"ChainIndex\" > 0");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_Actor_At",
                table: "audit_entries",
                columns: new[] { "Actor", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_At",
                table: "audit_entries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_ChainIndex",
                table: "audit_entries",
                column: "ChainIndex",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_RecordType_RecordId",
                table: "audit_entries",
                columns: new[] { "RecordType", "RecordId" });

            // The audit log, like custody events, is append-only in the database itself.
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropIndex(
                name: "IX_custody_events_ChainIndex",
                table: "custody_events");

            migrationBuilder.DropColumn(
                name: "ChainIndex",
                table: "custody_events");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "custody_events");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "custody_events");

            // SQLite drops columns by rebuilding the table, which loses its triggers: custody events stay immutable.
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS custody_events_no_update BEFORE UPDATE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS custody_events_no_delete BEFORE DELETE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
        }
    }
}
