using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>What the agency must tell ICE about (rule 14).</summary>
public enum IceDutyKind
{
    /// <summary>A detainer a designated officer lodged: ICE must be told within 24 hours.</summary>
    Detainer,

    /// <summary>A claim of US citizenship ICE did not record itself: ICE must be told within 1 hour.</summary>
    CitizenshipClaim,
}

public static class IceDutyKinds
{
    /// <summary>How long the agreement gives the agency, in elapsed time from the step that created the duty.</summary>
    public static Duration TimeAllowed(this IceDutyKind kind) => kind switch
    {
        IceDutyKind.Detainer => Duration.FromHours(24),
        IceDutyKind.CitizenshipClaim => Duration.FromHours(1),
    };
}

/// <summary>An open duty to tell ICE, as a booking's snapshot reports it.</summary>
/// <param name="About">What ICE must be told about.</param>
/// <param name="OpenedAt">The instant of the step that created the duty.</param>
/// <param name="Due">The instant by which ICE must be told.</param>
/// <param name="Overdue">Whether the due instant has passed (the ice-notice-overdue alert was raised).</param>
public sealed record OpenDuty(IceDutyKind About, Instant OpenedAt, Instant Due, bool Overdue);

/// <summary>The engine's working record of one duty; open until discharged by notify-ice or ended with custody or the review.</summary>
internal sealed class IceDuty(BookingState booking, IceDutyKind about, Instant openedAt, long sequence)
{
    public BookingState Booking { get; } = booking;

    public IceDutyKind About { get; } = about;

    public Instant OpenedAt { get; } = openedAt;

    public Instant Due { get; } = openedAt + about.TimeAllowed();

    /// <summary>Creation order: breaks ties between duties due at the same instant.</summary>
    public long Sequence { get; } = sequence;

    public bool IsOpen { get; set; } = true;

    public bool Overdue { get; set; }

    public OpenDuty Snapshot() => new(About, OpenedAt, Due, Overdue);
}
