using Liaison.Domain.Agreements;
using Liaison.Domain.Citizenship;
using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// The milestones of one booking that the statistics count: when each thing first happened, kept by the engine as it
/// applies or replays steps, so a booking's figures cost one replay of that booking and never a pass over history.
/// </summary>
public sealed record BookingMilestones
{
    public static readonly BookingMilestones None = new();

    /// <summary>The 287(g) model the case was worked under: that of the first designated officer's act, else the agreement in effect on the booking date.</summary>
    public AgreementModel? Model { get; init; }

    /// <summary>First DHS biometric response or designated officer's act (interview, detainer, warrant).</summary>
    public Instant? ScreenedAt { get; init; }

    public Instant? DhsMatchAt { get; init; }

    public Instant? InterviewedAt { get; init; }

    public Instant? DetainerLodgedAt { get; init; }

    public Instant? DetainerServedAt { get; init; }

    public Instant? WarrantServedAt { get; init; }

    public Instant? NotificationRequestedAt { get; init; }

    public Instant? LiftedAt { get; init; }

    /// <summary>One of <see cref="LiftReasons"/>' codes.</summary>
    public string? LiftReason { get; init; }

    /// <summary>When a hold ran to its deadline with nobody taking custody.</summary>
    public Instant? HoldExpiredAt { get; init; }

    public Instant? ReleasedAt { get; init; }

    public Instant? TransferredAt { get; init; }

    /// <summary>A detainer or warrant was active when ICE took custody: the detainer was honoured.</summary>
    public bool TransferHonouredHold { get; init; }

    public Instant? CitizenshipClaimedAt { get; init; }

    public Instant? CitizenshipResolvedAt { get; init; }

    public CitizenshipFinding? CitizenshipFinding { get; init; }

    /// <summary>When over-detention first began.</summary>
    public Instant? OverDetentionFrom { get; init; }

    /// <summary>When the first duty to tell ICE fell or falls due (rule 14).</summary>
    public Instant? FirstDutyDue { get; init; }

    public int DutiesInTime { get; init; }

    public int DutiesLate { get; init; }

    /// <summary>Duties that fell due and ended (custody ended, claim resolved) with ICE never told.</summary>
    public int DutiesNeverTold { get; init; }

    /// <summary>Seconds past due, summed over late and never-told duties (the latter until they ended).</summary>
    public long DutyLateSeconds { get; init; }
}

/// <summary>The lift reasons the case page offers; a reason recorded as free text counts as <see cref="Other"/>.</summary>
public static class LiftReasons
{
    public const string IceCancelled = "ice-cancelled";
    public const string UsCitizen = "us-citizen";
    public const string IdentityMismatch = "identity-mismatch";
    public const string LawfulStatus = "lawful-status";
    public const string CourtOrder = "court-order";
    public const string Other = "other";

    /// <summary>Every code, in the order pages and statistics list them.</summary>
    public static IReadOnlyList<string> All { get; } = [IceCancelled, UsCitizen, IdentityMismatch, LawfulStatus, CourtOrder, Other];

    public static string Describe(string code) => code switch
    {
        IceCancelled => "ICE cancelled the detainer",
        UsCitizen => "Found a US citizen",
        IdentityMismatch => "Not the person ICE named",
        LawfulStatus => "Lawful immigration status",
        CourtOrder => "Court order",
        _ => "Other reason",
    };

    /// <summary>The code a recorded reason counts under.</summary>
    public static string CodeOf(string? reason)
    {
        var trimmed = reason?.Trim();
        return All.FirstOrDefault(c => string.Equals(c, trimmed, StringComparison.OrdinalIgnoreCase)) ?? Other;
    }
}
