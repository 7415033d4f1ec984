using System.Data.Common;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Bookings;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Data.Custody;

/// <summary>What one unit of the write path stores, all or nothing.</summary>
public sealed class CustodyChanges
{
    public List<BookingRecord> NewBookings { get; } = [];

    /// <summary>Existing booking rows with the version they had when read: the update applies only if it is still that.</summary>
    public List<(BookingRecord Row, int ReadVersion)> ChangedBookings { get; } = [];

    /// <summary>What the statistics counted of each changed booking before this batch (<see cref="Statistics.StatisticsChangeRecord"/>).</summary>
    public Dictionary<string, Statistics.StatisticsRow> StatisticsBefore { get; } = new(StringComparer.Ordinal);

    public List<CustodyEventRecord> Events { get; } = [];

    public List<AuditEntryRecord> Audit { get; } = [];

    public List<AlertRecord> Alerts { get; } = [];

    /// <summary>What each changed booking's alerts hung on before this batch: where it moved, stale alerts are cleared.</summary>
    public Dictionary<string, AlertCauses> AlertCausesBefore { get; } = new(StringComparer.Ordinal);

    /// <summary>Alert kinds whose cause a correction took out of the record, per booking, with why: their open alerts are cleared.</summary>
    public List<(string BookingId, string[] Kinds, string Because)> Withdrawn { get; } = [];

    /// <summary>The instant the batch is stored (alerts cleared by it are cleared then).</summary>
    public NodaTime.Instant StoredAt { get; set; }

    public List<ExternalEventRecord> NewKeys { get; } = [];

    public List<ExternalEventRecord> ChangedKeys { get; } = [];

    public bool IsEmpty => NewBookings.Count + ChangedBookings.Count + Events.Count + Audit.Count + Alerts.Count + NewKeys.Count + ChangedKeys.Count == 0;
}

/// <summary>
/// Stores a <see cref="CustodyChanges"/> in one short write transaction with prepared, reused statements: links the
/// events and audit entries into their hash chains (the heads read inside the transaction, so appends are serialized),
/// inserts, updates the booking rows under their versions. A row changed by someone else, or a unique key already
/// taken (two deliveries racing), rolls everything back as <see cref="ConcurrentActException"/>.
/// </summary>
internal static class CustodyWriter
{
    /// <summary>What a step can change on a booking's row: the projection of the engine's state. Who the person is never changes here.</summary>
    private static readonly string[] ProjectedColumns =
    [
        nameof(BookingRecord.Custody), nameof(BookingRecord.HoldAuthority), nameof(BookingRecord.Citizenship), nameof(BookingRecord.EligibleAt),
        nameof(BookingRecord.HoldDeadline), nameof(BookingRecord.OverDetentionSeconds), nameof(BookingRecord.OverDetentionSince),
        nameof(BookingRecord.StateAsOf), nameof(BookingRecord.NextDutyDue), nameof(BookingRecord.NextDutyAbout), nameof(BookingRecord.OpenDuties),
        nameof(BookingRecord.NotificationRequested), nameof(BookingRecord.DhsResult), nameof(BookingRecord.AwaitingScreening),
        nameof(BookingRecord.ScreeningOutcome), nameof(BookingRecord.AssignedTo), nameof(BookingRecord.ConsularDue), nameof(BookingRecord.ConsularNotifiedAt),
        nameof(BookingRecord.EventCount), nameof(BookingRecord.Version),
        nameof(BookingRecord.Model), nameof(BookingRecord.ScreenedAt), nameof(BookingRecord.DhsMatchAt), nameof(BookingRecord.InterviewedAt),
        nameof(BookingRecord.DetainerLodgedAt), nameof(BookingRecord.DetainerServedAt), nameof(BookingRecord.WarrantServedAt),
        nameof(BookingRecord.NotificationRequestedAt), nameof(BookingRecord.LiftedAt), nameof(BookingRecord.LiftReason), nameof(BookingRecord.HoldExpiredAt),
        nameof(BookingRecord.ReleasedAt), nameof(BookingRecord.TransferredAt), nameof(BookingRecord.TransferHonouredHold),
        nameof(BookingRecord.CitizenshipClaimedAt), nameof(BookingRecord.CitizenshipResolvedAt), nameof(BookingRecord.CitizenshipFinding),
        nameof(BookingRecord.OverDetentionFrom), nameof(BookingRecord.FirstDutyDue), nameof(BookingRecord.DutiesInTime), nameof(BookingRecord.DutiesLate),
        nameof(BookingRecord.DutiesNeverTold), nameof(BookingRecord.DutyLateSeconds),
        nameof(BookingRecord.ConsularAdvisalDeadline), nameof(BookingRecord.ConsularAdvisedAt), nameof(BookingRecord.ConsularNoticeDeadline),
        nameof(BookingRecord.NoticesFirstDue), nameof(BookingRecord.NoticesInTime), nameof(BookingRecord.NoticesLate), nameof(BookingRecord.NoticesNeverGiven),
    ];

    private static readonly string[] KeyColumns =
    [
        nameof(ExternalEventRecord.ContentHash), nameof(ExternalEventRecord.BookingId), nameof(ExternalEventRecord.Result),
        nameof(ExternalEventRecord.RefusalCode), nameof(ExternalEventRecord.RecordedAt),
    ];

