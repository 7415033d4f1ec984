using NodaTime;

namespace Liaison.Domain.Trust;

/// <summary>A month's reported crimes by the victim's ethnicity, as NIBRS codes it: H (Hispanic or Latino), N (not), U (unknown).</summary>
public readonly record struct CrimeReportCount(YearMonth Month, string Ethnicity, long Count);

/// <summary>
/// The crime-reporting indicator (docs/statistics.md): whether crimes with Hispanic victims were reported less, or more,
/// after the agreement began, relative to crimes with other victims. Each month's value is the log of the ratio of the
/// two counts (each plus ½, so a month with none is defined); the ratio cancels whatever moves all crime (a crime wave,
/// a change in police staffing), and <see cref="InterruptedTimeSeries"/> estimates the change in its level and slope at
/// the agreement's start. A level change of −0.36 is exp(−0.36) − 1 = 30% fewer reports with Hispanic victims
/// relative to others: the size Gonçalves, Jácome &amp; Weisburst (2024) found after Secure Communities.
/// </summary>
public static class ReportingIndicator
{
    public const string Hispanic = "H", NotHispanic = "N", Unknown = "U";

    /// <summary>
    /// The published measure (an <c>other</c> figure, model <c>all</c>): each month's publication freezes the estimate as
    /// it stands then, in percent, as three categories: the change and its interval's ends.
    /// </summary>
    public const string MeasureId = "crime-reporting-change";

    public static readonly IReadOnlyList<string> Categories = ["level-change", "low", "high"];

    /// <summary>The cells a publication of <paramref name="period"/> adds for the estimate (resting on the reports with Hispanic victims).</summary>
    public static IEnumerable<Statistics.DisclosureCell> Cells(ReportingEstimate estimate, string period)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        var (level, low, high) = estimate.LevelPercent;
        return Categories.Zip([level, low, high], (category, value) => new Statistics.DisclosureCell(
            new Statistics.FigureKey(MeasureId, period, Statistics.StatisticsFigures.AllModels, category), Statistics.MeasureKind.Other, Math.Round(value, 1), estimate.HispanicTotal));
    }

    public static readonly IReadOnlyList<string> Ethnicities = [Hispanic, NotHispanic, Unknown];

    /// <summary>The months from the first to the last imported, each with its Hispanic and other counts (a month missing from the file counts nothing).</summary>
    public static IReadOnlyList<(YearMonth Month, long Hispanic, long NotHispanic)> Series(IEnumerable<CrimeReportCount> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var byMonth = counts.GroupBy(c => c.Month).ToDictionary(g => g.Key, g => (H: g.Where(c => c.Ethnicity == Hispanic).Sum(c => c.Count), N: g.Where(c => c.Ethnicity == NotHispanic).Sum(c => c.Count)));
        if (byMonth.Count == 0)
        {
            return [];
        }

        var series = new List<(YearMonth, long, long)>();
        for (var m = byMonth.Keys.Min(); m <= byMonth.Keys.Max(); m = m.PlusMonths(1))
        {
            var (h, n) = byMonth.GetValueOrDefault(m);
            series.Add((m, h, n));
        }

        return series;
    }

    /// <summary>The estimate at <paramref name="start"/> (the agreement's first month), or why there is none.</summary>
    public static (ReportingEstimate? Estimate, string? Problem) Estimate(IEnumerable<CrimeReportCount> counts, YearMonth start)
    {
        var series = Series(counts);
        if (series.Count == 0)
        {
            return (null, "No counts are imported yet.");
        }

        var breakIndex = series.ToList().FindIndex(s => s.Month >= start);
        var before = breakIndex < 0 ? series.Count : breakIndex;
        var after = series.Count - before;
        if (before < InterruptedTimeSeries.MinimumMonthsEachSide || after < InterruptedTimeSeries.MinimumMonthsEachSide)
        {
            return (null, $"The estimate needs at least {InterruptedTimeSeries.MinimumMonthsEachSide} months before the agreement began ({start:yyyy'-'MM}) and {InterruptedTimeSeries.MinimumMonthsEachSide} after; the counts have {before} before and {after} after.");
        }

        var y = series.Select(s => Math.Log((s.Hispanic + 0.5) / (s.NotHispanic + 0.5))).ToArray();
        var fit = InterruptedTimeSeries.Fit(y, breakIndex, series[0].Month.Month);
        return (new ReportingEstimate(fit, series, start, series.Sum(s => s.Hispanic), series.Sum(s => s.NotHispanic)), null);
    }
}

/// <summary>What the indicator found, and the series it found it in.</summary>
public sealed record ReportingEstimate(ItsResult Fit, IReadOnlyList<(YearMonth Month, long Hispanic, long NotHispanic)> Series, YearMonth Start, long HispanicTotal, long NotHispanicTotal)
{
    /// <summary>The level change as a percentage change in the ratio: exp(b) − 1, with its interval.</summary>
    public (double Value, double Low, double High) LevelPercent => (Percent(Fit.Level.Value), Percent(Fit.Level.Low), Percent(Fit.Level.High));

    private static double Percent(double logChange) => 100 * (Math.Exp(logChange) - 1);
}
