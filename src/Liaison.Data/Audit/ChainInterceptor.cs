using System.Data.Common;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Liaison.Data.Audit;

/// <summary>
/// Links every new custody event and audit entry into its table's hash chain as it is saved, whoever saves it,
/// so no writer can forget. A unique index on the chain index makes two writers racing for the same place
/// fail rather than fork the chain.
/// </summary>
public sealed class ChainInterceptor : SaveChangesInterceptor
{
    public const string CustodyEventsTable = "custody_events";
    public const string AuditEntriesTable = "audit_entries";

    // The transaction a save opened to hold the chain heads, per context, until the save ends.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, IDbContextTransaction> _owned = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult)
        {
            return result; // an earlier interceptor suppressed the save: nothing is stored, so nothing is linked
        }

        LinkAsync(eventData.Context!, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (result.HasResult)
        {
            return result;
        }

        await LinkAsync(eventData.Context!, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context!, commit: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        await EndAsync(eventData.Context!, commit: true, cancellationToken);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context!, commit: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return EndAsync(eventData.Context!, commit: false, CancellationToken.None);
    }

    public override void SaveChangesCanceled(DbContextEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        EndAsync(eventData.Context!, commit: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return EndAsync(eventData.Context!, commit: false, CancellationToken.None);
    }

    private async Task LinkAsync(DbContext context, CancellationToken ct)
    {
        var events = context.ChangeTracker.Entries<CustodyEventRecord>().Where(e => e.State == EntityState.Added && e.Entity.ChainIndex == 0)
            .Select(e => e.Entity).OrderBy(e => e.At).ThenBy(e => e.BookingId, StringComparer.Ordinal).ThenBy(e => e.Sequence).ToList();
        var audit = context.ChangeTracker.Entries<AuditEntryRecord>().Where(e => e.State == EntityState.Added && e.Entity.ChainIndex == 0)
            .Select(e => e.Entity).ToList(); // in the order they were recorded
        if (events.Count == 0 && audit.Count == 0)
        {
            return;
        }

        // Two writers must not read the same head: the heads are read inside the save's own write transaction
        // (SQLite: BEGIN IMMEDIATE takes the database's write lock first; PostgreSQL: an advisory lock, HeadAsync), so
        // chain appends are serialized.
        if (context.Database.CurrentTransaction is null)
        {
            _owned.AddOrUpdate(context, await context.Database.BeginTransactionAsync(ct));
        }

        await LinkAllAsync(context, CustodyEventsTable, events, ct);
        await LinkAllAsync(context, AuditEntriesTable, audit, ct);
    }

    /// <summary>Ends the transaction a save opened for the chain: committed when the save succeeded, rolled back otherwise.</summary>
    private async Task EndAsync(DbContext context, bool commit, CancellationToken ct)
    {
        if (!_owned.TryGetValue(context, out var transaction))
        {
            return;
        }

        _owned.Remove(context);
        try
        {
            if (commit)
            {
                await transaction.CommitAsync(ct);
            }
            else
            {
                await transaction.RollbackAsync(ct);
            }
        }
        finally
        {
            await transaction.DisposeAsync();
        }
    }

    private static async Task LinkAllAsync(DbContext context, string table, IReadOnlyList<IChained> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var (index, hash) = await HeadAsync(context, table, ct);
        foreach (var entry in entries)
        {
            HashChain.Link(entry, index, hash);
            (index, hash) = (entry.ChainIndex, entry.Hash);
        }
    }

    /// <summary>The last entry of a chain: its index and hash; (0, genesis) for an empty chain.</summary>
    public static async Task<(long Index, string Hash)> HeadAsync(DbContext context, string table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = context.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await context.Database.OpenConnectionAsync(ct);
        }

        await using DbCommand command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        if (context.Database.IsNpgsql() && command.Transaction is not null)
        {
            // PostgreSQL lets two writers read the same head; this lock, held to the end of the transaction, queues
            // appenders as SQLite's write lock does (a second read of it in one transaction returns at once).
            command.CommandText = $"SELECT pg_advisory_xact_lock({AdvisoryLocks.ChainAppend})";
            await command.ExecuteNonQueryAsync(ct);
        }

#pragma warning disable CA2100 // the table name is one of two constants, never input
        command.CommandText = $"SELECT \"ChainIndex\", \"Hash\" FROM \"{table}\" WHERE \"ChainIndex\" > 0 ORDER BY \"ChainIndex\" DESC LIMIT 1";
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetString(1)) : (0, HashChain.Genesis);
    }
}
