using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using NodaTime;

namespace Liaison.Domain.Tests.Statistics;

/// <summary>
/// Generated counties for the disclosure tests: few bookings spread over a fiscal year, two models and many categories,
/// so most cells are small and suppression is hard.
/// </summary>
internal static class SmallCounty
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/Chicago"];

    private static readonly string[] Codes = ["0901", "1001", "1101", "1201", "1301", "3501", "5201", "5403", "5499", "2201", "2301", "0301", "7099"];
    private static readonly string[] Levels = ["felony", "misdemeanor", "infraction"];

    /// <summary>Bookings booked in FY2026 (October 2025 – September 2026), in booking order.</summary>
    public static List<StatisticsBooking> Generate(int seed, int bookings, double wsoShare = 0.3)
    {
        var random = new Random(seed);
        var start = new LocalDate(2025, 10, 1).AtStartOfDayInZone(Zone).ToInstant();
        var people = Math.Max(1, bookings * 4 / 5);
        var list = new List<StatisticsBooking>();
        for (var i = 0; i < bookings; i++)
        {
            var booked = start + Duration.FromMinutes(random.Next(0, 360 * 24 * 60));
            Instant After(Instant t, int maxHours) => t + Duration.FromMinutes(random.Next(1, (maxHours * 60) + 1));
            var m = BookingMilestones.None with { Model = random.NextDouble() < wsoShare ? AgreementModel.Wso : AgreementModel.Jem };
            var charges = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => new Charge(Codes[random.Next(Codes.Length)], null, Levels[random.Next(3)], random.Next(3) == 0 ? "convicted" : "pending")).ToList();
            Instant? eligible = null;
            long overSeconds = 0;
            if (random.NextDouble() < 0.8)
            {
                m = m with { ScreenedAt = After(booked, 30) };
            }

            if (m.ScreenedAt is { } screened && random.NextDouble() < 0.4)
            {
                m = m with { DhsMatchAt = screened, InterviewedAt = random.NextDouble() < 0.6 ? After(screened, 20) : null };
                if (random.NextDouble() < 0.6)
                {
                    var lodged = After(screened, 40);
                    m = m with { DetainerLodgedAt = lodged, DetainerServedAt = random.NextDouble() < 0.7 ? After(lodged, 10) : null, FirstDutyDue = lodged + Duration.FromHours(24) };
                    m = random.Next(3) switch
                    {
                        0 => m with { DutiesInTime = 1 },
                        1 => m with { DutiesLate = 1, DutyLateSeconds = random.Next(60, 20000) },
                        _ => m,
                    };
                    eligible = After(lodged, 400);
                    switch (random.Next(5))
                    {
                        case 0 or 1:
                            m = m with { TransferredAt = After(eligible.Value, 40), TransferHonouredHold = true };
                            break;
                        case 2:
                            m = m with { LiftedAt = After(lodged, 100), LiftReason = LiftReasons.All[random.Next(LiftReasons.All.Count)], ReleasedAt = After(eligible.Value, 5) };
                            break;
                        case 3:
                            var expired = After(eligible.Value, 48);
                            m = m with { HoldExpiredAt = expired, OverDetentionFrom = expired, ReleasedAt = After(expired, 30) };
                            overSeconds = (long)(m.ReleasedAt!.Value - expired).TotalSeconds;
                            break;
                        default:
                            m = m with { ReleasedAt = After(eligible.Value, 2) };
                            break;
                    }
                }
            }

            if (random.NextDouble() < 0.05)
            {
                var claimed = After(booked, 100);
                m = m with { CitizenshipClaimedAt = claimed };
                if (random.NextDouble() < 0.8)
                {
                    m = m with { CitizenshipResolvedAt = After(claimed, 200), CitizenshipFinding = random.Next(2) == 0 ? CitizenshipFinding.UsCitizen : CitizenshipFinding.NotUsCitizen };
                }
            }

            if (random.NextDouble() < 0.05)
            {
                m = m with { WarrantServedAt = After(booked, 50), NotificationRequestedAt = After(booked, 60) };
            }

            if (m.TransferredAt is null && m.ReleasedAt is null && random.NextDouble() < 0.7)
            {
                m = m with { ReleasedAt = After(booked, 900) };
            }

            list.Add(new StatisticsBooking($"P{random.Next(people)}", booked, null, charges, eligible, overSeconds, m));
        }

        return [.. list.OrderBy(b => b.BookedAt)];
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, int, int), List<DisclosureCell>> Published = new();

    /// <summary>The year's publications of county (<paramref name="seed"/>, <paramref name="bookings"/>), computed once per test run.</summary>
    public static List<DisclosureCell> PublishedYear(int seed, int bookings, int k) =>
        Published.GetOrAdd((seed, bookings, k), key => PublishYear(Generate(key.Item1, key.Item2), key.Item3));

    /// <summary>Publishes every month of FY2026 in turn, as the program manager would; returns every cell published.</summary>
    public static List<DisclosureCell> PublishYear(IReadOnlyList<StatisticsBooking> bookings, int k)
    {
        var figures = StatisticsFigures.Compute(bookings, Zone);
        var published = new List<DisclosureCell>();
        for (var month = new YearMonth(2025, 10); month <= new YearMonth(2026, 9); month = month.PlusMonths(1))
        {
            published.AddRange(Publication.Protect(figures, month, [.. published.Select(Freeze)], k));
        }

        return published;
    }

    /// <summary>A cell as a later publication sees it: published, unchangeable.</summary>
    public static DisclosureCell Freeze(DisclosureCell c) => new(c.Key, c.Kind, c.Value, c.People, c.Suppressed, frozen: true);
}
