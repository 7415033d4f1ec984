using Liaison.Domain.Jurisdictions;
using NodaTime;

namespace Liaison.Domain.Complaints;

/// <summary>Where a complaint stands in the staff workflow, in order.</summary>
public enum ComplaintStage
{
    Received,
    Assigned,
    Investigating,

    /// <summary>A finding is recorded (<see cref="ComplaintFinding"/>): the complaint is resolved.</summary>
    Finding,
    Closed,
}

/// <summary>The finding of an investigation, in the words of internal-affairs practice.</summary>
public enum ComplaintFinding
{
    /// <summary>The conduct happened and broke policy or law.</summary>
    Sustained,

    /// <summary>The evidence neither proves nor disproves it.</summary>
    NotSustained,

    /// <summary>It did not happen, or the officer named was not involved.</summary>
    Unfounded,

    /// <summary>It happened, and was lawful and within policy.</summary>
    Exonerated,
}

/// <summary>Where a complaint can be referred: ICE (the agreement's duty), ICE's Office of Professional Responsibility, the DHS Inspector General, DHS's Office for Civil Rights and Civil Liberties.</summary>
public enum ReferralBody
{
    Ice,
    [Code("ice-opr")]
    IceOpr,
    [Code("dhs-oig")]
    DhsOig,
    [Code("dhs-crcl")]
    DhsCrcl,
}

/// <summary>One entry of a complaint's record, appended, never changed.</summary>
public abstract record ComplaintEntry(Instant At, string Actor);

/// <summary>Staff take the complaint in hand: who investigates it (a user name).</summary>
public sealed record ComplaintAssigned(Instant At, string Actor, string Investigator) : ComplaintEntry(At, Actor);

public sealed record InvestigationStarted(Instant At, string Actor) : ComplaintEntry(At, Actor);

/// <summary>Whether the complaint is about someone acting in an immigration role (a designated officer, or other staff doing 287(g) work): only those go to ICE.</summary>
public sealed record ComplaintScoped(Instant At, string Actor, bool ImmigrationRole, string? BookingId, string? OfficerId) : ComplaintEntry(At, Actor);

public sealed record FindingRecorded(Instant At, string Actor, ComplaintFinding Finding, string Summary) : ComplaintEntry(At, Actor);

public sealed record ComplaintClosed(Instant At, string Actor) : ComplaintEntry(At, Actor);

/// <summary>The complaint (or, <see cref="Results"/>, the investigation's results) was sent to a body, with its reference.</summary>
public sealed record ComplaintReferred(Instant At, string Actor, ReferralBody To, string? Reference, bool Results = false) : ComplaintEntry(At, Actor);

/// <summary>A due time of a complaint and whether it was met.</summary>
public sealed record ComplaintClock(string What, Instant Due, Instant? MetAt)
{
    public bool OverdueAt(Instant now) => MetAt is null && now >= Due;

    public bool MetLate => MetAt is { } met && met > Due;
}

/// <summary>
/// A complaint's state from its record, and the agreement's clocks on it (decision 0019): to ICE within 48 hours of
/// receipt, weekends excluded, counted in the facility's zone, for a complaint about someone acting in an immigration
/// role (owed until staff say it is not); ICE told the results within 30 days of the finding; and Liaison's own
/// clocks for the workflow: assigned within 3 days, a finding within 90 days of receipt.
/// </summary>
public sealed record ComplaintState(Instant ReceivedAt, DateTimeZone Zone)
{
    public static readonly Duration IceReferralAllowed = Duration.FromHours(48);
    public static readonly Duration ResultsAllowed = Duration.FromDays(30);
    public static readonly Duration AssignmentAllowed = Duration.FromDays(3);
    public static readonly Duration FindingAllowed = Duration.FromDays(90);
    public const int MaxSummary = 4000, MaxReference = 100, MaxId = 64;

    /// <summary>What the clock of the agreement's 48-hour referral to ICE is called (<see cref="ComplaintClock.What"/>).</summary>
    public const string IceReferralClock = "referred to ICE";

    public ComplaintStage Stage { get; init; } = ComplaintStage.Received;

    public string? Investigator { get; init; }

    public Instant? AssignedAt { get; init; }

    public Instant? InvestigationStartedAt { get; init; }

    /// <summary>Null until staff say; owed to ICE until then.</summary>
    public bool? ImmigrationRole { get; init; }

    public string? BookingId { get; init; }

    public string? OfficerId { get; init; }

    public ComplaintFinding? Finding { get; init; }

    public Instant? FoundAt { get; init; }

    public Instant? ClosedAt { get; init; }

    public IReadOnlyList<ComplaintReferred> Referrals { get; init; } = [];

