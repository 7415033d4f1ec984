using Liaison.Domain;
using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Data.Bookings;

/// <summary>
/// A booking: who the person is (as the jail recorded them) and the current custody state, which is a
/// projection of the booking's custody events through the engine, refreshed whenever an event is stored
/// or a deadline passes. The events are the record; this row makes lists and searches fast.
/// </summary>
public sealed class BookingRecord
{
    public string Id { get; set; } = "";

    public string PersonId { get; set; } = "";

    public string LastName { get; set; } = "";

    public string FirstName { get; set; } = "";

    /// <summary>Upper-cased "LAST, FIRST" for prefix search.</summary>
    public string SearchName { get; set; } = "";

    public LocalDate? DateOfBirth { get; set; }

    /// <summary>Alien registration number, when DHS has one.</summary>
    public string? ANumber { get; set; }

    public string? BirthCountry { get; set; }

    public string? CitizenshipCountry { get; set; }

    public string? Language { get; set; }

    /// <summary>M, F, X or U, as the jail recorded it.</summary>
    public string? Sex { get; set; }

    public Instant BookedAt { get; set; }

    // ---- Projection of the engine's state ----

    public string Custody { get; set; } = Codes.Of(CustodyStatus.InJail);

    public string HoldAuthority { get; set; } = "none";

    public string Citizenship { get; set; } = "none";

    public Instant? EligibleAt { get; set; }

    public Instant? HoldDeadline { get; set; }

    /// <summary>Over-detention in seconds as of <see cref="StateAsOf"/>.</summary>
    public long OverDetentionSeconds { get; set; }

    /// <summary>Set while over-detention accrues (the person should have gone and has not).</summary>
    public Instant? OverDetentionSince { get; set; }

    public Instant StateAsOf { get; set; }

    /// <summary>When the earliest open duty to tell ICE falls due (rule 14); null when none is open.</summary>
    public Instant? NextDutyDue { get; set; }

    /// <summary>What that duty is about: detainer or citizenship-claim.</summary>
    public string? NextDutyAbout { get; set; }

    /// <summary>Open duties to tell ICE.</summary>
    public int OpenDuties { get; set; }

    /// <summary>ICE asked (I-247G or I-247N) to be told before release.</summary>
    public bool NotificationRequested { get; set; }

    /// <summary>DHS biometric result: match, no-match, or null while none has come.</summary>
    public string? DhsResult { get; set; }

    /// <summary>Awaiting a designated officer: booked, in jail, and no officer has acted yet.</summary>
    public bool AwaitingScreening { get; set; } = true;

    /// <summary>The screening queue's outcome on record ("no-action", "referred"), or null (<see cref="Domain.Custody.ScreeningState"/>).</summary>
    public string? ScreeningOutcome { get; set; }

    /// <summary>The officer id the booking's screening is assigned to, or null.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>The nearest open consular due instant (advisal or notice, <see cref="Domain.Consular.ConsularDuty.NextDue"/>), or null.</summary>
    public Instant? ConsularDue { get; set; }

    /// <summary>When the consulate was told, or null.</summary>
    public Instant? ConsularNotifiedAt { get; set; }

    public int EventCount { get; set; }

    // ---- Milestones the statistics count (projected from the engine's BookingMilestones) ----

    /// <summary>JEM or WSO: the model the case was worked under; null when no agreement covered it.</summary>
    public string? Model { get; set; }

    public Instant? ScreenedAt { get; set; }

    public Instant? DhsMatchAt { get; set; }

    public Instant? InterviewedAt { get; set; }

    public Instant? DetainerLodgedAt { get; set; }

    public Instant? DetainerServedAt { get; set; }

    public Instant? WarrantServedAt { get; set; }

    public Instant? NotificationRequestedAt { get; set; }

    public Instant? LiftedAt { get; set; }

    public string? LiftReason { get; set; }

    public Instant? HoldExpiredAt { get; set; }

    public Instant? ReleasedAt { get; set; }

    public Instant? TransferredAt { get; set; }

    public bool TransferHonouredHold { get; set; }

    public Instant? CitizenshipClaimedAt { get; set; }

    public Instant? CitizenshipResolvedAt { get; set; }

    public string? CitizenshipFinding { get; set; }

    public Instant? OverDetentionFrom { get; set; }

    public Instant? FirstDutyDue { get; set; }

    public int DutiesInTime { get; set; }

    public int DutiesLate { get; set; }

    public int DutiesNeverTold { get; set; }

    public long DutyLateSeconds { get; set; }

    /// <summary>When the consular advisal was or is due, given or not (a foreign national), for the statistics.</summary>
    public Instant? ConsularAdvisalDeadline { get; set; }

    /// <summary>When the person was first told of the right to consular notification.</summary>
    public Instant? ConsularAdvisedAt { get; set; }

    /// <summary>When the consulate was or is to be told, told or not (a mandatory country, or the person asked), for the statistics.</summary>
    public Instant? ConsularNoticeDeadline { get; set; }

    /// <summary>The person's notices (decision 0017), as the statistics count them (<see cref="Domain.Notices.NoticeOutcomes"/>): the first due time.</summary>
    public Instant? NoticesFirstDue { get; set; }

    public int NoticesInTime { get; set; }

    public int NoticesLate { get; set; }

    public int NoticesNeverGiven { get; set; }

    /// <summary>Optimistic concurrency: two officers acting on one booking at once cannot both win.</summary>
    public int Version { get; set; }

    public List<ChargeRecord> Charges { get; set; } = [];
}

public sealed class ChargeRecord
{
    public int Id { get; set; }

    public string BookingId { get; set; } = "";

    /// <summary>NCIC offence code.</summary>
    public string Code { get; set; } = "";

    public string Description { get; set; } = "";

    public string Level { get; set; } = "";

    public string Status { get; set; } = "";
}
