namespace Liaison.Domain.Statistics;

/// <summary>
/// One cell of the published tables. <see cref="Value"/> is the true figure, kept inside the agency even when the public
/// sees <c>suppressed</c>; a <see cref="Frozen"/> cell was published before and never changes.
/// </summary>
public sealed class DisclosureCell(FigureKey key, MeasureKind kind, double? value, long people, bool suppressed = false, bool frozen = false)
{
    public FigureKey Key { get; } = key;

    public MeasureKind Kind { get; } = kind;

    public double? Value { get; } = value;

    public long People { get; } = people;

    public bool Suppressed { get; set; } = suppressed;

    public bool Frozen { get; } = frozen;

    public bool IsCount => Kind != MeasureKind.Other;
}

/// <summary>What an attacker can learn of one suppressed cell: the whole numbers it can still be.</summary>
public sealed record Narrowing(FigureKey Key, long Lowest, double Highest);

/// <summary>
/// The disclosure rule of <c>public-statistics.md</c>: primary suppression of counts from 1 to k − 1 and of <c>other</c>
/// figures from fewer than k people, then complementary suppression until no suppressed count can be pinned by the
/// published rows and sums to fewer than k whole values. The check is exact: the largest and smallest value each
/// suppressed cell can take are computed as linear programmes (<see cref="LinearBounds"/>) over every published row,
/// earlier publications included.
/// </summary>
public static class DisclosureControl
{
    public const int DefaultK = 10;
    public const int MinimumK = 5;

