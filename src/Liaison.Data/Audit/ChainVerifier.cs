using System.Data.Common;
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
            await VerifyAsync(db, ChainInterceptor.CustodyEventsTable, db.CustodyEvents.AsNoTracking(), EventColumns, ReadEvent, ct),
            await VerifyAsync(db, ChainInterceptor.AuditEntriesTable, db.AuditEntries.AsNoTracking(), AuditColumns, ReadAuditEntry, ct),
        ];
    }

    private const string EventColumns = "\"Id\", \"ChainIndex\", \"PreviousHash\", \"Hash\", \"BookingId\", \"Sequence\", \"At\", \"Action\", \"Actor\", \"UserName\", \"StepJson\", \"Accepted\", \"RefusalCode\", \"RefusalReason\", \"HoldDeadline\"";

    private const string AuditColumns = "\"Id\", \"ChainIndex\", \"PreviousHash\", \"Hash\", \"At\", \"Actor\", \"Address\", \"Action\", \"RecordType\", \"RecordId\", \"Details\"";

    private static CustodyEventRecord ReadEvent(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ChainIndex = r.GetInt64(1),
        PreviousHash = r.GetString(2),
        Hash = r.GetString(3),
        BookingId = r.GetString(4),
        Sequence = r.GetInt32(5),
        At = InstantAt(r, 6),
        Action = r.GetString(7),
        Actor = r.GetString(8),
        UserName = TextOrNull(r, 9),
        StepJson = r.GetString(10),
        Accepted = r.GetBoolean(11),
        RefusalCode = TextOrNull(r, 12),
        RefusalReason = TextOrNull(r, 13),
        HoldDeadline = r.IsDBNull(14) ? null : InstantAt(r, 14),
    };

    private static AuditEntryRecord ReadAuditEntry(DbDataReader r) => new()
    {
        Id = r.GetInt64(0),
        ChainIndex = r.GetInt64(1),
        PreviousHash = r.GetString(2),
        Hash = r.GetString(3),
        At = InstantAt(r, 4),
        Actor = r.GetString(5),
        Address = TextOrNull(r, 6),
        Action = r.GetString(7),
        RecordType = r.GetString(8),
        RecordId = TextOrNull(r, 9),
        Details = TextOrNull(r, 10),
    };

    private static string? TextOrNull(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>An instant as the provider stores it: Unix ticks on SQLite, a timestamp where the provider maps NodaTime.</summary>
    private static NodaTime.Instant InstantAt(DbDataReader r, int i) =>
        r.GetFieldType(i) == typeof(long) ? NodaTime.Instant.FromUnixTimeTicks(r.GetInt64(i)) : r.GetFieldValue<NodaTime.Instant>(i);

    /// <summary>
    /// Streams the chain in index order on the context's connection (the rows themselves, not through the model, so
    /// verifying is about as fast as reading), hashing each batch on every core while the next is read, and checks
    /// the places and links in order: the first problem is the one reported.
    /// </summary>
    private static async Task<ChainReport> VerifyAsync<T>(LiaisonDbContext db, string table, IQueryable<T> rows, string columns, Func<DbDataReader, T> read, CancellationToken ct)
        where T : class, IChained
    {
        // Entries never linked (stored before the chain and not yet back-filled, or inserted around Liaison).
        if (await rows.Where(r => r.ChainIndex <= 0).Select(r => (long?)EF.Property<long>(r, "Id")).FirstOrDefaultAsync(ct) is { } unlinked)
        {
            return new ChainReport(table, 0, HashChain.Genesis, $"row id {unlinked} is not linked into the chain (inserted around Liaison?)");
        }

        var count = 0L;
        var previousIndex = 0L;
        var previousHash = HashChain.Genesis;
        string? problem = null;
        var batches = System.Threading.Channels.Channel.CreateBounded<List<T>>(4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(async () =>
        {
            try
            {
                await ReadAsync(db, table, columns, read, batches.Writer, stop.Token);
            }
            finally
            {
                batches.Writer.TryComplete();
            }
        }, CancellationToken.None);

        await foreach (var batch in batches.Reader.ReadAllAsync(ct))
        {
            var intact = new bool[batch.Count];
            Parallel.For(0, batch.Count, i => intact[i] = HashChain.Matches(batch[i]));
            for (var i = 0; i < batch.Count && problem is null; i++)
            {
                var entry = batch[i];
                var id = entry switch { CustodyEventRecord e => e.Id, AuditEntryRecord a => a.Id, _ => 0 };
                var at = $"entry {entry.ChainIndex} (row id {id})";
                if (entry.ChainIndex != previousIndex + 1)
                {
                    problem = $"{at} is out of place after entry {previousIndex}: entries were deleted, inserted or reordered";
                }
                else if (!string.Equals(entry.PreviousHash, previousHash, StringComparison.Ordinal))
                {
                    problem = $"{at} does not follow the entry before it: its previous hash is not that entry's hash";
                }
                else if (!intact[i])
                {
                    problem = $"{at} was altered: its content does not match its hash";
                }
                else
                {
                    previousIndex = entry.ChainIndex;
                    previousHash = entry.Hash;
                    count++;
                }
            }

            if (problem is not null)
            {
                await stop.CancelAsync();
                break;
            }
        }

        try
        {
            await reading;
        }
        catch (OperationCanceledException) when (problem is not null)
        {
            // stopped at the first problem
        }

        return new ChainReport(table, count, previousHash, problem);
    }

    private static async Task ReadAsync<T>(LiaisonDbContext db, string table, string columns, Func<DbDataReader, T> read, System.Threading.Channels.ChannelWriter<List<T>> batches, CancellationToken ct)
    {
        const int Batch = 4_096;
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the table and columns are constants of this class, never input
        // "ChainIndex > 0" lets the partial unique index give the order (unlinked rows were ruled out before).
        command.CommandText = $"SELECT {columns} FROM \"{table}\" WHERE \"ChainIndex\" > 0 ORDER BY \"ChainIndex\"";
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(ct);
        var batch = new List<T>(Batch);
        while (await reader.ReadAsync(ct))
        {
            batch.Add(read(reader));
            if (batch.Count == Batch)
            {
                await batches.WriteAsync(batch, ct);
                batch = new List<T>(Batch);
            }
        }

        if (batch.Count > 0)
        {
            await batches.WriteAsync(batch, ct);
        }
    }

    /// <summary>
    /// Links custody events stored before the chain existed (in the order they were stored), once, when the
    /// database is upgraded. The immutability triggers are lifted for this alone, in one transaction. Only SQLite
    /// databases can hold such events: on PostgreSQL the chain existed from the first schema (an unlinked event there
    /// was inserted around Liaison, and verification reports it).
    /// </summary>
    public static async Task<int> LinkUnchainedEventsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || !await db.CustodyEvents.AnyAsync(e => e.ChainIndex == 0, ct))
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
