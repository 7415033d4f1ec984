using System.Globalization;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>One published row, exactly as public-statistics.md lays it out (the value already <c>suppressed</c> where it must be).</summary>
public sealed record PublishedRow(string Measure, string Kind, string Period, string Model, string Category, string Value)
{
    public const string Suppressed = "suppressed";
}

/// <summary>
/// Publishing a month: its rows, and those of the quarter and fiscal year it completes, protected together with
/// everything published before. Rows already published never change ("keep what was published"): a quarter's counts
/// are the sums of its months as they were published, so every published sum stays exact.
/// </summary>
public static class Publication
{
    /// <summary>The periods that publishing <paramref name="month"/> completes: the month, its quarter at the quarter's end, the fiscal year in September.</summary>
    public static IReadOnlyList<StatPeriod> PeriodsClosedBy(YearMonth month)
    {
        var m = StatPeriod.OfMonth(month);
        var periods = new List<StatPeriod> { m };
        if (m.QuarterPeriod.LastMonth == month)
        {
            periods.Add(m.QuarterPeriod);
        }

        if (m.YearPeriod.LastMonth == month)
        {
            periods.Add(m.YearPeriod);
        }

        return periods;
    }

    /// <summary>
    /// The new cells of <paramref name="month"/>'s publication (and <paramref name="alsoPublished"/>), protected together
    /// with <paramref name="previous"/> (frozen).
    /// Throws when the new rows cannot be protected.
    /// </summary>
    public static List<DisclosureCell> Protect(StatisticsFigures figures, YearMonth month, IReadOnlyCollection<DisclosureCell> previous, int k,
        IEnumerable<DisclosureCell>? alsoPublished = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(previous);
        var known = previous.ToDictionary(c => c.Key);
        var fresh = new List<DisclosureCell>();
        foreach (var period in PeriodsClosedBy(month))
        {
            foreach (var (key, kind, figure) in figures.All(period))
            {
                if (known.ContainsKey(key))
                {
                    continue;
                }

                var cell = period.Kind != PeriodKind.Month && kind != MeasureKind.Other
                    ? SumOfParts(key, kind, period, known, figures)
                    : new DisclosureCell(key, kind, figure.Value, figure.People);
                known[key] = cell;
                fresh.Add(cell);
            }
        }

        // Figures from outside the bookings (the crime-reporting indicator, the survey's closed rounds): published with the month, under the same rule, once.
        fresh.AddRange((alsoPublished ?? []).Where(c => !known.ContainsKey(c.Key)));
        DisclosureControl.Protect([.. previous, .. fresh], k);
        return fresh;
    }

    /// <summary>A quarter or year count as the sum of its parts as published (or, for a part never published, as computed now).</summary>
    private static DisclosureCell SumOfParts(FigureKey key, MeasureKind kind, StatPeriod period, Dictionary<FigureKey, DisclosureCell> known, StatisticsFigures figures)
    {
        var measure = figures.Measures.First(m => m.Id == key.Measure);
        var total = 0d;
        foreach (var part in period.Parts)
        {
            var partKey = key with { Period = part.ToString() };
            total += known.TryGetValue(partKey, out var published)
                ? published.Value ?? 0
                : figures.Get(measure, part, key.Model, key.Category).Value ?? 0;
        }

        return new DisclosureCell(key, kind, total, (long)total);
    }

    /// <summary>The public row of a cell.</summary>
    public static PublishedRow RowOf(DisclosureCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return new PublishedRow(cell.Key.Measure, Codes.Of(cell.Kind), cell.Key.Period, cell.Key.Model, cell.Key.Category,
            cell.Suppressed || cell.Value is null ? PublishedRow.Suppressed : Format(cell.Value.Value));
    }

    public static string Format(double value) =>
        value == Math.Floor(value) ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("0.0", CultureInfo.InvariantCulture);
}
