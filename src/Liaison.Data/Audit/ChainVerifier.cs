using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Data.Audit;

/// <summary>The last entry of a chain, as an administrator notes it outside the system: its index, hash and time.</summary>
public sealed record ChainHead(string Table, long Index, string Hash, NodaTime.Instant? At);

/// <summary>What checking one chain found: how many entries, the head, and the first problem (null when intact).</summary>
public sealed record ChainReport(string Table, long Entries, string Head, string? Problem);

/// <summary>
/// Recomputes a hash chain from its first entry: every index in order without gaps, every entry's previous hash
/// equal to the hash before it, every hash equal to SHA-256 of its content. Reads the rows themselves, so it
/// holds also when the database's triggers were dropped and the rows edited directly.
/// </summary>
public static class ChainVerifier
{
    private const int Page = 5_000;

    /// <summary>The current head of each chain (cheap: one indexed row each).</summary>
    public static async Task<IReadOnlyList<ChainHead>> HeadsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = await db.CustodyEvents.AsNoTracking().Where(e => e.ChainIndex > 0).OrderByDescending(e => e.ChainIndex)
            .Select(e => new ChainHead(ChainInterceptor.CustodyEventsTable, e.ChainIndex, e.Hash, e.At)).FirstOrDefaultAsync(ct);
        var audit = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.ChainIndex)
            .Select(e => new ChainHead(ChainInterceptor.AuditEntriesTable, e.ChainIndex, e.Hash, e.At)).FirstOrDefaultAsync(ct);
        return
        [
            events ?? new ChainHead(ChainInterceptor.CustodyEventsTable, 0, HashChain.Genesis, null),
            audit ?? new ChainHead(ChainInterceptor.AuditEntriesTable, 0, HashChain.Genesis, null),
        ];
    }

    public static async Task<IReadOnlyList<ChainReport>> VerifyAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return
        [
            await VerifyAsync(ChainInterceptor.CustodyEventsTable, db.CustodyEvents.AsNoTracking(), e => e.Id, ct),
            await VerifyAsync(ChainInterceptor.AuditEntriesTable, db.AuditEntries.AsNoTracking(), e => e.Id, ct),
        ];
    }

    private static async Task<ChainReport> VerifyAsync<T>(string table, IQueryable<T> rows, Func<T, long> idOf, CancellationToken ct)
        where T : class, IChained
    {
        var count = 0L;
        var previousIndex = 0L;
        var previousHash = HashChain.Genesis;
        ChainReport Bad(string problem) => new(table, count, previousHash, problem);

        // Entries never linked (stored before the chain and not yet back-filled, or inserted around Liaison).
        if (await rows.Where(r => r.ChainIndex <= 0).FirstOrDefaultAsync(ct) is { } unlinked)
        {
            return Bad($"row id {idOf(unlinked)} is not linked into the chain (inserted around Liaison?)");
        }

        while (true)
        {
            var after = previousIndex;
            var page = await rows.Where(r => r.ChainIndex > after).OrderBy(r => r.ChainIndex).Take(Page).ToListAsync(ct);
            if (page.Count == 0)
            {
                return new ChainReport(table, count, previousHash, null);
            }

            foreach (var entry in page)
            {
                var at = $"entry {entry.ChainIndex} (row id {idOf(entry)})";
                if (entry.ChainIndex != previousIndex + 1)
                {
                    return Bad($"{at} is out of place after entry {previousIndex}: entries were deleted, inserted or reordered");
                }

                if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    return Bad($"{at} does not follow the entry before it: its previous hash is not that entry's hash");
                }

                if (!string.Equals(entry.Hash, HashChain.Compute(entry.PreviousHash, entry.Canonical()), StringComparison.Ordinal))
                {
                    return Bad($"{at} was altered: its content does not match its hash");
                }

                previousIndex = entry.ChainIndex;
                previousHash = entry.Hash;
                count++;
            }
        }
    }

    /// <summary>
    /// Links custody events stored before the chain existed (in the order they were stored), once, when the
    /// database is upgraded. The immutability triggers are lifted for this alone, in one transaction.
    /// </summary>
    public static async Task<int> LinkUnchainedEventsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.CustodyEvents.AnyAsync(e => e.ChainIndex == 0, ct))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS custody_events_no_update;", ct);
        var (index, hash) = await ChainInterceptor.HeadAsync(db, ChainInterceptor.CustodyEventsTable, ct);
        var unchained = await db.CustodyEvents.Where(e => e.ChainIndex == 0).OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var e in unchained)
        {
            HashChain.Link(e, index, hash);
            (index, hash) = (e.ChainIndex, e.Hash);
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlRawAsync("CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events BEGIN SELECT RAISE(ABORT, 'custody events are immutable'); END;", ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return unchained.Count;
    }
}
