using NodaTime;

namespace Liaison.Domain.Custody;

public enum AlertKind
{
    /// <summary>The jail is about to release, or may release, someone ICE has a detainer or warrant on.</summary>
    NotifyIceOfRelease,

    /// <summary>A hold reached its deadline: the person must be released now.</summary>
    HoldExpired,

    /// <summary>Someone claimed US citizenship: an ICE supervisor must resolve it, with evidence.</summary>
    CitizenshipReviewRequired,

    /// <summary>A duty to tell ICE (rule 14) reached its due instant undischarged.</summary>
    IceNoticeOverdue,
}

/// <summary>An alert raised by the engine at <paramref name="At"/> for one booking.</summary>
public readonly record struct Alert(string BookingId, AlertKind Kind, Instant At);
