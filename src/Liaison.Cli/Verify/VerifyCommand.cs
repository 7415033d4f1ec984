using System.CommandLine;
using Liaison.Data.Custody;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Verify;

/// <summary><c>liaison verify projections</c>: every booking's row against a replay of its events.</summary>
public static class VerifyCommand
{
    public static Command Build()
    {
        var database = new DatabaseOptions();
        var projections = new Command("projections",
            """
            Rebuild every booking from its stored events and compare it with the booking's row (what the release
            board, the queue and the deadline monitor read). Exit 0 when all agree; exit 1 naming each booking
            that differs, field by field.
            """);
        database.AddTo(projections);
        projections.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, _) =>
        {
            var (count, mismatches) = await services.GetRequiredService<ProjectionCheck>().VerifyAllAsync(ct);
            foreach (var m in mismatches)
            {
                Console.WriteLine($"{m.BookingId}: {string.Join("; ", m.Differences)}");
            }

            Console.WriteLine(mismatches.Count == 0
                ? $"{count:N0} bookings checked: every row equals a replay of its events."
                : $"{count:N0} bookings checked: {mismatches.Count:N0} differ from their events.");
            return mismatches.Count == 0 ? 0 : 1;
        }, ct));
        return new Command("verify", "Check that the stored record is consistent.") { projections };
    }
}
