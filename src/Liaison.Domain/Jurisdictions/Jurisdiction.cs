using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Domain.Jurisdictions;

/// <summary>
/// The facility's legal calendar: its time zone, its hold policy and its holidays.
/// Every "local date" a rule looks at is computed here, from an <see cref="Instant"/>.
/// </summary>
public sealed class Jurisdiction
{
    private static readonly Duration HoldLength = Duration.FromHours(48);

    private readonly HashSet<LocalDate> _holidays;

    public Jurisdiction(DateTimeZone timeZone, HoldPolicy holdPolicy, IEnumerable<LocalDate>? holidays = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        TimeZone = timeZone;
        HoldPolicy = holdPolicy;
        _holidays = [.. holidays ?? []];
    }

    public DateTimeZone TimeZone { get; }

    public HoldPolicy HoldPolicy { get; }

    public IReadOnlySet<LocalDate> Holidays => _holidays;

    /// <summary>The date a clock on the facility's wall shows at <paramref name="instant"/>.</summary>
    public LocalDate LocalDateOf(Instant instant) => instant.InZone(TimeZone).Date;

    /// <summary>A Monday to Friday that is not a listed holiday.</summary>
    public bool IsBusinessDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>
    /// The hold window that opens at <paramref name="start"/> (the instant the person would otherwise
    /// have been released), or null under <see cref="HoldPolicy.NotifyOnly"/>, where no hold is lawful.
    /// </summary>
    public HoldWindow? HoldWindowFrom(Instant start) => HoldPolicy switch
    {
        HoldPolicy.Calendar48h => new HoldWindow(start, start + HoldLength),
        HoldPolicy.Business48h => new HoldWindow(start, BusinessHoursEnd(start, HoldLength)),
        HoldPolicy.NotifyOnly => null,
    };

    /// <summary>Counts <paramref name="length"/> of elapsed time, but only while the local date is a business day.</summary>
    private Instant BusinessHoursEnd(Instant start, Duration length) => CountedTime.End(start, length, TimeZone, IsBusinessDay);
}
