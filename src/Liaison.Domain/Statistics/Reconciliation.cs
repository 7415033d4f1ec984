namespace Liaison.Domain.Statistics;

/// <summary>One figure ICE published about the agency: a count for a measure, period, model and category.</summary>
public sealed record IceFigure(string Measure, StatPeriod Period, string Model, string Category, long Value, string? Source);

/// <summary>ICE's figure beside the agency's own count of the same thing.</summary>
public sealed record ReconciliationLine(Measure Measure, StatPeriod Period, string Model, string Category, long Ice, long Ours, string? Source)
{
    /// <summary>The agency's count less ICE's: positive when the agency counted more.</summary>
    public long Difference => Ours - Ice;

    public bool Matches => Difference == 0;

    /// <summary>The difference as a share of ICE's figure; null when ICE published zero.</summary>
    public double? Relative => Ice == 0 ? null : (double)Difference / Ice;
}

/// <summary>
/// Puts ICE's published figures beside the agency's own. Only counts can be compared (ICE publishes counts); the
/// mismatches come first, the largest first, so the reader starts with what needs explaining.
/// </summary>
public static class Reconciliation
{
    /// <summary>What an import line's measure, period, model and category must name, or why not.</summary>
    public static string? Problem(string measureId, string period, string model, string category, out Measure? measure, out StatPeriod parsed)
    {
        parsed = default;
        measure = Measures.Find(measureId);
        if (measure is null)
        {
            return $"measure: unknown measure \"{measureId}\" (docs/statistics.md lists them)";
        }

        if (measure.Kind == MeasureKind.Other)
        {
            return $"measure: \"{measureId}\" is not a count; only counts can be compared with ICE's figures";
        }

        if (!StatPeriod.TryParse(period, out parsed))
        {
            return $"period: \"{period}\" is not a month (2026-10), fiscal quarter (FY2027-Q1) or fiscal year (FY2027)";
        }

        if (!StatisticsFigures.ModelsOf(measure).Contains(model))
        {
            return $"model: \"{model}\" is not one of {string.Join(", ", StatisticsFigures.ModelsOf(measure))} for {measureId}";
        }

        return measure.PublishedCategories.Contains(category)
            ? null
            : $"category: \"{category}\" is not a category of {measureId} ({string.Join(", ", measure.PublishedCategories)})";
    }

    public static IReadOnlyList<ReconciliationLine> Compare(IEnumerable<IceFigure> ice, StatisticsFigures ours)
    {
        ArgumentNullException.ThrowIfNull(ice);
        ArgumentNullException.ThrowIfNull(ours);
        var order = Measures.All.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return [.. ice.Select(f =>
            {
                var measure = Measures.Find(f.Measure) ?? throw new ArgumentException($"Unknown measure {f.Measure}.", nameof(ice));
                return new ReconciliationLine(measure, f.Period, f.Model, f.Category, f.Value, (long)(ours.Get(measure, f.Period, f.Model, f.Category).Value ?? 0), f.Source);
            })
            .OrderBy(l => l.Matches)
            .ThenByDescending(l => Math.Abs(l.Difference))
            .ThenBy(l => order[l.Measure.Id])
            .ThenBy(l => l.Period.ToString(), StringComparer.Ordinal)
            .ThenBy(l => l.Model, StringComparer.Ordinal)
            .ThenBy(l => l.Category, StringComparer.Ordinal)];
    }
}
