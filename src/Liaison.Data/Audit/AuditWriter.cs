using System.Threading.Channels;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liaison.Data.Audit;

/// <summary>
/// Saves audit entries that stand alone (reads, sign-ins, exports) by group commit: every request hands its entry to
/// the one writer of this process, which links whatever has queued into the chain and commits it in one transaction.
/// Each caller waits until its own entry is committed, so nothing is shown before its read is on record; but twenty
/// people reading at once cost one write transaction, not twenty queued for SQLite's single write lock.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : IAsyncDisposable
{
    /// <summary>The most entries one commit takes; the rest wait for the next.</summary>
    public const int MaxBatch = 256;

    /// <summary>How long the writer waits, once an entry is queued, for others to join its commit.</summary>
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(5);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _starting = new();
    private Task? _loop;

    private sealed record Pending(AuditEntryRecord Entry, TaskCompletionSource Committed);

    /// <summary>Queues <paramref name="entry"/> and completes when it is committed (or fails with the reason it was not).</summary>
    public Task WriteAsync(AuditEntryRecord entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        EnsureRunning();
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditWriter), "The audit writer has stopped: the application is shutting down.");
        }

        // A caller that gives up still has its entry written: the read happened.
        return pending.Committed.Task.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is { } loop)
        {
            await loop; // what was queued before shutdown is still written
        }
    }

    private void EnsureRunning()
    {
        if (_loop is not null)
        {
            return;
        }

        lock (_starting)
        {
            // Its own thread: SQLite works synchronously, and the writer must not queue behind the requests it serves.
            _loop ??= Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private void Run()
    {
        var batch = new List<Pending>(MaxBatch);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            Thread.Sleep(GatherFor); // let others join: one commit for many entries costs less than many commits
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                Save(db, batch);
                batch.ForEach(p => p.Committed.TrySetResult());
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One bad entry must not fail the others: each is tried on its own.
                LogBatchFailed(logger, batch.Count, e);
                foreach (var pending in batch)
                {
                    SaveOne(db, pending);
                }
            }
            catch (Exception e)
            {
                batch[0].Committed.TrySetException(e);
            }
        }
    }

    private static void SaveOne(LiaisonDbContext db, Pending pending)
    {
        try
        {
            pending.Entry.ChainIndex = 0; // unlinked again: the failed batch's links were rolled back
            Save(db, [pending]);
            pending.Committed.TrySetResult();
        }
        catch (Exception e)
        {
            pending.Committed.TrySetException(e);
        }
    }

    /// <summary>One commit on the writer's own context, which is left empty whatever happens.</summary>
    private static void Save(LiaisonDbContext db, IReadOnlyList<Pending> batch)
    {
        try
        {
            // The writer keeps its connection open between commits; a failure to open fails this batch, not the writer.
            if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            {
                db.Database.OpenConnection();
            }

            db.AuditEntries.AddRange(batch.Select(p => p.Entry));
            db.SaveChanges();
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An audit batch of {Count} entries failed; writing them one by one.")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);
}
