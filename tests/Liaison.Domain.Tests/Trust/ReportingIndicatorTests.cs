using Liaison.Domain.Trust;
using NodaTime;

namespace Liaison.Domain.Tests.Trust;

/// <summary>The crime-reporting indicator on monthly counts: the series, the estimate at the agreement's start, and when there is none.</summary>
public sealed class ReportingIndicatorTests
{
    /// <summary>Four years of counts around a start in January 2025: Hispanic-victim reports 30% lower after it, other reports steady, a little noise.</summary>
    public static IReadOnlyList<CrimeReportCount> Counts(double drop = 0.30, int seed = 3)
    {
#pragma warning disable CA5394 // seeded on purpose: the same series every run
        var random = new Random(seed);
        var counts = new List<CrimeReportCount>();
        for (var m = new YearMonth(2023, 1); m <= new YearMonth(2026, 12); m = m.PlusMonths(1))
        {
            var season = 1 + (0.1 * Math.Sin(2 * Math.PI * m.Month / 12));
            var hispanic = 80 * season * (m >= new YearMonth(2025, 1) ? 1 - drop : 1) * (1 + ((random.NextDouble() - 0.5) * 0.1));
            var other = 400 * season * (1 + ((random.NextDouble() - 0.5) * 0.1));
            counts.Add(new(m, ReportingIndicator.Hispanic, (long)Math.Round(hispanic)));
            counts.Add(new(m, ReportingIndicator.NotHispanic, (long)Math.Round(other)));
            counts.Add(new(m, ReportingIndicator.Unknown, 7));
        }
#pragma warning restore CA5394

        return counts;
    }

    [Fact]
    public void AThirtyPercentDropInReportingByHispanicVictims_IsFound_WithAnIntervalThatHoldsIt()
    {
        var (estimate, problem) = ReportingIndicator.Estimate(Counts(), new YearMonth(2025, 1));

        Assert.Null(problem);
        var (level, low, high) = estimate!.LevelPercent;
        Assert.True(low <= -30 && -30 <= high, $"{level:0.0}% ({low:0.0} to {high:0.0})");
        Assert.True(estimate.Fit.Level.Significant);
        Assert.Equal((48, 24, true), (estimate.Fit.Months, estimate.Fit.MonthsBefore, estimate.Fit.Seasonal));
        Assert.Equal(Counts().Where(c => c.Ethnicity == "H").Sum(c => c.Count), estimate.HispanicTotal); // unknown ethnicity left out
    }

    [Fact]
    public void NoDrop_IsNotCalledAChange()
    {
        var (estimate, _) = ReportingIndicator.Estimate(Counts(drop: 0), new YearMonth(2025, 1));

        Assert.False(estimate!.Fit.Level.Significant, $"{estimate.LevelPercent}");
    }

    [Fact]
    public void AMonthMissingFromTheFile_CountsNothing_AndTooFewMonthsOnASide_SaysHowMany()
    {
        var counts = Counts().Where(c => c.Month != new YearMonth(2024, 6)).ToList();

        var series = ReportingIndicator.Series(counts);
        var (estimate, problem) = ReportingIndicator.Estimate(counts, new YearMonth(2026, 6));

        Assert.Equal((48, 0L, 0L), (series.Count, series.Single(s => s.Month == new YearMonth(2024, 6)).Hispanic, series.Single(s => s.Month == new YearMonth(2024, 6)).NotHispanic));
        Assert.Null(estimate);
        Assert.Equal("The estimate needs at least 12 months before the agreement began (2026-06) and 12 after; the counts have 41 before and 7 after.", problem);
        Assert.Equal("No counts are imported yet.", ReportingIndicator.Estimate([], new YearMonth(2025, 1)).Problem);
    }
}
