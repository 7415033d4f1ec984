using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
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
public sealed class StatisticsService(LiaisonDbContext db, IClock clock, AuditLog audit, CustodyWorldCache worlds, StatisticsCache cache)
{
    public const string PublishAction = "statistics.publish";

    /// <summary>The live figures (at most a minute old, or as of the latest event).</summary>
    public async Task<StatisticsFigures> FiguresAsync(CancellationToken ct = default)
    {
        var stamp = await db.CustodyEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        return await cache.GetAsync(stamp, clock.GetCurrentInstant(), () => ComputeAsync(ct));
    }

    /// <summary>Every figure computed afresh in one pass over the bookings, in booking order.</summary>
    public async Task<StatisticsFigures> ComputeAsync(CancellationToken ct = default)
    {
        var world = await worlds.WorldAsync(db, ct);
        var rows = db.Bookings.AsNoTracking()
            .OrderBy(b => b.BookedAt).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.PersonId,
                b.BookedAt,
                b.BirthCountry,
                b.EligibleAt,
                b.OverDetentionSeconds,
                b.Model,
                b.ScreenedAt,
                b.DhsMatchAt,
                b.InterviewedAt,
                b.DetainerLodgedAt,
                b.DetainerServedAt,
                b.WarrantServedAt,
                b.NotificationRequestedAt,
                b.LiftedAt,
                b.LiftReason,
                b.HoldExpiredAt,
                b.ReleasedAt,
                b.TransferredAt,
                b.TransferHonouredHold,
                b.CitizenshipClaimedAt,
                b.CitizenshipResolvedAt,
                b.CitizenshipFinding,
                b.OverDetentionFrom,
                b.FirstDutyDue,
                b.DutiesInTime,
                b.DutiesLate,
                b.DutiesNeverTold,
                b.DutyLateSeconds,
                Charges = b.Charges.Select(c => new Charge(c.Code, null, c.Level, c.Status)).ToList(),
            })
            .AsAsyncEnumerable();
        var figures = StatisticsFigures.Empty(world.Zone);
        await foreach (var b in rows.WithCancellation(ct))
        {
            var milestones = new BookingMilestones
            {
                Model = Codes.TryParse<AgreementModel>(b.Model, out var model) ? model : null,
                ScreenedAt = b.ScreenedAt,
                DhsMatchAt = b.DhsMatchAt,
                InterviewedAt = b.InterviewedAt,
                DetainerLodgedAt = b.DetainerLodgedAt,
                DetainerServedAt = b.DetainerServedAt,
                WarrantServedAt = b.WarrantServedAt,
                NotificationRequestedAt = b.NotificationRequestedAt,
                LiftedAt = b.LiftedAt,
                LiftReason = b.LiftReason,
                HoldExpiredAt = b.HoldExpiredAt,
                ReleasedAt = b.ReleasedAt,
                TransferredAt = b.TransferredAt,
                TransferHonouredHold = b.TransferHonouredHold,
                CitizenshipClaimedAt = b.CitizenshipClaimedAt,
                CitizenshipResolvedAt = b.CitizenshipResolvedAt,
                CitizenshipFinding = Codes.TryParse<CitizenshipFinding>(b.CitizenshipFinding, out var finding) ? finding : null,
                OverDetentionFrom = b.OverDetentionFrom,
                FirstDutyDue = b.FirstDutyDue,
                DutiesInTime = b.DutiesInTime,
                DutiesLate = b.DutiesLate,
                DutiesNeverTold = b.DutiesNeverTold,
                DutyLateSeconds = b.DutyLateSeconds,
            };
            figures.Add(new StatisticsBooking(b.PersonId, b.BookedAt, b.BirthCountry, b.Charges, b.EligibleAt, b.OverDetentionSeconds, milestones));
        }

        return figures;
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
        var publications = await PublicationsAsync(ct);
        // k as the latest publication applied it (each publication records its own).
        return publications.Count == 0
            ? ([], await ThresholdAsync(ct), Instant.FromUnixTimeSeconds(0))
            : (await PublishedRowsAsync(ct), publications[^1].K, publications.Max(p => p.PublishedAt));
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
        var fresh = Publication.Protect(figures, month, await PublishedCellsAsync(ct), k);
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

/// <summary>The last computed figures, shared by every request of this instance until an event is stored or a minute passes.</summary>
public sealed class StatisticsCache : IDisposable
{
    private static readonly Duration Lifetime = Duration.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Stamp, Instant At, StatisticsFigures Figures)? _last;

    public async Task<StatisticsFigures> GetAsync(long stamp, Instant now, Func<Task<StatisticsFigures>> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        if (_last is { } hit && hit.Stamp == stamp && now - hit.At < Lifetime)
        {
            return hit.Figures;
        }

        await _gate.WaitAsync();
        try
        {
            if (_last is { } again && again.Stamp == stamp && now - again.At < Lifetime)
            {
                return again.Figures;
            }

            var figures = await compute();
            _last = (stamp, now, figures);
            return figures;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
