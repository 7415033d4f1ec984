namespace Liaison.Domain.Statistics;

/// <summary>
/// The smallest and largest value each unknown can take, given linear equalities among unknowns that are at least 0:
/// what an attacker learns of suppressed cells from the published rows and sums. A two-phase dense simplex with
/// Bland's rule (no cycling); the systems are small (one measure's suppressed cells, split into connected parts).
/// </summary>
public static class LinearBounds
{
    private const double Eps = 1e-9;

    /// <summary>One equality: Σ coefficient × unknown = right-hand side.</summary>
    public sealed record Equation(int[] Unknowns, double[] Coefficients, double RightHandSide);

    /// <summary>Bounds of every unknown 0..<paramref name="count"/>-1; an unbounded maximum is +∞.</summary>
    /// <summary>Bounds of every unknown 0..<paramref name="count"/>-1; an unbounded maximum is +∞.</summary>
    public static (double Min, double Max)[] Of(int count, IReadOnlyList<Equation> equations) => Of(count, equations, null, 0, null);

    /// <summary>
    /// Whether each unknown's range is at least <paramref name="width"/> wide, given a feasible point <paramref name="known"/>
    /// (the true values): a maximum at least known + width settles it without the minimum. The bounds returned are exact
    /// only where the range is narrower. Unknowns <paramref name="settled"/> marks are not examined (their bounds read 0..+∞).
    /// </summary>
    public static (double Min, double Max)[] Of(int count, IReadOnlyList<Equation> equations, double[]? known, double width, bool[]? settled)
    {
        ArgumentNullException.ThrowIfNull(equations);
        var bounds = new (double Min, double Max)[count];
        Array.Fill(bounds, (0d, double.PositiveInfinity));
        // Unknowns linked through equations are solved together; the rest are only known to be at least 0.
        var parent = Enumerable.Range(0, count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var e in equations)
        {
            for (var i = 1; i < e.Unknowns.Length; i++)
            {
                parent[Find(e.Unknowns[i])] = Find(e.Unknowns[0]);
            }
        }

        foreach (var part in equations.Where(e => e.Unknowns.Length > 0).GroupBy(e => Find(e.Unknowns[0])))
        {
            var unknowns = part.SelectMany(e => e.Unknowns).Distinct().Order().ToArray();
            var local = unknowns.Select((u, i) => (u, i)).ToDictionary(p => p.u, p => p.i);
            if (settled is not null && unknowns.All(u => settled[u]))
            {
                continue;
            }

            var tableau = Feasible(unknowns.Length, [.. part.Select(e => e with { Unknowns = [.. e.Unknowns.Select(u => local[u])] })]);
            for (var i = 0; i < unknowns.Length; i++)
            {
                if (settled?[unknowns[i]] == true)
                {
                    continue;
                }

                var enough = known is null ? double.PositiveInfinity : known[unknowns[i]] + width;
                var max = tableau.Maximise(i, 1, enough);
                var min = max >= enough ? known![unknowns[i]] : -tableau.Maximise(i, -1);
                bounds[unknowns[i]] = (Math.Max(0, min), max);
            }
        }

        return bounds;
    }

    private static Tableau Feasible(int n, List<Equation> equations)
    {
        var m = equations.Count;
        var width = n + m + 1;
        var rows = new double[m][];
        for (var r = 0; r < m; r++)
        {
            var row = rows[r] = new double[width];
            var e = equations[r];
            var sign = e.RightHandSide < 0 ? -1 : 1;
            for (var j = 0; j < e.Unknowns.Length; j++)
            {
                row[e.Unknowns[j]] += sign * e.Coefficients[j];
            }

            row[n + r] = 1;
            row[^1] = sign * e.RightHandSide;
        }

        var t = new Tableau(rows, [.. Enumerable.Range(n, m)], n + m);
        var phaseOne = new double[n + m];
        Array.Fill(phaseOne, -1, n, m);
        if (t.Optimise(phaseOne) < -1e-6)
        {
            throw new InvalidOperationException("The published figures contradict their own sums.");
        }

        // Drive artificial unknowns out of the basis; a row where none can leave is redundant.
        var kept = new List<int>();
        for (var r = 0; r < m; r++)
        {
            if (t.Basis[r] >= n)
            {
                var column = Enumerable.Range(0, n).FirstOrDefault(j => Math.Abs(t.Rows[r][j]) > Eps, -1);
                if (column < 0)
                {
                    continue;
                }

                t.Pivot(r, column);
            }

            kept.Add(r);
        }

        var reduced = kept.Select(r => t.Rows[r].Take(n).Append(t.Rows[r][^1]).ToArray()).ToArray();
        return new Tableau(reduced, [.. kept.Select(r => t.Basis[r])], n);
    }

