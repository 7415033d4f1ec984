using NodaTime;

namespace Liaison.Domain.Jurisdictions;

/// <summary>Clocks that run only on some local days (business days, weekdays), in a time zone.</summary>
public static class CountedTime
{
    /// <summary>
    /// When <paramref name="length"/> of elapsed time has been counted from <paramref name="start"/>, counting only
    /// while the local date in <paramref name="zone"/> is one <paramref name="counts"/>. The count pauses at local
    /// midnight entering a day not counted and resumes at local midnight leaving it; a day shortened or lengthened by
    /// daylight saving counts for what it really lasts.
    /// </summary>
    public static Instant End(Instant start, Duration length, DateTimeZone zone, Func<LocalDate, bool> counts)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(counts);
        var remaining = length;
        var cursor = start;
        var date = start.InZone(zone).Date;
        while (true)
        {
            var nextMidnight = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            if (counts(date))
            {
                var available = nextMidnight - cursor;
                if (remaining <= available)
                {
                    return cursor + remaining;
                }

                remaining -= available;
            }

            cursor = nextMidnight;
            date = date.PlusDays(1);
        }
    }

    /// <summary>Monday to Friday.</summary>
    public static bool IsWeekday(LocalDate date) => date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
}
