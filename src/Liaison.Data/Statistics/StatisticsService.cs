using System.Text.Json;
using Liaison.Data.Audit;
using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Liaison.Data.Statistics;

public sealed record OverDetentionCase(string BookingId, Instant From, long Minutes, string Custody);

public sealed record CitizenshipCase(string BookingId, Instant ClaimedAt, Instant? ResolvedAt, string? Finding);

public sealed record LateDutyCase(string BookingId, Instant FirstDue, int Late, int NeverTold, long LateSeconds);

/// <summary>The restricted part of a report: cases by booking number, never published.</summary>
public sealed record RestrictedCases(IReadOnlyList<OverDetentionCase> OverDetention, IReadOnlyList<CitizenshipCase> Claims, IReadOnlyList<LateDutyCase> LateDuties);

/// <summary>Why a month cannot be published, in words for the program manager.</summary>
public sealed class PublicationRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// The statistics, read from the agency's own records only (bookings and what happened to them): live figures for
/// the dashboard and reports, and the published, frozen figures of the transparency page. Publishing is the one
/// write, an audited act.
/// </summary>
public sealed class StatisticsService(LiaisonDbContext db, IClock clock, AuditLog audit, CustodyWorldCache worlds, StatisticsCache cache, PublishedCache published,
    Trust.CrimeReportService crimeReports, Trust.SurveyService surveys, Complaints.ComplaintService complaints)
{
    public const string PublishAction = "statistics.publish";

    /// <summary>Beyond this many changes since the figures were computed, computing them again is cheaper than following.</summary>
    private const int MaxFollow = 50_000;

    /// <summary>
    /// The live figures: computed once per instance, then brought up to date by the changes logged since
    /// (<see cref="StatisticsChangeRecord"/>), each costing its person's bookings whatever the size of the history.
    /// </summary>
    public async Task<StatisticsFigures> FiguresAsync(CancellationToken ct = default)
    {
        var bookings = await BookingFiguresAsync(ct);
        // Complaints are few and change rarely: counted afresh onto a copy whenever any changed, kept until then.
        var stamp = await ComplaintStampAsync(ct);
        if (cache.WithComplaints is { } combined && ReferenceEquals(combined.Bookings, bookings) && combined.Stamp == stamp)
        {
            return combined.Figures;
        }

        var figures = bookings.Copy();
        figures.AddComplaints(await complaints.StatesAsync(ct));
        cache.WithComplaints = new(bookings, stamp, figures);
        return figures;
    }

    /// <summary>How many complaints and complaint entries there are: any filing or entry changes it.</summary>
    private async Task<(int Complaints, long LastEntry)> ComplaintStampAsync(CancellationToken ct) =>
        (await db.Complaints.CountAsync(ct), await db.ComplaintEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0);

    /// <summary>The bookings' figures, followed from the change log (complaints are added by <see cref="FiguresAsync"/>).</summary>
    private async Task<StatisticsFigures> BookingFiguresAsync(CancellationToken ct)
    {
        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        var head = await db.StatisticsChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        if (cache.Current is { } hit && hit.Head == head && hit.Zone == zone)
        {
            return hit.Figures;
        }

        await cache.Gate.WaitAsync(ct);
        try
        {
            if (cache.Current is { } known && known.Zone == zone && head - known.Head <= MaxFollow && known.Head >= await PrunedThroughAsync(db, ct))
            {
                if (known.Head >= head)
                {
                    return known.Figures;
                }

                // Readers may hold the cached figures: follow on a copy, then swap it in.
                var followed = known.Figures.Copy();
                var at = await FollowAsync(followed, known.Head, ct);
                cache.Current = new(at, zone, followed);
                return followed;
            }

            var (figures, computedAt) = await ComputeAtHeadAsync(ct);
            cache.Current = new(computedAt, zone, figures);
            return figures;
        }
        finally
        {
            cache.Gate.Release();
        }
    }

    /// <summary>Every figure computed afresh in one pass over the bookings, in booking order.</summary>
    public async Task<StatisticsFigures> ComputeAsync(CancellationToken ct = default)
    {
        var figures = (await ComputeAtHeadAsync(ct)).Figures;
        figures.AddComplaints(await complaints.StatesAsync(ct));
        return figures;
    }

    /// <summary>The full pass, and the last change it includes: both read in one snapshot, so no change is counted twice or missed.</summary>
    private async Task<(StatisticsFigures Figures, long Head)> ComputeAtHeadAsync(CancellationToken ct)
    {
        var world = await worlds.WorldAsync(db, ct);
        await using var snapshot = await SnapshotAsync(ct);
        var head = await db.StatisticsChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        var figures = StatisticsFigures.Empty(world.Zone);
        await foreach (var b in BookingsAsync(ct))
        {
            figures.Add(b);
        }

        figures.EndOfPass();
        return (figures, head);
    }

    /// <summary>
    /// Applies the changes after <paramref name="from"/> to <paramref name="figures"/>: for each person with a changed
    /// booking, their bookings as counted before out and as they are now in. Returns the last change applied.
    /// </summary>
    private async Task<long> FollowAsync(StatisticsFigures figures, long from, CancellationToken ct)
    {
        await using var snapshot = await SnapshotAsync(ct);
        var changes = await db.StatisticsChanges.AsNoTracking().Where(c => c.Id > from).OrderBy(c => c.Id).ToListAsync(ct);
        if (changes.Count == 0)
        {
            return from;
        }

        // What the figures counted of each changed booking: its state before its first change since (null: it is new).
        var counted = new Dictionary<string, StatisticsRow?>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            counted.TryAdd(change.BookingId, change.Before is null ? null : JsonSerializer.Deserialize<StatisticsRow>(change.Before));
        }

        var changedIds = counted.Keys.ToList();
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in changedIds.Chunk(500))
        {
            people.UnionWith(await db.Bookings.AsNoTracking().Where(b => chunk.Contains(b.Id)).Select(b => b.PersonId).ToListAsync(ct));
        }

        var rows = new List<BookingRecord>();
        foreach (var chunk in people.Chunk(500))
        {
            rows.AddRange(await db.Bookings.AsNoTracking().Where(b => chunk.Contains(b.PersonId)).ToListAsync(ct));
        }

        var charges = new Dictionary<string, List<Charge>>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Id).Chunk(500))
        {
            foreach (var c in await db.Charges.AsNoTracking().Where(c => chunk.Contains(c.BookingId)).OrderBy(c => c.Id).ToListAsync(ct))
            {
                (charges.TryGetValue(c.BookingId, out var list) ? list : charges[c.BookingId] = []).Add(new Charge(c.Code, null, c.Level, c.Status));
            }
        }

        foreach (var person in rows.GroupBy(r => r.PersonId, StringComparer.Ordinal))
        {
            var ordered = person.OrderBy(r => r.BookedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
            IReadOnlyList<Charge> ChargesOf(string id) => charges.TryGetValue(id, out var list) ? list : [];
            var after = ordered.Select(r => StatisticsRow.Of(r).ToBooking(ChargesOf(r.Id))).ToList();
            var before = ordered
                .Select(r => (r.Id, Row: counted.TryGetValue(r.Id, out var old) ? old : StatisticsRow.Of(r)))
                .Where(x => x.Row is not null)
                .OrderBy(x => x.Row!.BookedAt).ThenBy(x => x.Id, StringComparer.Ordinal)
                .Select(x => x.Row!.ToBooking(ChargesOf(x.Id))).ToList();
            figures.Replace(before, after);
        }

        return changes[^1].Id;
    }

    /// <summary>
    /// A read-only snapshot for the rest of this context's work: SQLite's deferred transaction (WAL readers never block
    /// the writer), PostgreSQL's repeatable read. Disposing it ends it.
    /// </summary>
    private async Task<IAsyncDisposable> SnapshotAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        }

        await db.Database.OpenConnectionAsync(ct);
        var transaction = ((Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection()).BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(transaction, ct);
        return new SqliteSnapshot(db, transaction);
    }

    /// <summary>Ends a SQLite read snapshot: EF forgets the transaction it was lent, which is rolled back (nothing was written), and the connection closes.</summary>
    private sealed class SqliteSnapshot(LiaisonDbContext db, System.Data.Common.DbTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The name of the stamp that says up to which change the log was pruned.</summary>
    public const string PrunedStamp = "statistics-pruned";

    private static async Task<long> PrunedThroughAsync(LiaisonDbContext db, CancellationToken ct) =>
        await db.CacheStamps.AsNoTracking().Where(s => s.Name == PrunedStamp).Select(s => (long?)s.Version).SingleOrDefaultAsync(ct) ?? 0;

    /// <summary>
    /// Keeps the latest <paramref name="keep"/> changes and forgets older ones (an instance further behind computes its
    /// figures again). Run by the deadline monitor and after the demo county is created. Returns how many were removed.
    /// </summary>
    public static async Task<int> PruneChangesAsync(LiaisonDbContext db, long keep = MaxFollow, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cut = (await db.StatisticsChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0) - keep;
        if (cut <= 0 || cut <= await PrunedThroughAsync(db, ct))
        {
            return 0;
        }

        // The watermark first: an instance that reads it before the rows go recomputes rather than follows a gap.
        if (await db.CacheStamps.Where(s => s.Name == PrunedStamp).ExecuteUpdateAsync(set => set.SetProperty(s => s.Version, cut), ct) == 0)
        {
            db.CacheStamps.Add(new CacheStampRecord { Name = PrunedStamp, Version = cut });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return await db.StatisticsChanges.Where(c => c.Id <= cut).ExecuteDeleteAsync(ct);
    }

    private const string BookingColumns = "\"Id\", \"PersonId\", \"BookedAt\", \"BirthCountry\", \"EligibleAt\", \"OverDetentionSeconds\", \"Model\", " +
        "\"ScreenedAt\", \"DhsMatchAt\", \"InterviewedAt\", \"DetainerLodgedAt\", \"DetainerServedAt\", \"WarrantServedAt\", \"NotificationRequestedAt\", " +
        "\"LiftedAt\", \"LiftReason\", \"HoldExpiredAt\", \"ReleasedAt\", \"TransferredAt\", \"TransferHonouredHold\", \"CitizenshipClaimedAt\", " +
        "\"CitizenshipResolvedAt\", \"CitizenshipFinding\", \"OverDetentionFrom\", \"FirstDutyDue\", \"DutiesInTime\", \"DutiesLate\", " +
        "\"DutiesNeverTold\", \"DutyLateSeconds\", \"ConsularAdvisalDeadline\", \"ConsularAdvisedAt\", \"ConsularNoticeDeadline\", \"ConsularNotifiedAt\", " +
        "\"NoticesFirstDue\", \"NoticesInTime\", \"NoticesLate\", \"NoticesNeverGiven\"";

    /// <summary>
    /// What the statistics read of every booking, streamed in booking order (the re-booking measure looks back): keyset
    /// pages along the (BookedAt, Id) index, each page's charges in one more query over the same range. Read with the
    /// provider's data reader rather than EF's materialiser, which cost several times more per row at millions of
    /// bookings (docs/benchmarks.md); the SQL is fixed text with parameters, on both databases.
    /// </summary>
    public async IAsyncEnumerable<StatisticsBooking> BookingsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        const int Page = 10_000;
        var sqlite = db.Database.IsSqlite();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        try
        {
            Instant? lastAt = null;
            var lastId = "";
            var ties = 0; // rows of the last page booked at lastAt: read again, then skipped (a range on one column keeps the index)
            while (true)
            {
                var page = new List<StatisticsBooking>(Page);
                var ids = new List<string>(Page);
                var seen = 0;
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                    command.CommandText = $"SELECT {BookingColumns} FROM \"bookings\"" + (lastAt is null ? "" : " WHERE \"BookedAt\" >= @at") +
                        " ORDER BY \"BookedAt\", \"Id\" LIMIT @n";
                    Parameter(command, "@n", Page + ties);
                    if (lastAt is { } at)
                    {
                        Parameter(command, "@at", sqlite ? StoredInstants.Ticks(at) : at);
                    }

                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        seen++;
                        var id = reader.GetString(0);
                        var bookedAt = InstantAt(reader, 2, sqlite)!.Value;
                        if (lastAt is { } seenAt && bookedAt == seenAt && string.CompareOrdinal(id, lastId) <= 0)
                        {
                            continue;
                        }

                        ids.Add(id);
                        page.Add(Row(reader, bookedAt, sqlite));
                    }
                }

                if (page.Count == 0)
                {
                    yield break;
                }

                var charges = await ChargesAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), page[0].BookedAt, page[^1].BookedAt, sqlite, ct);
                for (var i = 0; i < page.Count; i++)
                {
                    yield return charges.TryGetValue(ids[i], out var list) ? page[i] with { Charges = list } : page[i];
                }

                (lastAt, lastId) = (page[^1].BookedAt, ids[^1]);
                ties = seen == 0 ? 0 : page.Count(b => b.BookedAt == lastAt) + (seen - page.Count);
            }
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static StatisticsBooking Row(System.Data.Common.DbDataReader r, Instant bookedAt, bool sqlite)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? At(int i) => InstantAt(r, i, sqlite)?.ToUnixTimeTicks();
        return new StatisticsRow(r.GetString(1), bookedAt.ToUnixTimeTicks(), Text(3), At(4), r.GetInt64(5), Text(6),
            At(7), At(8), At(9), At(10), At(11), At(12), At(13), At(14), Text(15), At(16), At(17), At(18), r.GetBoolean(19),
            At(20), At(21), Text(22), At(23), At(24), r.GetInt32(25), r.GetInt32(26), r.GetInt32(27), r.GetInt64(28),
            At(29), At(30), At(31), At(32), At(33), r.GetInt32(34), r.GetInt32(35), r.GetInt32(36)).ToBooking([]);
    }

    /// <summary>The charges of the bookings booked from <paramref name="first"/> to <paramref name="last"/>, by booking, in the order recorded.</summary>
    private static async Task<Dictionary<string, List<Charge>>> ChargesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction,
        Instant first, Instant last, bool sqlite, CancellationToken ct)
    {
        var result = new Dictionary<string, List<Charge>>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT c.\"BookingId\", c.\"Code\", c.\"Level\", c.\"Status\" FROM \"charges\" c JOIN \"bookings\" b ON b.\"Id\" = c.\"BookingId\" " +
            "WHERE b.\"BookedAt\" >= @first AND b.\"BookedAt\" <= @last ORDER BY c.\"Id\"";
        Parameter(command, "@first", sqlite ? StoredInstants.Ticks(first) : first);
        Parameter(command, "@last", sqlite ? StoredInstants.Ticks(last) : last);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var booking = reader.GetString(0);
            if (!result.TryGetValue(booking, out var list))
            {
                result[booking] = list = new List<Charge>(4);
            }

            // Codes, levels and statuses repeat millions of times: intern them so the figures hold one copy of each.
            list.Add(new Charge(string.Intern(reader.GetString(1)), null, string.Intern(reader.GetString(2)), string.Intern(reader.GetString(3))));
        }

        return result;
    }

    private static Instant? InstantAt(System.Data.Common.DbDataReader reader, int i, bool sqlite) =>
        reader.IsDBNull(i) ? null : sqlite ? Instant.FromUnixTimeTicks(reader.GetInt64(i)) : reader.GetFieldValue<Instant>(i);

    private static void Parameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    public async Task<string> AgencyNameAsync(CancellationToken ct = default) =>
        await db.AgencySettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(ct) ?? "";

    /// <summary>The disclosure threshold k the agency set (10 unless changed; never below 5).</summary>
    public async Task<int> ThresholdAsync(CancellationToken ct = default) =>
        Math.Max(DisclosureControl.MinimumK, await db.AgencySettings.AsNoTracking().Select(s => s.DisclosureThreshold).SingleOrDefaultAsync(ct));

    public async Task<IReadOnlyList<StatisticsPublicationRecord>> PublicationsAsync(CancellationToken ct = default) =>
        (await db.StatisticsPublications.AsNoTracking().ToListAsync(ct)).OrderBy(p => p.Month, StringComparer.Ordinal).ToList();

    /// <summary>The public download: every published row, k, and when they were generated (the latest publication; the epoch before any).</summary>
    public async Task<(IReadOnlyList<PublishedRow> Rows, int K, Instant GeneratedAt)> PublicFileAsync(CancellationToken ct = default)
    {
        var file = await PublishedAsync(ct);
        return (file.Rows, file.K, file.GeneratedAt);
    }

    /// <summary>
    /// Everything the public reads, with its files already written: built once per publication and kept by this
    /// instance (published figures never change; a new publication is seen at the next request on every instance).
    /// </summary>
    public async Task<PublishedFile> PublishedAsync(CancellationToken ct = default)
    {
        var latest = await db.StatisticsPublications.MaxAsync(p => (int?)p.Id, ct) ?? 0;
        if (published.Current is { } hit && hit.Latest == latest)
        {
            return hit;
        }

        var publications = await PublicationsAsync(ct);
        // k as the latest publication applied it (each publication records its own).
        var (rows, k, at) = publications.Count == 0
            ? ([], await ThresholdAsync(ct), Instant.FromUnixTimeSeconds(0))
            : (await PublishedRowsAsync(ct), publications[^1].K, publications.Max(p => p.PublishedAt));
        var file = new PublishedFile(publications.Count == 0 ? 0 : publications.Max(p => p.Id), publications, rows, k, at,
            StatisticsFiles.Csv(rows), StatisticsFiles.Json(rows, k, at));
        published.Current = file;
        return file;
    }

    /// <summary>Every published row, in the catalogue's order, exactly as the public reads it.</summary>
    public async Task<IReadOnlyList<PublishedRow>> PublishedRowsAsync(CancellationToken ct = default) =>
        [.. StatisticsFiles.Ordered((await PublishedCellsAsync(ct)).Select(Publication.RowOf))];

    private async Task<List<DisclosureCell>> PublishedCellsAsync(CancellationToken ct) =>
        [.. (await db.PublishedFigures.AsNoTracking().ToListAsync(ct)).Select(f => new DisclosureCell(
            new FigureKey(f.Measure, f.Period, f.Model, f.Category),
            Codes.TryParse<MeasureKind>(f.Kind, out var kind) ? kind : MeasureKind.Other, f.Value, f.People, f.Suppressed, frozen: true))];

    /// <summary>The local month that has just ended, in the agency's zone.</summary>
    public async Task<YearMonth> LastClosedMonthAsync(CancellationToken ct = default)
    {
        var world = await worlds.WorldAsync(db, ct);
        var today = clock.GetCurrentInstant().InZone(world.Zone).Date;
        return new YearMonth(today.Year, today.Month).PlusMonths(-1);
    }

    /// <summary>The month the program manager may publish next: the one after the last published, once it has ended.</summary>
    public async Task<YearMonth?> NextToPublishAsync(CancellationToken ct = default)
    {
        var publications = await PublicationsAsync(ct);
        var last = publications.Count == 0 ? null : publications[^1];
        var closed = await LastClosedMonthAsync(ct);
        var next = last is null ? closed : Parse(last.Month).PlusMonths(1);
        return next <= closed ? next : null;
    }

    /// <summary>
    /// Publishes <paramref name="month"/> (and the quarter and fiscal year it completes), protected together with every
    /// earlier publication, in one transaction with its audit entry. Months are published in order, each once, after it ends.
    /// </summary>
    public async Task<StatisticsPublicationRecord> PublishAsync(YearMonth month, string? note, string publishedBy, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(publishedBy);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 500 })
        {
            throw new PublicationRefusedException("Note", "Note: at most 500 characters.");
        }

        var publications = await PublicationsAsync(ct);
        var closed = await LastClosedMonthAsync(ct);
        if (month > closed)
        {
            throw new PublicationRefusedException("Month", $"Month: {Format(month)} has not ended yet; the latest month that can be published is {Format(closed)}.");
        }

        if (publications.Any(p => p.Month == Format(month)))
        {
            throw new PublicationRefusedException("Month", $"Month: {Format(month)} was published already; published figures never change.");
        }

        if (publications.Count > 0 && publications[^1] is var last && Parse(last.Month).PlusMonths(1) != month)
        {
            throw new PublicationRefusedException("Month", $"Month: months are published in order; the next is {Format(Parse(last.Month).PlusMonths(1))}.");
        }

        return await PublishAsync(month, note, publishedBy, await ComputeAsync(ct), ct);
    }

    /// <summary>Publishes every closed month from <paramref name="first"/> on, in order, from one computation of the figures. Returns how many.</summary>
    public async Task<int> PublishMonthsFromAsync(YearMonth first, string publishedBy, CancellationToken ct = default)
    {
        var figures = await ComputeAsync(ct);
        var count = 0;
        for (var month = first; month <= await LastClosedMonthAsync(ct); month = month.PlusMonths(1))
        {
            await PublishAsync(month, null, publishedBy, figures, ct);
            count++;
        }

        return count;
    }

    private async Task<StatisticsPublicationRecord> PublishAsync(YearMonth month, string? note, string publishedBy, StatisticsFigures figures, CancellationToken ct)
    {
        var k = await ThresholdAsync(ct);
        var reporting = await crimeReports.LatestAsync(ct);
        var outside = (reporting.Estimate is { } estimate ? Domain.Trust.ReportingIndicator.Cells(estimate, Format(month)) : [])
            .Concat(await surveys.PublicationCellsAsync(month, k, ct));
        var fresh = Publication.Protect(figures, month, await PublishedCellsAsync(ct), k, outside);
        var publication = new StatisticsPublicationRecord { Month = Format(month), PublishedAt = clock.GetCurrentInstant(), PublishedBy = publishedBy, Note = note, K = k };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.StatisticsPublications.Add(publication);
        await db.SaveChangesAsync(ct);
        db.PublishedFigures.AddRange(fresh.Select(c => new PublishedFigureRecord
        {
            PublicationId = publication.Id,
            Measure = c.Key.Measure,
            Kind = Codes.Of(c.Kind),
            Period = c.Key.Period,
            Model = c.Key.Model,
            Category = c.Key.Category,
            Value = c.Value,
            People = c.People,
            Suppressed = c.Suppressed,
        }));
        audit.Add(PublishAction, "statistics", publication.Month,
            $"k={k}; {fresh.Count} figures ({fresh.Count(c => c.Suppressed)} suppressed){(note is null ? "" : "; note: " + note)}", publishedBy);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return publication;
    }

    /// <summary>
    /// The restricted part of a period's report, for the program manager and auditors only: the over-detention cases,
    /// citizenship claims and duties to tell ICE that were late, each by booking number (no names).
    /// </summary>
    public async Task<RestrictedCases> RestrictedAsync(StatPeriod period, CancellationToken ct = default)
    {
        var world = await worlds.WorldAsync(db, ct);
        var from = period.Month.OnDayOfMonth(1).AtStartOfDayInZone(world.Zone).ToInstant();
        var to = period.LastMonth.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(world.Zone).ToInstant();
        var over = await db.Bookings.AsNoTracking().Where(b => b.OverDetentionFrom >= from && b.OverDetentionFrom < to)
            .OrderBy(b => b.OverDetentionFrom).Select(b => new OverDetentionCase(b.Id, b.OverDetentionFrom!.Value, b.OverDetentionSeconds / 60, b.Custody)).ToListAsync(ct);
        var claims = await db.Bookings.AsNoTracking().Where(b => b.CitizenshipClaimedAt >= from && b.CitizenshipClaimedAt < to)
            .OrderBy(b => b.CitizenshipClaimedAt).Select(b => new CitizenshipCase(b.Id, b.CitizenshipClaimedAt!.Value, b.CitizenshipResolvedAt, b.CitizenshipFinding)).ToListAsync(ct);
        var late = await db.Bookings.AsNoTracking().Where(b => b.FirstDutyDue >= from && b.FirstDutyDue < to && (b.DutiesLate > 0 || b.DutiesNeverTold > 0))
            .OrderBy(b => b.FirstDutyDue).Select(b => new LateDutyCase(b.Id, b.FirstDutyDue!.Value, b.DutiesLate, b.DutiesNeverTold, b.DutyLateSeconds)).ToListAsync(ct);
        return new RestrictedCases(over, claims, late);
    }

    public static string Format(YearMonth month) => StatPeriod.OfMonth(month).ToString();

    public static YearMonth Parse(string month) =>
        StatPeriod.TryParse(month, out var p) && p.Kind == PeriodKind.Month ? p.Month : throw new FormatException($"Not a month: {month}");
}

