namespace Liaison.Domain.Jurisdictions;

/// <summary>How long, if at all, a person may be held for ICE beyond the moment they would otherwise go free.</summary>
public enum HoldPolicy
{
    /// <summary>48 elapsed hours; the I-247A's own wording and Liaison's default.</summary>
    [Code("calendar-48h")]
    Calendar48h,

    /// <summary>48 hours counted only on non-holiday weekdays in the facility's zone (8 CFR 287.7(d)).</summary>
    [Code("business-48h")]
    Business48h,

    /// <summary>No holds at all: the agency only tells ICE of a release (e.g. California SB 54).</summary>
    NotifyOnly,
}
