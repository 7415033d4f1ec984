using System.Globalization;
using System.Text;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>One measure in a report: this period beside the previous one and the same period a year before.</summary>
public sealed record ReportLine(Measure Measure, string Category, Figure This, Figure Previous, Figure YearBefore);

/// <summary>
/// The figures of one period (a month, quarter or fiscal year) for one model (JEM, WSO or all), compared with the
/// previous period and the same period a year before: what the dashboard, the monthly report and its CSV show.
/// </summary>
public sealed record PeriodReport(StatPeriod Period, string Model, IReadOnlyList<ReportLine> Lines)
{
    public StatPeriod Previous => Before(Period, 1);

    public StatPeriod YearBefore => Before(Period, Period.Kind == PeriodKind.Year ? 1 : Period.Kind == PeriodKind.Quarter ? 4 : 12);

    public static PeriodReport Of(StatisticsFigures figures, StatPeriod period, string model)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var previous = Before(period, 1);
        var yearBefore = Before(period, period.Kind == PeriodKind.Year ? 1 : period.Kind == PeriodKind.Quarter ? 4 : 12);
        var lines = new List<ReportLine>();
        foreach (var measure in figures.Measures)
        {
            var m = measure.ByModel ? model : StatisticsFigures.AllModels;
            foreach (var category in measure.PublishedCategories)
            {
                lines.Add(new ReportLine(measure, category,
                    figures.Get(measure, period, m, category), figures.Get(measure, previous, m, category), figures.Get(measure, yearBefore, m, category)));
            }
        }

        // "all" first, then the breakdown, for each measure.
        return new PeriodReport(period, model, [.. lines.GroupBy(l => l.Measure.Id).SelectMany(g => g.OrderBy(l => l.Category == Measure.All ? 0 : 1))]);
    }

    /// <summary>The period <paramref name="steps"/> of its own kind earlier.</summary>
    public static StatPeriod Before(StatPeriod period, int steps) => period.Kind switch
    {
        PeriodKind.Month => StatPeriod.OfMonth(period.Month.PlusMonths(-steps)),
        PeriodKind.Quarter => QuarterBefore(period, steps),
        _ => StatPeriod.OfYear(period.FiscalYear - steps),
    };

    private static StatPeriod QuarterBefore(StatPeriod q, int steps)
    {
        var index = (q.FiscalYear * 4) + (q.Quarter - 1) - steps;
        return StatPeriod.OfQuarter(index / 4, (index % 4) + 1);
    }

    /// <summary>The report as CSV: one row per measure and category, with the three periods' figures.</summary>
    public string Csv()
    {
        var sb = new StringBuilder("measure,kind,model,category,period,value,previous_period,previous_value,year_before_period,year_before_value\n");
        foreach (var l in Lines)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{l.Measure.Id},{Codes.Of(l.Measure.Kind)},{(l.Measure.ByModel ? Model : StatisticsFigures.AllModels)},{l.Category},")
                .Append(CultureInfo.InvariantCulture, $"{Period},{Value(l.This)},{Previous},{Value(l.Previous)},{YearBefore},{Value(l.YearBefore)}\n");
        }

        return sb.ToString();
    }

    /// <summary>A figure as text: a whole number, one decimal for a median or mean, "n/a" when nobody was counted.</summary>
    public static string Value(Figure f) => f.Value is { } v ? Publication.Format(v) : "n/a";

    /// <summary>Change from <paramref name="before"/> to <paramref name="now"/>, e.g. "+12" or "−3", or "" when either is missing.</summary>
    public static string Change(Figure now, Figure before) =>
        now.Value is { } a && before.Value is { } b
            ? (a - b) switch { > 0 and var d => "+" + Publication.Format(Math.Round(d, 1)), < 0 and var d => "−" + Publication.Format(Math.Round(-d, 1)), _ => "0" }
            : "";

    /// <summary>The months of the 12 ending with <paramref name="last"/>, for trend charts.</summary>
    public static IReadOnlyList<YearMonth> TwelveMonthsTo(YearMonth last) => [.. Enumerable.Range(0, 12).Select(i => last.PlusMonths(i - 11))];
}