/// <summary>What the public reads, as of one publication, with its files written.</summary>
public sealed record PublishedFile(int Latest, IReadOnlyList<StatisticsPublicationRecord> Publications, IReadOnlyList<PublishedRow> Rows, int K,
    Instant GeneratedAt, string Csv, byte[] Json)
{
    /// <summary>The published fiscal years and quarters, newest first.</summary>
    public IReadOnlyList<string> Aggregates { get; } =
        [.. Rows.Select(r => r.Period).Where(p => p.StartsWith("FY", StringComparison.Ordinal)).Distinct().OrderDescending(StringComparer.Ordinal)];

    // Built once per publication, so that the public page looks figures up instead of scanning every row per request.
    private readonly Dictionary<(string Measure, string Period, string Category), string> _all = Rows
        .Where(r => r.Model == StatisticsFigures.AllModels)
        .ToDictionary(r => (r.Measure, r.Period, r.Category), r => r.Value);

    private readonly Dictionary<string, string[]> _periods = Rows
        .Where(r => r.Model == StatisticsFigures.AllModels)
        .GroupBy(r => r.Measure, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(r => r.Period).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>A figure for both models together, as published ("suppressed" or a number); null when none was. The page's totals are category <see cref="Measure.All"/>.</summary>
    public string? Find(string measure, string period, string category) => _all.GetValueOrDefault((measure, period, category));

    /// <summary>The periods with a published figure of <paramref name="measure"/> for both models together, oldest first.</summary>
    public IReadOnlyList<string> PeriodsOf(string measure) => _periods.GetValueOrDefault(measure) ?? [];
}

/// <summary>The published file this instance keeps (replaced whole when a publication is newer).</summary>
public sealed class PublishedCache
{
    public PublishedFile? Current { get; set; }
}

/// <summary>The figures this instance keeps, and the last change they include, shared by every request.</summary>
public sealed class StatisticsCache : IDisposable
{
    public sealed record Entry(long Head, DateTimeZone Zone, StatisticsFigures Figures);

    /// <summary>The bookings' figures with the complaints counted onto a copy, and the complaints' state they counted.</summary>
    public sealed record Combined(StatisticsFigures Bookings, (int Complaints, long LastEntry) Stamp, StatisticsFigures Figures);

    /// <summary>Replaced whole, never changed in place: a reader keeps a consistent set.</summary>
    public Entry? Current { get; set; }

    public Combined? WithComplaints { get; set; }

    /// <summary>One computation or catch-up at a time per instance.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public void Dispose() => Gate.Dispose();
}
