using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Liaison.Domain.Jurisdictions;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Jurisdictions;

/// <summary>Rule 4: the hold window under each policy, by example and as properties over random instants, zones and holidays.</summary>
public sealed class HoldWindowTests
{
    private static readonly LocalDate[] Thanksgiving = [new(2026, 11, 26), new(2026, 11, 27)];

    [Fact]
    public void Calendar48h_AcrossTheSpringDaylightSavingChange_IsStill48RealHours()
    {
        var ny = new Jurisdiction(NewYork, HoldPolicy.Calendar48h);
        var start = T("2026-03-07 10:00"); // EST; the clocks go forward on 8 March

        var window = ny.HoldWindowFrom(start)!.Value;

        Assert.Equal(Duration.FromHours(48), window.Length);
        Assert.Equal(new LocalDateTime(2026, 3, 9, 11, 0), window.End.InZone(NewYork).LocalDateTime);
    }

    [Fact]
    public void Business48h_OverThanksgivingAndAWeekend_EndsTheFollowingTuesday()
    {
        var ny = new Jurisdiction(NewYork, HoldPolicy.Business48h, Thanksgiving);

        var window = ny.HoldWindowFrom(T("2026-11-25 17:00"))!.Value;

        Assert.Equal(T("2026-12-01 17:00"), window.End);
    }

    [Fact]
    public void Business48h_StartingOnASaturday_StartsCountingAtMondayMidnight()
    {
        var ny = new Jurisdiction(NewYork, HoldPolicy.Business48h);

        Assert.Equal(T("2026-12-02 00:00"), ny.HoldWindowFrom(T("2026-11-28 10:00"))!.Value.End);
    }

    [Fact]
    public void Business48h_StartingFridayEvening_PausesOverTheWeekend()
    {
        var ny = new Jurisdiction(NewYork, HoldPolicy.Business48h);

        Assert.Equal(T("2026-12-08 20:00"), ny.HoldWindowFrom(T("2026-12-04 20:00"))!.Value.End);
    }

    [Fact]
    public void NotifyOnly_HasNoWindow() =>
        Assert.Null(new Jurisdiction(NewYork, HoldPolicy.NotifyOnly).HoldWindowFrom(T("2026-12-04 20:00")));

    [Fact]
    public void HoldWindow_IsHalfOpen()
    {
        var window = new Jurisdiction(NewYork, HoldPolicy.Calendar48h).HoldWindowFrom(T("2026-03-04 10:00"))!.Value;

        Assert.True(window.IsOpenAt(window.Start));
        Assert.True(window.IsOpenAt(window.End - Duration.Epsilon));
        Assert.False(window.IsOpenAt(window.End));
    }

    [Property(Arbitrary = [typeof(HoldCases)], MaxTest = 400)]
    public bool Calendar48h_IsExactly48ElapsedHours(HoldCase c)
    {
        var window = c.Jurisdiction(HoldPolicy.Calendar48h).HoldWindowFrom(c.Start)!.Value;
        return window.Start == c.Start && window.End - c.Start == Duration.FromHours(48);
    }

    [Property(Arbitrary = [typeof(HoldCases)], MaxTest = 400)]
    public void Business48h_Counts48HoursOfBusinessTime_AndIsNeverShorterThanCalendar48h(HoldCase c)
    {
        var jurisdiction = c.Jurisdiction(HoldPolicy.Business48h);

        var end = jurisdiction.HoldWindowFrom(c.Start)!.Value.End;

        Assert.Equal(Duration.FromHours(48), BusinessTimeBetween(jurisdiction, c.Start, end));
        Assert.True(end - c.Start >= Duration.FromHours(48));
        // The count stops the moment it reaches 48 hours: the instant before the end is business time.
        Assert.True(jurisdiction.IsBusinessDay(jurisdiction.LocalDateOf(end - Duration.Epsilon)));
    }

    /// <summary>An independent count: walk the interval in steps of at most an hour, split at local midnights.</summary>
    private static Duration BusinessTimeBetween(Jurisdiction j, Instant from, Instant to)
    {
        var total = Duration.Zero;
        for (var t = from; t < to;)
        {
            var date = j.LocalDateOf(t);
            var midnight = j.TimeZone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            var next = Instant.Min(to, Instant.Min(t + Duration.FromHours(1), midnight));
            if (j.IsBusinessDay(date))
            {
                total += next - t;
            }

            t = next;
        }

        return total;
    }

    public sealed record HoldCase(string ZoneId, Instant Start, IReadOnlyList<LocalDate> Holidays)
    {
        public Jurisdiction Jurisdiction(HoldPolicy policy) => new(DateTimeZoneProviders.Tzdb[ZoneId], policy, Holidays);

        public override string ToString() => $"{ZoneId} from {Start} with holidays [{string.Join(", ", Holidays)}]";
    }

    public static class HoldCases
    {
        private static readonly string[] Zones =
        [
            "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico",
        ];

        private static readonly Instant Origin = Instant.FromUtc(2000, 1, 1, 0, 0);

        public static Arbitrary<HoldCase> Case() =>
            (from zone in Gen.Elements(Zones)
             from minutes in Gen.Choose(0, 40 * 366 * 24 * 60)
             from seconds in Gen.Choose(0, 59)
             from offsets in Gen.ListOf(Gen.Choose(-3, 21))
             let start = Origin + Duration.FromMinutes(minutes) + Duration.FromSeconds(seconds)
             let firstDay = start.InZone(DateTimeZoneProviders.Tzdb[zone]).Date
             select new HoldCase(zone, start, [.. offsets.Distinct().Select(d => firstDay.PlusDays(d))]))
            .ToArbitrary();
    }
}
