using NodaTime;

namespace Liaison.Data.Persistence;

/// <summary>
/// Liaison keeps instants to the microsecond, PostgreSQL's resolution, on every database: an instant that reaches a
/// record (the clock, a feed's time) is cut to the microsecond first, so what was hashed is what is stored.
/// </summary>
public static class StoredInstants
{
    private const long TicksPerMicrosecond = 10;

    public static Instant ToMicrosecond(Instant instant) => Instant.FromUnixTimeTicks(Ticks(instant));

    /// <summary>Unix ticks, rounded down to the microsecond (also for instants before 1970).</summary>
    public static long Ticks(Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        return ticks - (((ticks % TicksPerMicrosecond) + TicksPerMicrosecond) % TicksPerMicrosecond);
    }

    /// <summary>The injected clock, read to the microsecond.</summary>
    public sealed class Clock(IClock inner) : IClock
    {
        public Instant GetCurrentInstant() => ToMicrosecond(inner.GetCurrentInstant());
    }
}