    /// <summary>Since when the complaint has stood at its stage (what the public's status page says).</summary>
    public Instant StageSince => Stage switch
    {
        ComplaintStage.Assigned => AssignedAt!.Value,
        ComplaintStage.Investigating => InvestigationStartedAt!.Value,
        ComplaintStage.Finding => FoundAt!.Value,
        ComplaintStage.Closed => ClosedAt!.Value,
        _ => ReceivedAt,
    };

    public static ComplaintState Of(Instant receivedAt, DateTimeZone zone, IEnumerable<ComplaintEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Aggregate(new ComplaintState(receivedAt, zone), (s, e) => s.With(e));
    }

    /// <summary>This state with <paramref name="entry"/> applied (checked first with <see cref="Problem"/>).</summary>
    public ComplaintState With(ComplaintEntry entry) => entry switch
    {
        ComplaintAssigned a => this with { Investigator = a.Investigator, AssignedAt = AssignedAt ?? a.At, Stage = Stage < ComplaintStage.Assigned ? ComplaintStage.Assigned : Stage },
        InvestigationStarted s => this with { InvestigationStartedAt = s.At, Stage = ComplaintStage.Investigating },
        ComplaintScoped s => this with { ImmigrationRole = s.ImmigrationRole, BookingId = s.BookingId, OfficerId = s.OfficerId },
        FindingRecorded f => this with { Finding = f.Finding, FoundAt = f.At, Stage = ComplaintStage.Finding },
        ComplaintClosed c => this with { ClosedAt = c.At, Stage = ComplaintStage.Closed },
        ComplaintReferred r => this with { Referrals = [.. Referrals, r] },
        _ => this,
    };

    /// <summary>Why <paramref name="entry"/> cannot be recorded now, naming the field, or null.</summary>
    public string? Problem(ComplaintEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Stage == ComplaintStage.Closed)
        {
            return "The complaint is closed: nothing more can be recorded on it.";
        }

        return entry switch
        {
            ComplaintAssigned { Investigator: null or "" } => "Investigator: name the person who investigates.",
            ComplaintAssigned a when a.Investigator.Length > MaxId => $"Investigator: at most {MaxId} characters.",
            ComplaintAssigned when Stage >= ComplaintStage.Finding => "The finding is recorded: the complaint is not reassigned.",
            InvestigationStarted when Stage < ComplaintStage.Assigned => "Assign the complaint before the investigation starts.",
            InvestigationStarted when Stage >= ComplaintStage.Investigating => "The investigation has already started.",
            ComplaintScoped { BookingId.Length: > MaxId } or ComplaintScoped { OfficerId.Length: > MaxId } => $"Booking and officer: at most {MaxId} characters each.",
            FindingRecorded when Stage != ComplaintStage.Investigating => "A finding is recorded after the investigation has started, once.",
            FindingRecorded { Summary: null or "" } => "Summary: say what the investigation found.",
            FindingRecorded f when f.Summary.Length > MaxSummary => $"Summary: at most {MaxSummary} characters.",
            ComplaintClosed when Stage != ComplaintStage.Finding => "A complaint is closed after its finding.",
            ComplaintClosed when ResultsOwed && !Referrals.Any(r => r.To == ReferralBody.Ice && r.Results) => "Send ICE the results before closing: the agreement requires them within 30 days of the finding.",
            ComplaintReferred { Reference.Length: > MaxReference } => $"Reference: at most {MaxReference} characters.",
            ComplaintReferred { Results: true, To: not ReferralBody.Ice } => "Results: only ICE is sent the results under the agreement.",
            ComplaintReferred { Results: true } when FoundAt is null => "Results: record the finding first.",
            _ => null,
        };
    }

    /// <summary>Whether ICE is owed the complaint (and its results): unless staff have said it concerns no one acting in an immigration role.</summary>
    public bool IceOwed => ImmigrationRole != false;

    private bool ResultsOwed => IceOwed && FoundAt is not null;

    /// <summary>The complaint's clocks, in due order: those owed, met or not.</summary>
    public IReadOnlyList<ComplaintClock> Clocks
    {
        get
        {
            var clocks = new List<ComplaintClock>
            {
                new("assigned", ReceivedAt + AssignmentAllowed, AssignedAt),
                new("finding", ReceivedAt + FindingAllowed, FoundAt),
            };
            if (IceOwed)
            {
                clocks.Add(new(IceReferralClock, CountedTime.End(ReceivedAt, IceReferralAllowed, Zone, CountedTime.IsWeekday),
                    Referrals.FirstOrDefault(r => r.To == ReferralBody.Ice && !r.Results)?.At));
            }

            if (ResultsOwed)
            {
                clocks.Add(new("results to ICE", FoundAt!.Value + ResultsAllowed, Referrals.FirstOrDefault(r => r.To == ReferralBody.Ice && r.Results)?.At));
            }

            return [.. clocks.OrderBy(c => c.Due)];
        }
    }
}