    public static async Task WriteAsync(LiaisonDbContext db, CustodyChanges changes, CancellationToken ct)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await LinkAsync(db, ChainInterceptor.CustodyEventsTable, changes.Events, ct);
            await LinkAsync(db, ChainInterceptor.AuditEntriesTable, changes.Audit, ct);
            await InsertAllAsync(db, changes.NewBookings, ct);
            await InsertAllAsync(db, changes.NewBookings.SelectMany(b => b.Charges).ToList(), ct);
            if (changes.ChangedBookings.Count > 0)
            {
                await using var update = RowCommand.Update<BookingRecord>(db, nameof(BookingRecord.Version), ProjectedColumns);
                foreach (var (row, readVersion) in changes.ChangedBookings)
                {
                    if (await update.ExecuteAsync(row, readVersion, ct) != 1)
                    {
                        throw new ConcurrentActException(row.Id, null);
                    }
                }
            }

            await InsertAllAsync(db, changes.Events, ct);
            await InsertAllAsync(db, changes.Audit, ct);
            await InsertAllAsync(db, StatisticsChanges(changes), ct);
            await RaiseAlertsAsync(db, changes, ct);
            await InsertAllAsync(db, changes.NewKeys, ct);
            if (changes.ChangedKeys.Count > 0)
            {
                // Only a refused event's record changes (it may apply later); an imported one is final.
                await using var update = RowCommand.Update<ExternalEventRecord>(db, nameof(ExternalEventRecord.Result), KeyColumns);
                foreach (var key in changes.ChangedKeys)
                {
                    if (await update.ExecuteAsync(key, ExternalEventRecord.Refused, ct) != 1)
                    {
                        throw new ConcurrentActException(key.BookingId, null);
                    }
                }
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbException e) when (IsUniqueViolation(e))
        {
            // Rolled back as the uncommitted transaction is disposed; the caller discards these changes.
            throw new ConcurrentActException(changes.Events.FirstOrDefault()?.BookingId ?? changes.NewBookings.FirstOrDefault()?.Id ?? "", e);
        }
    }

    /// <summary>
    /// New alerts, each raised once (a second raise of the same due instant is a no-op, and so is one of a kind already
    /// open on the booking); then the alerts whose cause this batch ended are cleared.
    /// </summary>
    private static async Task RaiseAlertsAsync(LiaisonDbContext db, CustodyChanges changes, CancellationToken ct)
    {
        var raise = new List<AlertRecord>();
        foreach (var alert in changes.Alerts)
        {
            if (!raise.Any(a => a.BookingId == alert.BookingId && a.Kind == alert.Kind) && !await AlertLifecycle.IsOpenAsync(db, alert.BookingId, alert.Kind, ct))
            {
                raise.Add(alert);
            }
        }

        await InsertAllAsync(db, raise, ct, ignoreDuplicates: true);
        foreach (var (row, _) in changes.ChangedBookings)
        {
            if (changes.AlertCausesBefore.TryGetValue(row.Id, out var before) && before != AlertCauses.Of(row))
            {
                await AlertLifecycle.ClearStaleAsync(db, row, changes.StoredAt, ct);
            }
        }

        foreach (var (bookingId, kinds, because) in changes.Withdrawn)
        {
            await AlertLifecycle.ClearAsync(db, bookingId, kinds, because, changes.StoredAt, ct);
        }
    }

    /// <summary>The statistics' change log for this batch: each new booking, and each changed one whose counted columns moved.</summary>
    private static List<Statistics.StatisticsChangeRecord> StatisticsChanges(CustodyChanges changes) =>
    [
        .. changes.NewBookings.Select(b => new Statistics.StatisticsChangeRecord { BookingId = b.Id }),
        .. changes.ChangedBookings
            .Where(c => !changes.StatisticsBefore.TryGetValue(c.Row.Id, out var before) || before != Statistics.StatisticsRow.Of(c.Row))
            .Select(c => new Statistics.StatisticsChangeRecord
            {
                BookingId = c.Row.Id,
                Before = changes.StatisticsBefore.TryGetValue(c.Row.Id, out var before) ? System.Text.Json.JsonSerializer.Serialize(before) : null,
            }),
    ];

    private static async Task InsertAllAsync<T>(LiaisonDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool ignoreDuplicates = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var insert = RowCommand.Insert<T>(db, ignoreDuplicates);
        foreach (var row in rows)
        {
            await insert.ExecuteAsync(row, null, ct);
        }
    }

    private static async Task LinkAsync(LiaisonDbContext db, string table, IReadOnlyList<IChained> entries, CancellationToken ct)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var (index, hash) = await ChainInterceptor.HeadAsync(db, table, ct);
        foreach (var entry in entries)
        {
            HashChain.Link(entry, index, hash);
            (index, hash) = (entry.ChainIndex, entry.Hash);
        }
    }

    /// <summary>SQLite's constraint error (19, unique or primary key) or PostgreSQL's unique_violation (23505).</summary>
    private static bool IsUniqueViolation(DbException e) =>
        e.SqlState == "23505" || (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 });
}
