using System.CommandLine;
using Liaison.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Cli.Audit;

/// <summary><c>liaison audit verify</c>: recompute the hash chains of custody events and of the audit log.</summary>
public static class AuditCommand
{
    public static Command Build()
    {
        var database = new DatabaseOptions();
        var head = new Option<string[]>("--head")
        {
            Description = "A chain head noted earlier (from this command or the administration page): proves that nothing was cut from the end since. May be given more than once.",
            AllowMultipleArgumentsPerToken = false,
        };
        var verify = new Command("verify",
            """
            Recompute the hash chains of the custody events and of the audit log from their first entries. Exit 0,
            printing how many entries each holds and its head, when both are intact; exit 1 naming the first entry
            that was altered, deleted, inserted or reordered (also when the database's triggers were dropped first),
            or a --head that is no longer in its chain.
            """)
        {
            head,
        };
        database.AddTo(verify);
        verify.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (_, db) =>
        {
            var reports = await ChainVerifier.VerifyAsync(db, ct);
            var failed = false;
            foreach (var r in reports)
            {
                if (r.Problem is { } problem)
                {
                    Console.WriteLine($"{r.Table}: BROKEN at {problem} ({r.Entries:N0} entries intact before it)");
                    failed = true;
                }
                else
                {
                    Console.WriteLine($"{r.Table}: {r.Entries:N0} entries intact; head {r.Head}");
                }
            }

            foreach (var noted in parse.GetValue(head) ?? [])
            {
                var found = await db.CustodyEvents.AnyAsync(e => e.Hash == noted, ct) || await db.AuditEntries.AnyAsync(e => e.Hash == noted, ct);
                Console.WriteLine(found ? $"head {noted}: still in its chain" : $"head {noted}: NOT FOUND: entries were cut from the end of a chain, or it was never a head here");
                failed |= !found;
            }

            return failed ? 1 : 0;
        }, ct));
        return new Command("audit", "The tamper-evident record: verify its hash chains.") { verify };
    }
}