    /// <summary>Suppresses what the rule requires among the cells that are not frozen; throws if no suppression of new cells can protect.</summary>
    public static void Protect(IReadOnlyList<DisclosureCell> cells, int k)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, MinimumK);
        foreach (var cell in cells.Where(c => !c.Frozen))
        {
            cell.Suppressed = cell.IsCount
                ? cell.Value is > 0 and var v && v < k
                : cell.People < k || cell.Value is null;
        }

        foreach (var measure in cells.Where(c => c.IsCount).GroupBy(c => c.Key.Measure))
        {
            ProtectMeasure([.. measure], k);
        }
    }

    /// <summary>The suppressed counts that the published rows pin to fewer than k whole values.</summary>
    public static IReadOnlyList<Narrowing> Narrowed(IReadOnlyList<DisclosureCell> cells, int k)
    {
        ArgumentNullException.ThrowIfNull(cells);
        return [.. cells.Where(c => c.IsCount).GroupBy(c => c.Key.Measure).SelectMany(m => NarrowedIn([.. m], k))];
    }

    private static void ProtectMeasure(List<DisclosureCell> cells, int k)
    {
        var relations = RelationsOf(cells);
        var fallbackUsed = false;
        // Hiding more cells only widens every range, so a cell found safe stays safe: only the rest are examined again.
        var safe = new HashSet<FigureKey>();
        while (NarrowedIn(cells, k, relations, safe) is { Count: > 0 } narrowed)
        {
            var added = 0;
            foreach (var n in narrowed)
            {
                if (Complement(n.Key, relations, k) is { } complement && !complement.Suppressed)
                {
                    complement.Suppressed = true;
                    added++;
                }
            }

            if (added == 0)
            {
                if (fallbackUsed)
                {
                    throw new InvalidOperationException(
                        $"Measure {cells[0].Key.Measure}: suppressing every new figure still leaves {narrowed[0].Key} narrowed; not published.");
                }

                // No neighbour left to suppress: hide every new figure of the measure (always safe for the new rows themselves).
                foreach (var cell in cells.Where(c => !c.Frozen && c.Value is > 0))
                {
                    cell.Suppressed = true;
                }

                fallbackUsed = true;
            }
        }
    }

    /// <summary>
    /// A new published cell to hide beside the narrowed one: in the sum that pins it hardest (fewest hidden members),
    /// the cell that gives it room of at least k − 1 (a value of at least k − 1; then any positive value; a zero last),
    /// then the one whose hiding starts the fewest new problems (sums where it would be the only hidden cell), then a
    /// month before a quarter or year and a part before a total, so that the totals readers look for stay published.
    /// </summary>
    private static DisclosureCell? Complement(FigureKey key, Relations relations, int k)
    {
        var around = relations.Containing(key).ToList();
        int Lonely(DisclosureCell c) =>
            relations.Containing(c.Key).Count(r => !around.Contains(r) && !r.Members.Any(m => m.Suppressed && m.Key != c.Key));
        return around
            .OrderBy(r => r.Members.Count(m => m.Suppressed))
            .Select(r => r.Members
                .Where(c => !c.Suppressed && !c.Frozen && c.Key != key)
                .OrderBy(c => c.Value >= k - 1 ? 0 : c.Value > 0 ? 1 : 2)
                .ThenBy(Lonely)
                .ThenBy(TotalLevel)
                .ThenBy(c => c.Value >= k - 1 ? c.Value : -c.Value)
                .ThenBy(c => c.Key.Period, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Model, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Category, StringComparer.Ordinal)
                .FirstOrDefault())
            .FirstOrDefault(c => c is not null);
    }

    /// <summary>How much of a total a cell is: 0 for a month's model and category, up to 4 for the fiscal year's grand total.</summary>
    private static int TotalLevel(DisclosureCell c) =>
        (StatPeriod.TryParse(c.Key.Period, out var p) ? (int)p.Kind : 0)
        + (c.Key.Model == StatisticsFigures.AllModels ? 1 : 0)
        + (c.Key.Category == Measure.All ? 1 : 0);

    private static List<Narrowing> NarrowedIn(List<DisclosureCell> cells, int k, Relations? relations = null, HashSet<FigureKey>? safe = null)
    {
        relations ??= RelationsOf(cells);
        var unknowns = cells.Where(c => c.Suppressed).ToList();
        if (unknowns.Count == 0)
        {
            return [];
        }

        var index = unknowns.Select((c, i) => (c.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var equations = new List<LinearBounds.Equation>();
        foreach (var relation in relations.All)
        {
            // total − Σ parts = 0, the published cells moved to the right-hand side.
            var vars = new List<int>();
            var coefficients = new List<double>();
            var rhs = 0d;
            foreach (var (cell, coefficient) in relation.Terms)
            {
                if (index.TryGetValue(cell.Key, out var u))
                {
                    vars.Add(u);
                    coefficients.Add(coefficient);
                }
                else
                {
                    rhs -= coefficient * (cell.Value ?? 0);
                }
            }

            if (vars.Count > 0)
            {
                equations.Add(new LinearBounds.Equation([.. vars], [.. coefficients], rhs));
            }
        }

        var bounds = LinearBounds.Of(unknowns.Count, equations, [.. unknowns.Select(u => u.Value ?? 0)], k - 1,
            safe is null ? null : [.. unknowns.Select(u => safe.Contains(u.Key))]);
        var narrowed = new List<Narrowing>();
        for (var i = 0; i < unknowns.Count; i++)
        {
            var lowest = (long)Math.Ceiling(bounds[i].Min - 1e-6);
            var highest = double.IsPositiveInfinity(bounds[i].Max) ? double.PositiveInfinity : Math.Floor(bounds[i].Max + 1e-6);
            if (safe?.Contains(unknowns[i].Key) == true)
            {
                continue;
            }

            if (highest - lowest < k - 1)
            {
                narrowed.Add(new Narrowing(unknowns[i].Key, lowest, highest));
            }
            else
            {
                safe?.Add(unknowns[i].Key);
            }
        }

        return narrowed;
    }

    /// <summary>One published sum: a total equal to the sum of its parts.</summary>
    private sealed record Relation(DisclosureCell Total, IReadOnlyList<DisclosureCell> Parts)
    {
        public IEnumerable<DisclosureCell> Members => Parts.Prepend(Total);

        public IEnumerable<(DisclosureCell Cell, double Coefficient)> Terms => Parts.Select(p => (p, -1d)).Prepend((Total, 1d));
    }

    private sealed class Relations(List<Relation> all)
    {
        private readonly ILookup<FigureKey, Relation> _byCell = all.SelectMany(r => r.Members.Select(m => (m.Key, r))).ToLookup(p => p.Key, p => p.r);

        public List<Relation> All { get; } = all;

        public IEnumerable<Relation> Containing(FigureKey key) => _byCell[key];
    }

    /// <summary>The sums of public-statistics.md among one measure's cells, wherever every row involved is published.</summary>
    private static Relations RelationsOf(List<DisclosureCell> cells)
    {
        var byKey = cells.ToDictionary(c => c.Key);
        var relations = new List<Relation>();
        void Add(DisclosureCell? total, IEnumerable<FigureKey> parts)
        {
            var found = parts.Select(p => byKey.GetValueOrDefault(p)).ToList();
            if (total is not null && found.Count > 0 && found.All(f => f is not null))
            {
                relations.Add(new Relation(total, found!));
            }
        }

        foreach (var cell in cells)
        {
            var key = cell.Key;
            if (cell.Kind == MeasureKind.Count && key.Category == Measure.All)
            {
                var parts = cells.Where(c => c.Key with { Category = Measure.All } == key && c.Key.Category != Measure.All).Select(c => c.Key).ToList();
                if (parts.Count > 0)
                {
                    Add(cell, parts);
                }
            }

            if (key.Model == StatisticsFigures.AllModels && byKey.ContainsKey(key with { Model = StatisticsFigures.Models[0] }))
            {
                Add(cell, StatisticsFigures.Models.Select(m => key with { Model = m }));
            }

            if (StatPeriod.TryParse(key.Period, out var period) && period.Parts.Count > 0)
            {
                Add(cell, period.Parts.Select(p => key with { Period = p.ToString() }));
            }
        }

        return new Relations(relations);
    }
}
