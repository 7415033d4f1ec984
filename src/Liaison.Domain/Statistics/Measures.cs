using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>How a figure adds up (the published layout's <c>kind</c>).</summary>
public enum MeasureKind
{
    /// <summary>People or events; additive over category, model and period.</summary>
    Count,

    /// <summary>Counts whose categories overlap: additive over model and period, not over category.</summary>
    [Code("count-multi")]
    CountMulti,

    /// <summary>Minutes, medians, shares: not additive.</summary>
    Other,
}

/// <summary>What the statistics read of one booking: no name, no date of birth, no free text.</summary>
public sealed record StatisticsBooking(
    string PersonId,
    Instant BookedAt,
    string? BirthCountry,
    IReadOnlyList<Charge> Charges,
    Instant? EligibleAt,
    long OverDetentionSeconds,
    BookingMilestones Milestones)
{
    public NoticeMilestones Notices { get; init; } = NoticeMilestones.None;

    /// <summary>When the jail's custody ended (release or transfer to ICE), if it has.</summary>
    public Instant? CustodyEnded => Milestones.TransferredAt ?? Milestones.ReleasedAt;
}

/// <summary>
/// What the statistics read of the entries kept beside the custody record: each consular duty's deadline and when it
/// was met (decision 0015), and the person's notices by outcome (decision 0017).
/// </summary>
public sealed record NoticeMilestones(Instant? ConsularAdvisalDeadline, Instant? ConsularAdvisedAt, Instant? ConsularNoticeDeadline, Instant? ConsularNotifiedAt,
    Notices.NoticeOutcomes Person)
{
    public static readonly NoticeMilestones None = new(null, null, null, null, default);
}

/// <summary>One contribution of a booking to a measure: at an instant (which dates it), in a category, a value (1 for counts).</summary>
public readonly record struct Contribution(Instant At, string Category, double Value = 1);

/// <summary>
/// One published measure. Its definition is in <c>docs/statistics.md</c> under the same id; <see cref="Contributions"/>
/// is that definition in code. <see cref="Aggregate"/> turns an <c>other</c> measure's values into its figure.
/// </summary>
public sealed record Measure(
    string Id,
    MeasureKind Kind,
    string Title,
    string Unit,
    IReadOnlyList<string> Categories,
    Func<StatisticsBooking, StatisticsContext, IEnumerable<Contribution>> Contributions)
{
    public const string All = "all";

    public bool ByModel { get; init; } = true;

    /// <summary>For <see cref="MeasureKind.Other"/>: the values of the people counted → the figure.</summary>
    public Func<IReadOnlyList<double>, double>? Aggregate { get; init; }

    /// <summary>
    /// For a measure of complaints rather than bookings (decision 0019): what one complaint contributes. Such a measure
    /// has no booking contributions and no agreement model (the public files them against the agency, not a model).
    /// </summary>
    public Func<Complaints.ComplaintState, IEnumerable<Contribution>>? ComplaintContributions { get; init; }

    /// <summary>Categories a row is published for: the breakdown, then <c>all</c>.</summary>
    public IEnumerable<string> PublishedCategories => Categories.Append(All);
}

/// <summary>What a measure may know beyond the booking: the offence table and earlier bookings of the same person.</summary>
public sealed class StatisticsContext(OffenceCategories offences)
{
    private readonly Dictionary<string, (Instant End, bool Transferred)> _lastEnd = new(StringComparer.Ordinal);

    public OffenceCategories Offences { get; } = offences;

    /// <summary>When the person's previous booking ended (release or transfer), if it did before this one began.</summary>
    public (Instant End, bool Transferred)? PreviousEnd { get; private set; }

    /// <summary>For <see cref="StatisticsFigures.Replace"/>: the previous end, worked out from the person's own bookings.</summary>
    internal void Set((Instant End, bool Transferred)? previousEnd) => PreviousEnd = previousEnd;

    /// <summary>After the full pass: the people seen are no longer needed.</summary>
    internal void Forget()
    {
        _lastEnd.Clear();
        _lastEnd.TrimExcess();
    }

    /// <summary>Called in booking-time order before a booking's contributions are read.</summary>
    internal void Enter(StatisticsBooking b)
    {
        PreviousEnd = _lastEnd.TryGetValue(b.PersonId, out var end) && end.End <= b.BookedAt ? end : null;
        if ((b.Milestones.TransferredAt ?? b.Milestones.ReleasedAt) is { } ended)
        {
            _lastEnd[b.PersonId] = (ended, b.Milestones.TransferredAt is not null);
        }
    }
}

/// <summary>Every measure Liaison computes, in the order pages and files list them.</summary>
public static class Measures
{
    public static readonly string[] CriminalityGroups = ["convicted", "pending-charges", "no-criminal-history"];
    public static readonly string[] ClaimFindings = ["us-citizen", "not-us-citizen"];
    public static readonly string[] DutyOutcomes = ["in-time", "late", "never-told"];
    public static readonly string[] NoticeOutcomes = ["in-time", "late", "never-given"];
    public static readonly string[] RebookedAfter = ["after-release", "after-transfer"];
    public static readonly string[] ChargeLevels = ["felony", "misdemeanor", "infraction"];
    public static readonly string[] ComplaintFindings = [.. Enum.GetValues<Complaints.ComplaintFinding>().Select(f => Codes.Of(f))];

    private static readonly Duration Year = Duration.FromDays(365);

    private static IEnumerable<Contribution> At(Instant? at, string category = Measure.All) =>
        at is { } a ? [new Contribution(a, category)] : [];

    private static IEnumerable<Contribution> Value(Instant? at, double value, string category = Measure.All) =>
        at is { } a ? [new Contribution(a, category, value)] : [];

    public static IReadOnlyList<Measure> All { get; } = Build(OffenceCategories.Standard);

    public static Measure? Find(string id) => All.FirstOrDefault(m => m.Id == id);

    private static List<Measure> Build(OffenceCategories offences)
    {
        string[] chargeCategories = [.. offences.Categories];
        string[] mostSerious = [.. offences.Categories, OffenceCategories.NoCharge];
        string[] levelAndDetainer = [.. ChargeLevels.SelectMany(l => new[] { $"{l}-with-detainer", $"{l}-without-detainer" })];
        return
        [
            new("bookings", MeasureKind.Count, "Bookings", "bookings", [], (b, _) => At(b.BookedAt)),
            new("bookings-screened", MeasureKind.Count, "Bookings screened", "bookings", [], (b, _) => At(b.Milestones.ScreenedAt)),
            new("dhs-matches", MeasureKind.Count, "DHS biometric matches", "bookings", [], (b, _) => At(b.Milestones.DhsMatchAt)),
            new("interviews", MeasureKind.Count, "People interviewed", "bookings", [], (b, _) => At(b.Milestones.InterviewedAt)),
            new("detainers-lodged", MeasureKind.Count, "Detainers lodged", "detainers", [], (b, _) => At(b.Milestones.DetainerLodgedAt)),
            new("detainers-served", MeasureKind.Count, "Detainers served", "detainers", [], (b, _) => At(b.Milestones.DetainerServedAt)),
            new("warrants-served", MeasureKind.Count, "Warrants served", "warrants", [], (b, _) => At(b.Milestones.WarrantServedAt)),
            new("detainers-honoured", MeasureKind.Count, "Detainers honoured (custody transferred to ICE)", "detainers", [],
                (b, _) => b.Milestones.TransferHonouredHold ? At(b.Milestones.TransferredAt) : []),
            new("detainers-lifted", MeasureKind.Count, "Detainers lifted, by reason", "detainers", LiftReasons.All,
                (b, _) => At(b.Milestones.LiftedAt, b.Milestones.LiftReason ?? LiftReasons.Other)),
            new("detainers-expired", MeasureKind.Count, "Holds that expired with no transfer", "holds", [], (b, _) => At(b.Milestones.HoldExpiredAt)),
            new("transfers-to-ice", MeasureKind.Count, "Transfers to ICE, by criminality group", "people", CriminalityGroups,
                (b, _) => At(b.Milestones.TransferredAt, CriminalityOf(b.Charges))),
            new("transfers-by-most-serious-charge", MeasureKind.Count, "Transfers to ICE, by most serious charge", "people", mostSerious,
                (b, c) => At(b.Milestones.TransferredAt, MostSeriousCategory(b.Charges, c.Offences))),
            new("transferred-charges", MeasureKind.Count, "Charges and convictions of people transferred, by offence category", "charges", chargeCategories,
                (b, c) => b.Milestones.TransferredAt is { } t ? b.Charges.Select(ch => new Contribution(t, c.Offences.CategoryOf(ch.Code))) : []),
            new("transfers-with-charge-category", MeasureKind.CountMulti, "People transferred with at least one charge in the category", "people", chargeCategories,
                (b, c) => b.Milestones.TransferredAt is { } t
                    ? b.Charges.Select(ch => c.Offences.CategoryOf(ch.Code)).Distinct(StringComparer.Ordinal).Select(cat => new Contribution(t, cat))
                        .Append(new Contribution(t, Measure.All))
                    : []),
            new("citizenship-claims", MeasureKind.Count, "Claims of US citizenship", "people", [], (b, _) => At(b.Milestones.CitizenshipClaimedAt)),
            new("citizenship-claims-resolved", MeasureKind.Count, "Citizenship claims resolved, by finding", "people", ClaimFindings,
                (b, _) => b.Milestones.CitizenshipFinding is { } f ? At(b.Milestones.CitizenshipResolvedAt, Codes.Of(f)) : []),
            new("citizenship-days-to-resolution", MeasureKind.Other, "Median days from claim to resolution", "days", [],
                (b, _) => b.Milestones is { CitizenshipClaimedAt: { } from, CitizenshipResolvedAt: { } to }
                    ? Value(to, (to - from).TotalDays) : []) { Aggregate = Median },
            new("over-detention-incidents", MeasureKind.Count, "Over-detention incidents", "people", [], (b, _) => At(b.Milestones.OverDetentionFrom)),
            new("over-detention-minutes", MeasureKind.Other, "Minutes of over-detention", "minutes", [],
                (b, _) => Value(b.Milestones.OverDetentionFrom, b.OverDetentionSeconds / 60)) { Aggregate = Sum },
            new("hours-eligible-to-handover-median", MeasureKind.Other, "Hours from release-eligible to hand-over to ICE, median", "hours", [],
                (b, _) => HoursToHandover(b)) { Aggregate = Median },
            new("hours-eligible-to-handover-p90", MeasureKind.Other, "Hours from release-eligible to hand-over to ICE, 90th percentile", "hours", [],
                (b, _) => HoursToHandover(b)) { Aggregate = v => Percentile(v, 0.9) },
            new("rebooked-within-a-year", MeasureKind.Count, "People booked again within a year of release or transfer", "bookings", RebookedAfter,
                (b, c) => c.PreviousEnd is { } prev && b.BookedAt - prev.End <= Year
                    ? At(b.BookedAt, prev.Transferred ? "after-transfer" : "after-release") : []),
            new("days-in-jail-median", MeasureKind.Other, "Days in jail, median, by most serious charge level and detainer", "days", levelAndDetainer,
                (b, _) => (b.Milestones.TransferredAt ?? b.Milestones.ReleasedAt) is { } end && LevelOf(b.Charges) is { } level
                    ? Value(end, (end - b.BookedAt).TotalDays, $"{level}-{(b.Milestones.DetainerLodgedAt is not null || b.Milestones.WarrantServedAt is not null ? "with" : "without")}-detainer")
                    : []) { Aggregate = Median },
            new("notification-requests", MeasureKind.Count, "Requests to be told of release (I-247G, I-247N)", "bookings", [],
                (b, _) => At(b.Milestones.NotificationRequestedAt)),
            new("duties-to-tell-ice", MeasureKind.Count, "Duties to tell ICE (rule 14), by outcome", "duties", DutyOutcomes,
                (b, _) => b.Milestones.FirstDutyDue is { } due
                    ? Enumerable.Repeat(new Contribution(due, "in-time"), b.Milestones.DutiesInTime)
                        .Concat(Enumerable.Repeat(new Contribution(due, "late"), b.Milestones.DutiesLate))
                        .Concat(Enumerable.Repeat(new Contribution(due, "never-told"), b.Milestones.DutiesNeverTold))
                    : []),
            new("duty-hours-late", MeasureKind.Other, "Hours past due, average over duties told late or never told", "hours", [],
                (b, _) => b.Milestones is { FirstDutyDue: { } due } m && m.DutiesLate + m.DutiesNeverTold > 0
                    ? Enumerable.Repeat(new Contribution(due, Measure.All, m.DutyLateSeconds / 3600.0 / (m.DutiesLate + m.DutiesNeverTold)), m.DutiesLate + m.DutiesNeverTold)
                    : []) { Aggregate = Mean },
            new("consular-advisals", MeasureKind.Count, "Consular-rights advisals owed to foreign nationals, by outcome", "people", DutyOutcomes,
                (b, _) => Settled(b.Notices.ConsularAdvisalDeadline, b.Notices.ConsularAdvisedAt, b.CustodyEnded)),
            new("consular-notices", MeasureKind.Count, "Consular notifications owed (mandatory countries and people who asked), by outcome", "people", DutyOutcomes,
                (b, _) => Settled(b.Notices.ConsularNoticeDeadline, b.Notices.ConsularNotifiedAt, b.CustodyEnded)),
            new("notices-to-the-person", MeasureKind.Count, "Notices owed to the person (copies of ICE requests, release notices, interview consent), by outcome", "notices",
                NoticeOutcomes,
                (b, _) => b.Notices.Person is { FirstDue: { } due } p
                    ? Enumerable.Repeat(new Contribution(due, "in-time"), p.InTime)
                        .Concat(Enumerable.Repeat(new Contribution(due, "late"), p.Late))
                        .Concat(Enumerable.Repeat(new Contribution(due, "never-given"), p.NeverGiven))
                    : []),
            Complaint("complaints-received", "Complaints received from the public", [], c => At(c.ReceivedAt)),
            Complaint("complaints-closed", "Complaints closed, by finding", ComplaintFindings,
                c => c.Finding is { } f ? At(c.ClosedAt, Codes.Of(f)) : []),
            Complaint("complaints-referred-to-ice", "Complaints owed to ICE within 48 weekday hours, by outcome", DutyOutcomes,
                c => c.Clocks.FirstOrDefault(k => k.What == Complaints.ComplaintState.IceReferralClock) is { } clock ? Settled(clock.Due, clock.MetAt, c.ClosedAt) : []),
        ];
    }

    /// <summary>
    /// A duty with a deadline, once settled, dated at its deadline: met in time, met late, or never met while the jail
    /// held the person past the deadline. One still open, or whose custody ended before its deadline, is not counted.
    /// </summary>
    private static IEnumerable<Contribution> Settled(Instant? deadline, Instant? met, Instant? custodyEnded) => (deadline, met, custodyEnded) switch
    {
        ({ } d, { } m, _) => [new Contribution(d, m <= d ? "in-time" : "late")],
        ({ } d, null, { } ended) when ended > d => [new Contribution(d, "never-told")],
        _ => [],
    };

    /// <summary>A measure of complaints: counted once for the agency (no model), nothing from bookings.</summary>
    private static Measure Complaint(string id, string title, string[] categories, Func<Complaints.ComplaintState, IEnumerable<Contribution>> contributions) =>
        new(id, MeasureKind.Count, title, "complaints", categories, (_, _) => []) { ByModel = false, ComplaintContributions = contributions };

    private static IEnumerable<Contribution> HoursToHandover(StatisticsBooking b) =>
        b is { EligibleAt: { } eligible, Milestones.TransferredAt: { } transferred } && transferred >= eligible
            ? Value(transferred, (transferred - eligible).TotalHours) : [];

    /// <summary>ICE's criminality groups: a conviction, else pending charges only, else no criminal history.</summary>
    public static string CriminalityOf(IReadOnlyList<Charge> charges) =>
        charges.Any(c => string.Equals(c.Status, "convicted", StringComparison.OrdinalIgnoreCase)) ? "convicted"
        : charges.Count > 0 ? "pending-charges"
        : "no-criminal-history";

    /// <summary>The most serious charge: highest level (felony, misdemeanour, infraction), then the category's rank.</summary>
    public static Charge? MostSerious(IReadOnlyList<Charge> charges, OffenceCategories offences) =>
        charges.Count == 0 ? null
        : charges.OrderBy(c => LevelRank(c.Level)).ThenBy(c => offences.RankOf(c.Code)).ThenBy(c => c.Code, StringComparer.Ordinal).First();

    public static string MostSeriousCategory(IReadOnlyList<Charge> charges, OffenceCategories offences) =>
        MostSerious(charges, offences) is { } c ? offences.CategoryOf(c.Code) : OffenceCategories.NoCharge;

    /// <summary>The level of the most serious charge; null with no charge.</summary>
    public static string? LevelOf(IReadOnlyList<Charge> charges) =>
        charges.Count == 0 ? null : ChargeLevels[charges.Min(c => LevelRank(c.Level)) is var r && r < ChargeLevels.Length ? r : ChargeLevels.Length - 1];

    private static int LevelRank(string? level) =>
        Array.FindIndex(ChargeLevels, l => string.Equals(l, level, StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : ChargeLevels.Length;

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    /// <summary>The nearest-rank percentile, so the figure is one of the values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        return sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    public static double Sum(IReadOnlyList<double> values) => values.Sum();

    public static double Mean(IReadOnlyList<double> values) => values.Average();
}
