using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Liaison.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImmutableCustodyEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The custody record is append-only: the database itself refuses to change or remove an event.
            migrationBuilder.Sql("CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
            migrationBuilder.Sql("CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER custody_events_no_update;");
            migrationBuilder.Sql("DROP TRIGGER custody_events_no_delete;");
        }
    }
}
