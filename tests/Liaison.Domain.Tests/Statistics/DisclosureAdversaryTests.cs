using Google.OrTools.LinearSolver;
using Liaison.Domain.Statistics;

namespace Liaison.Domain.Tests.Statistics;

/// <summary>
/// An attacker who knows every published row and every sum public-statistics.md promises, and that suppressed
/// values are whole numbers of at least 0, tries to narrow each suppressed count with a linear programme (OR-Tools'
/// GLOP, independent of Liaison's own simplex). It must never pin one to fewer than k values.
/// </summary>
public sealed class DisclosureAdversaryTests
{
    public static TheoryData<int, int, int> Counties => new()
    {
        { 1, 40, 10 }, { 2, 90, 10 }, { 3, 150, 10 }, { 4, 300, 10 }, { 5, 600, 10 }, { 6, 60, 5 }, { 7, 200, 5 },
    };

    [Theory]
    [MemberData(nameof(Counties))]
    public void NoSuppressedCellCanBeNarrowed_InAGeneratedSmallCounty(int seed, int bookings, int k)
    {
        var published = SmallCounty.PublishedYear(seed, bookings, k);

        Assert.Contains(published, c => c.Suppressed && c.IsCount); // the county is hard: there is something to attack
        Assert.Empty(Adversary.Narrow(published.Select(Publication.RowOf).ToList(), k));
    }

    [Theory]
    [MemberData(nameof(Counties))]
    public void PublishedRows_KeepTheRuleAndTheSums(int seed, int bookings, int k)
    {
        var rows = SmallCounty.PublishedYear(seed, bookings, k).Select(Publication.RowOf).ToList();

        foreach (var row in rows.Where(r => r.Kind != "other" && r.Value != PublishedRow.Suppressed))
        {
            var value = long.Parse(row.Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(value == 0 || value >= k, $"{row} is a small count");
        }

        Assert.Empty(Adversary.BrokenSums(rows));
    }

    [Fact]
    public void TheAdversaryFindsWhatPrimarySuppressionAloneLeaves()
    {
        // Without complementary suppression, a lone suppressed cell in a sum is recovered exactly: the attack works.
        var figures = StatisticsFigures.Compute(SmallCounty.Generate(3, 150), SmallCounty.Zone);
        var cells = figures.All(StatPeriod.OfMonth(new NodaTime.YearMonth(2026, 1)))
            .Select(f => new DisclosureCell(f.Key, f.Kind, f.Figure.Value, f.Figure.People)).ToList();
        foreach (var c in cells)
        {
            c.Suppressed = c.IsCount ? c.Value is > 0 and < 10 : c.People < 10;
        }

        Assert.NotEmpty(Adversary.Narrow(cells.Select(Publication.RowOf).ToList(), 10));
        Assert.NotEmpty(DisclosureControl.Narrowed(cells, 10)); // and Liaison's own check sees it too
    }

    [Fact]
    public void ADifferenceOfTwoPublicationsRevealsNothing()
    {
        // Publishing month by month adds rows; a quarter's row must not expose a month suppressed earlier.
        var bookings = SmallCounty.Generate(11, 120);
        var all = SmallCounty.PublishYear(bookings, 10).Select(Publication.RowOf).ToList();
        var firstQuarterOnly = all.Where(r => r.Period is "2025-10" or "2025-11" or "2025-12" or "FY2026-Q1").ToList();

        Assert.Empty(Adversary.Narrow(firstQuarterOnly, 10));
        Assert.Empty(Adversary.Narrow(all, 10));
    }
}

/// <summary>The attacker: the published rows, the promised sums, and a linear programme per suppressed cell.</summary>
internal static class Adversary
{
    private static readonly string[] Models = ["JEM", "WSO"];

    // GLOP reports an unbounded programme as infeasible; a ceiling far above any county's count keeps it bounded.
    private const double Ceiling = 1e7;

