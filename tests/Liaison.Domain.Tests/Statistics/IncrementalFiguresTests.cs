using Liaison.Domain.Statistics;
using NodaTime;

namespace Liaison.Domain.Tests.Statistics;

/// <summary>Following a change (one person's bookings out as counted, in as they are now) gives exactly what counting everything again gives.</summary>
public sealed class IncrementalFiguresTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReplacingAPersonsBookings_EqualsComputingEverythingAgain(int seed)
    {
        var county = SmallCounty.Generate(seed, 600);
        var random = new Random(seed);
        var figures = StatisticsFigures.Compute(county, SmallCounty.Zone);
        figures.EndOfPass();
        var now = county;
        var original = figures;

        // Twenty changes: a booking released or transferred earlier or later, a milestone gained, a booking removed from view.
        for (var i = 0; i < 20; i++)
        {
            var person = now[random.Next(now.Count)].PersonId;
            var before = now.Where(b => b.PersonId == person).ToList();
            var target = before[random.Next(before.Count)];
            var changed = (i % 3) switch
            {
                0 => target with { Milestones = target.Milestones with { ReleasedAt = target.BookedAt + Duration.FromDays(random.Next(1, 40)), TransferredAt = null } },
                1 => target with { Milestones = target.Milestones with { TransferredAt = target.BookedAt + Duration.FromHours(random.Next(5, 900)), TransferHonouredHold = true } },
                _ => target with { Milestones = target.Milestones with { DetainerLodgedAt = target.BookedAt + Duration.FromHours(3), ScreenedAt = target.BookedAt + Duration.FromHours(2) } },
            };
            now = [.. now.Select(b => ReferenceEquals(b, target) ? changed : b)];
            var after = now.Where(b => b.PersonId == person).ToList();
            var copy = figures.Copy();
            copy.Replace(before, after);
            figures = copy;
        }

        // The figures copied from are untouched (readers may hold them while a copy follows the changes).
        var untouched = StatisticsFigures.Compute(county, SmallCounty.Zone);
        foreach (var month in untouched.Months)
        {
            Assert.Equal(untouched.All(StatPeriod.OfMonth(month)).Select(f => (f.Key, f.Figure)), original.All(StatPeriod.OfMonth(month)).Select(f => (f.Key, f.Figure)));
        }

        var fresh = StatisticsFigures.Compute(now, SmallCounty.Zone);
        foreach (var month in fresh.Months.Union(figures.Months))
        {
            var period = StatPeriod.OfMonth(month);
            Assert.Equal(fresh.All(period).Select(f => (f.Key, f.Figure)), figures.All(period).Select(f => (f.Key, f.Figure)));
            foreach (var dimension in StatisticsFigures.FunnelDimensions)
            {
                Assert.Equal(fresh.Funnel(period, "all", dimension).Where(f => f.Counts.Booked > 0), figures.Funnel(period, "all", dimension).Where(f => f.Counts.Booked > 0));
            }
        }

        Assert.Equal(fresh.OutsideAgreements, figures.OutsideAgreements);
    }
}
