using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// Warnings given before a running hold's deadline, so the jail hands the person over or releases them in time.
/// Not one of the engine's alerts (those follow from the steps); the deadline monitor gives them.
/// </summary>
public enum HoldWarning
{
    [Code("deadline-24h")]
    Deadline24h,

    [Code("deadline-4h")]
    Deadline4h,

    [Code("deadline-1h")]
    Deadline1h,
}

public static class HoldWarnings
{
    /// <summary>Every warning, furthest from the deadline first.</summary>
    public static readonly IReadOnlyList<HoldWarning> Schedule = [HoldWarning.Deadline24h, HoldWarning.Deadline4h, HoldWarning.Deadline1h];

    /// <summary>How long before the deadline the warning is due.</summary>
    public static Duration Before(this HoldWarning warning) => warning switch
    {
        HoldWarning.Deadline24h => Duration.FromHours(24),
        HoldWarning.Deadline4h => Duration.FromHours(4),
        HoldWarning.Deadline1h => Duration.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(warning)),
    };

    /// <summary>The warnings due by <paramref name="now"/> for a hold ending at <paramref name="deadline"/>, furthest first.</summary>
    public static IEnumerable<HoldWarning> DueBy(Instant deadline, Instant now) =>
        now >= deadline ? [] : Schedule.Where(w => now >= deadline - w.Before());
}