    /// <summary>The sums of public-statistics.md, as (total, parts), wherever every row involved is published.</summary>
    public static IEnumerable<(PublishedRow Total, List<PublishedRow> Parts)> Sums(IReadOnlyList<PublishedRow> rows)
    {
        var byKey = rows.ToDictionary(r => (r.Measure, r.Period, r.Model, r.Category));
        foreach (var r in rows.Where(r => r.Kind != "other"))
        {
            if (r.Kind == "count" && r.Category == "all")
            {
                var parts = rows.Where(p => p.Measure == r.Measure && p.Period == r.Period && p.Model == r.Model && p.Category != "all").ToList();
                if (parts.Count > 0)
                {
                    yield return (r, parts);
                }
            }

            if (r.Model == "all" && Models.All(m => byKey.ContainsKey((r.Measure, r.Period, m, r.Category))))
            {
                yield return (r, [.. Models.Select(m => byKey[(r.Measure, r.Period, m, r.Category)])]);
            }

            var subPeriods = SubPeriods(r.Period);
            if (subPeriods.Count > 0 && subPeriods.All(p => byKey.ContainsKey((r.Measure, p, r.Model, r.Category))))
            {
                yield return (r, [.. subPeriods.Select(p => byKey[(r.Measure, p, r.Model, r.Category)])]);
            }
        }
    }

    /// <summary>FY2026 → its quarters; FY2026-Q1 → 2025-10, 2025-11, 2025-12; a month → none. Written out here, not borrowed.</summary>
    private static List<string> SubPeriods(string period)
    {
        if (!period.StartsWith("FY", StringComparison.Ordinal))
        {
            return [];
        }

        var year = int.Parse(period.AsSpan(2, 4), System.Globalization.CultureInfo.InvariantCulture);
        if (period.Length == 6)
        {
            return [.. Enumerable.Range(1, 4).Select(q => $"FY{year}-Q{q}")];
        }

        var quarter = period[^1] - '0';
        return [.. Enumerable.Range(0, 3).Select(i =>
        {
            var monthIndex = 9 + ((quarter - 1) * 3) + i; // 0-based months from January of year − 1
            return $"{year - 1 + (monthIndex / 12)}-{(monthIndex % 12) + 1:00}";
        })];
    }

    public static List<string> BrokenSums(IReadOnlyList<PublishedRow> rows)
    {
        var broken = new List<string>();
        foreach (var (total, parts) in Sums(rows))
        {
            if (total.Value != PublishedRow.Suppressed && parts.All(p => p.Value != PublishedRow.Suppressed)
                && long.Parse(total.Value, System.Globalization.CultureInfo.InvariantCulture) != parts.Sum(p => long.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)))
            {
                broken.Add($"{total} ≠ sum of {parts.Count} parts");
            }
        }

        return broken;
    }

    /// <summary>Every suppressed count the attacker pins to fewer than k whole values, with what it learnt.</summary>
    public static List<string> Narrow(IReadOnlyList<PublishedRow> rows, int k)
    {
        var found = new List<string>();
        foreach (var measure in rows.Where(r => r.Kind != "other").GroupBy(r => r.Measure))
        {
            var measureRows = measure.ToList();
            using var solver = Solver.CreateSolver("GLOP");
            var unknowns = measureRows.Where(r => r.Value == PublishedRow.Suppressed)
                .ToDictionary(r => r, r => solver.MakeNumVar(0, Ceiling, $"{r.Period}|{r.Model}|{r.Category}"));
            if (unknowns.Count == 0)
            {
                continue;
            }

            foreach (var (total, parts) in Sums(measureRows))
            {
                var constraint = solver.MakeConstraint(0, 0);
                var constant = 0d;
                foreach (var (row, sign) in parts.Select(p => (p, -1d)).Prepend((total, 1d)))
                {
                    if (unknowns.TryGetValue(row, out var v))
                    {
                        constraint.SetCoefficient(v, constraint.GetCoefficient(v) + sign);
                    }
                    else
                    {
                        constant += sign * double.Parse(row.Value, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                constraint.SetBounds(-constant, -constant);
            }

            foreach (var (row, variable) in unknowns)
            {
                var max = Solve(solver, variable, maximise: true);
                var min = Solve(solver, variable, maximise: false);
                var width = Math.Floor(max + 1e-6) - Math.Ceiling(min - 1e-6);
                if (width < k - 1)
                {
                    found.Add($"{row.Measure} {row.Period} {row.Model} {row.Category}: between {Math.Ceiling(min - 1e-6)} and {Math.Floor(max + 1e-6)}");
                }
            }
        }

        return found;
    }

    private static double Solve(Solver solver, Variable variable, bool maximise)
    {
        var objective = solver.Objective();
        objective.Clear();
        objective.SetCoefficient(variable, 1);
        if (maximise)
        {
            objective.SetMaximization();
        }
        else
        {
            objective.SetMinimization();
        }

        return solver.Solve() switch
        {
            Solver.ResultStatus.OPTIMAL => objective.Value(),
            var status => throw new InvalidOperationException($"The attack's programme is {status}: the published rows contradict their sums."),
        };
    }
}