    private sealed class Tableau(double[][] rows, int[] basis, int columns)
    {
        // Rows still shared with the tableau this one was copied from: cloned only when a pivot changes them.
        private bool[]? _shared;

        public double[][] Rows { get; } = rows;

        public int[] Basis { get; } = basis;

        /// <summary>
        /// max (sign × unknown j) from this feasible basis, on a copy (a fresh start from the first feasible basis takes
        /// far fewer pivots than continuing from the last objective's); stops early once it reaches <paramref name="enough"/>.
        /// </summary>
        public double Maximise(int j, double sign, double enough = double.PositiveInfinity)
        {
            var copy = new Tableau((double[][])Rows.Clone(), (int[])Basis.Clone(), columns) { _shared = new bool[Rows.Length] };
            Array.Fill(copy._shared, true);
            var cost = new double[columns];
            cost[j] = sign;
            return copy.Optimise(cost, enough);
        }

        /// <summary>
        /// Maximises cost · x in place; +∞ when unbounded. Dantzig's rule (largest reduced cost), with Bland's rule
        /// (first improving column) after a run of degenerate pivots, which cannot cycle.
        /// </summary>
        public double Optimise(double[] cost, double enough = double.PositiveInfinity)
        {
            var rhs = Rows.Length == 0 ? 0 : Rows[0].Length - 1;
            var degenerate = 0;
            var priced = new List<int>(); // rows whose basic unknown has a cost: only they change reduced costs
            while (true)
            {
                priced.Clear();
                var value = 0d;
                for (var r = 0; r < Rows.Length; r++)
                {
                    if (cost[Basis[r]] != 0)
                    {
                        priced.Add(r);
                        value += cost[Basis[r]] * Rows[r][rhs];
                    }
                }

                if (value >= enough)
                {
                    return value;
                }

                var entering = -1;
                var largest = Eps;
                for (var j = 0; j < columns; j++)
                {
                    var reduced = cost[j];
                    foreach (var r in priced)
                    {
                        reduced -= cost[Basis[r]] * Rows[r][j];
                    }

                    if (reduced > largest)
                    {
                        (entering, largest) = (j, reduced);
                        if (degenerate > 50)
                        {
                            break;
                        }
                    }
                }

                if (entering < 0)
                {
                    return value;
                }

                var leaving = -1;
                var best = double.PositiveInfinity;
                for (var r = 0; r < Rows.Length; r++)
                {
                    if (Rows[r][entering] > Eps)
                    {
                        var ratio = Rows[r][rhs] / Rows[r][entering];
                        if (ratio < best - Eps || (ratio < best + Eps && leaving >= 0 && Basis[r] < Basis[leaving]))
                        {
                            (best, leaving) = (ratio, r);
                        }
                    }
                }

                if (leaving < 0)
                {
                    return double.PositiveInfinity;
                }

                degenerate = best < Eps ? degenerate + 1 : 0;
                Pivot(leaving, entering);
            }
        }

        private double[] Own(int row)
        {
            if (_shared?[row] == true)
            {
                Rows[row] = (double[])Rows[row].Clone();
                _shared[row] = false;
            }

            return Rows[row];
        }

        public void Pivot(int row, int column)
        {
            var pivotRow = Own(row);
            var p = pivotRow[column];
            for (var j = 0; j < pivotRow.Length; j++)
            {
                pivotRow[j] /= p;
            }

            for (var r = 0; r < Rows.Length; r++)
            {
                var factor = Rows[r][column];
                if (r == row || Math.Abs(factor) < Eps)
                {
                    continue;
                }

                var target = Own(r);
                for (var j = 0; j < target.Length; j++)
                {
                    target[j] -= factor * pivotRow[j];
                }
            }

            Basis[row] = column;
        }
    }
}
