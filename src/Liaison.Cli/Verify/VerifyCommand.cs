using System.CommandLine;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Verify;

/// <summary><c>liaison verify projections</c>: every booking's row against a replay of its events.</summary>
public static class VerifyCommand
{
    public static Command Build()
    {
        var dataDir = CliHost.DataDirOption("./data");
        var projections = new Command("projections",
            """
            Rebuild every booking from its stored events and compare it with the booking's row (what the release
            board, the queue and the deadline monitor read). Exit 0 when all agree; exit 1 naming each booking
            that differs, field by field.
            """)
        {
            dataDir,
        };
        projections.SetAction(async (parse, ct) =>
        {
            var dir = parse.GetValue(dataDir)!;
            if (!File.Exists(Path.Combine(dir, "liaison.db")))
            {
                await Console.Error.WriteLineAsync($"--data-dir: no Liaison database in {Path.GetFullPath(dir)}.");
                return 2;
            }

            await using var app = CliHost.CreateApp(dir);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            {
                await Console.Error.WriteLineAsync($"--data-dir: the database in {Path.GetFullPath(dir)} is older than this program; run ./liaison migrate --data-dir {dir} first.");
                return 2;
            }

            var (count, mismatches) = await scope.ServiceProvider.GetRequiredService<ProjectionCheck>().VerifyAllAsync(ct);
            foreach (var m in mismatches)
            {
                Console.WriteLine($"{m.BookingId}: {string.Join("; ", m.Differences)}");
            }

            Console.WriteLine(mismatches.Count == 0
                ? $"{count:N0} bookings checked: every row equals a replay of its events."
                : $"{count:N0} bookings checked: {mismatches.Count:N0} differ from their events.");
            return mismatches.Count == 0 ? 0 : 1;
        });
        return new Command("verify", "Check that the stored record is consistent.") { projections };
    }
}
