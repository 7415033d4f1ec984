namespace Liaison.Domain.Trust;

/// <summary>A coefficient with its 95% confidence interval.</summary>
public readonly record struct Estimate(double Value, double Low, double High, double StandardError)
{
    /// <summary>Whether the interval leaves out zero (a change at the 5% level).</summary>
    public bool Significant => Low > 0 || High < 0;

    public bool Covers(double value) => Low <= value && value <= High;
}

/// <summary>What the interrupted time series found: the change in level and in slope (per month) at the break.</summary>
public sealed record ItsResult(Estimate Level, Estimate Slope, int Months, int MonthsBefore, int Lag, bool Seasonal)
{
    /// <summary>The month-to-month correlation of the errors, as estimated and accounted for (Prais–Winsten).</summary>
    public double Autocorrelation { get; init; }
}

/// <summary>
/// An interrupted time series by segmented regression (Wagner et al. 2002; Bernal, Cummins &amp; Gasparrini 2017):
/// <c>y = b0 + b1·t + b2·after + b3·(t − break)·after + month-of-year effects + e</c>. Errors correlated from month to
/// month would make ordinary least squares' intervals too narrow, so the AR(1) correlation of its residuals is
/// estimated and the model refitted by Prais–Winsten, with Newey–West (1987) standard errors on the refit (Bartlett
/// weights, lag ⌊4(n/100)^(2/9)⌋ unless given) for what correlation remains, the small-sample factor n/(n − p − 1),
/// and Student's t with n − p − 1 degrees of freedom. <c>b2</c> is the change in level at the break, <c>b3</c> in slope.
/// Seasonality (eleven month-of-year terms) is fitted when the series has at least two years on each side.
/// </summary>
public static class InterruptedTimeSeries
{
    /// <summary>The fewest months on each side of the break that the estimate is computed from.</summary>
    public const int MinimumMonthsEachSide = 12;

    /// <summary>
    /// Fits the series <paramref name="y"/> (one value per consecutive month; <paramref name="firstMonth"/> is the
    /// first one's month of year, 1–12) broken at index <paramref name="breakIndex"/> (the first month after).
    /// </summary>
    public static ItsResult Fit(IReadOnlyList<double> y, int breakIndex, int firstMonth, int? lag = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        var n = y.Count;
        if (breakIndex < MinimumMonthsEachSide || n - breakIndex < MinimumMonthsEachSide)
        {
            throw new ArgumentException($"At least {MinimumMonthsEachSide} months are needed on each side of the break; there are {breakIndex} before and {n - breakIndex} after.", nameof(breakIndex));
        }

        if (firstMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(firstMonth), firstMonth, "A month of the year is 1 to 12.");
        }

        var seasonal = breakIndex >= 24 && n - breakIndex >= 24;
        var p = 4 + (seasonal ? 11 : 0);
        var x = new double[n, p];
        for (var t = 0; t < n; t++)
        {
            var after = t >= breakIndex ? 1.0 : 0.0;
            x[t, 0] = 1;
            x[t, 1] = t - breakIndex; // centred at the break: the level change is the jump there
            x[t, 2] = after;
            x[t, 3] = after * (t - breakIndex);
            if (seasonal)
            {
                var month = ((firstMonth - 1 + t) % 12) + 1;
                if (month > 1)
                {
                    x[t, 4 + month - 2] = 1;
                }
            }
        }

        // Errors correlated from month to month: their AR(1) correlation ρ is estimated by restricted maximum likelihood
        // (REML: unlike the correlation of least-squares residuals, it is not biased towards zero by the fifteen terms
        // fitted), and the model fitted by Prais–Winsten at that ρ (the first month scaled by √(1 − ρ²), each later one
        // less ρ times the month before); Newey–West then covers whatever correlation remains.
        var rho = GoldenSection(r => RestrictedLogLikelihood(x, y, r), -0.95, 0.95);
        var (xs, ys) = PraisWinsten(x, y, rho);
        var fit = LeastSquares(xs, ys);
        var l = lag ?? (int)Math.Floor(4 * Math.Pow(n / 100.0, 2.0 / 9.0));
        var meat = NeweyWest(xs, fit.Residuals, l);
        var df = n - p - 1; // ρ is estimated too
        var s2 = fit.Residuals.Sum(e => e * e) / df;
        // ρ is itself an estimate (variance about (1 − ρ²)/(n − p): what the residuals, not the months, tell of it): how
        // much each coefficient moves with it is added to its variance (the delta method), so that the interval is not
        // too narrow for short series.
        const double h = 0.01;
        var up = LeastSquares(PraisWinsten(x, y, Math.Min(rho + h, 0.99)));
        var down = LeastSquares(PraisWinsten(x, y, Math.Max(rho - h, -0.99)));
        var rhoVariance = (1 - (rho * rho)) / (n - p);
        var critical = StudentT.Quantile(0.975, df);
        Estimate Of(int i)
        {
            var robust = 0.0;
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < p; b++)
                {
                    robust += fit.Inverse[i, a] * meat[a, b] * fit.Inverse[b, i];
                }
            }

            // The model's own variance, or Newey–West's when it is larger (correlation the AR(1) model did not capture).
            var variance = Math.Max(s2 * fit.Inverse[i, i], robust * n / df);
            var slope = (up.Beta[i] - down.Beta[i]) / (2 * h);
            var se = Math.Sqrt(variance + (slope * slope * rhoVariance));
            return new Estimate(fit.Beta[i], fit.Beta[i] - (critical * se), fit.Beta[i] + (critical * se), se);
        }

        return new ItsResult(Of(2), Of(3), n, breakIndex, l, seasonal) { Autocorrelation = rho };
    }

    private sealed record Fitted(double[] Beta, double[,] Inverse, double[] Residuals)
    {
        /// <summary>log det(X'X).</summary>
        public double LogDeterminant { get; init; }
    }

    private static (double[,] X, double[] Y) PraisWinsten(double[,] x, IReadOnlyList<double> y, double rho)
    {
        var n = x.GetLength(0);
        var p = x.GetLength(1);
        var xs = new double[n, p];
        var ys = new double[n];
        var first = Math.Sqrt(1 - (rho * rho));
        for (var t = 0; t < n; t++)
        {
            ys[t] = t == 0 ? first * y[0] : y[t] - (rho * y[t - 1]);
            for (var i = 0; i < p; i++)
            {
                xs[t, i] = t == 0 ? first * x[0, i] : x[t, i] - (rho * x[t - 1, i]);
            }
        }

        return (xs, ys);
    }

    /// <summary>The REML log-likelihood of AR(1) errors with correlation <paramref name="rho"/>, up to a constant.</summary>
    private static double RestrictedLogLikelihood(double[,] x, IReadOnlyList<double> y, double rho)
    {
        var n = x.GetLength(0);
        var p = x.GetLength(1);
        var (xs, ys) = PraisWinsten(x, y, rho);
        var fit = LeastSquares(xs, ys);
        var ssr = fit.Residuals.Sum(e => e * e);
        // log det(X*'X*) = −log det of its inverse; the inverse's determinant from its Cholesky factor would do as well,
        // but the pivots of the elimination already give it.
        return (-(n - p) / 2.0 * Math.Log(ssr)) + (0.5 * Math.Log(1 - (rho * rho))) - (0.5 * fit.LogDeterminant);
    }

    /// <summary>The maximum of a unimodal function on [a, b], by golden-section search to 1e-6.</summary>
    private static double GoldenSection(Func<double, double> f, double a, double b)
    {
        var g = (Math.Sqrt(5) - 1) / 2;
        double c = b - (g * (b - a)), d = a + (g * (b - a));
        double fc = f(c), fd = f(d);
        while (b - a > 1e-6)
        {
            if (fc > fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (g * (b - a));
                fc = f(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (g * (b - a));
                fd = f(d);
            }
        }

        return (a + b) / 2;
    }

    private static Fitted LeastSquares((double[,] X, double[] Y) model) => LeastSquares(model.X, model.Y);

    private static Fitted LeastSquares(double[,] x, double[] y)
    {
        var n = x.GetLength(0);
        var p = x.GetLength(1);
        var xtx = new double[p, p];
        var xty = new double[p];
        for (var t = 0; t < n; t++)
        {
            for (var i = 0; i < p; i++)
            {
                xty[i] += x[t, i] * y[t];
                for (var j = 0; j < p; j++)
                {
                    xtx[i, j] += x[t, i] * x[t, j];
                }
            }
        }

        var (inverse, logDeterminant) = Invert(xtx);
        var beta = new double[p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                beta[i] += inverse[i, j] * xty[j];
            }
        }

        var e = new double[n];
        for (var t = 0; t < n; t++)
        {
            var fitted = 0.0;
            for (var i = 0; i < p; i++)
            {
                fitted += x[t, i] * beta[i];
            }

            e[t] = y[t] - fitted;
        }

        return new Fitted(beta, inverse, e) { LogDeterminant = logDeterminant };
    }

    /// <summary>Newey–West's estimate of the scores' long-run covariance, Bartlett weights to lag <paramref name="lag"/>.</summary>
    private static double[,] NeweyWest(double[,] x, double[] e, int lag)
    {
        var n = x.GetLength(0);
        var p = x.GetLength(1);
        var meat = new double[p, p];
        for (var k = 0; k <= lag; k++)
        {
            var w = k == 0 ? 1.0 : 1.0 - (k / (lag + 1.0));
            for (var t = k; t < n; t++)
            {
                var ee = w * e[t] * e[t - k];
                for (var i = 0; i < p; i++)
                {
                    for (var j = 0; j < p; j++)
                    {
                        meat[i, j] += ee * (k == 0 ? x[t, i] * x[t, j] : (x[t, i] * x[t - k, j]) + (x[t - k, i] * x[t, j]));
                    }
                }
            }
        }

        return meat;
    }

    /// <summary>The inverse of a symmetric positive-definite matrix and the log of its determinant, by Gauss–Jordan elimination with partial pivoting.</summary>
    private static (double[,] Inverse, double LogDeterminant) Invert(double[,] m)
    {
        var p = m.GetLength(0);
        var a = new double[p, 2 * p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                a[i, j] = m[i, j];
            }

            a[i, p + i] = 1;
        }

        var logDeterminant = 0.0;
        for (var c = 0; c < p; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < p; r++)
            {
                if (Math.Abs(a[r, c]) > Math.Abs(a[pivot, c]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(a[pivot, c]) < 1e-12)
            {
                throw new ArgumentException("The series cannot be fitted: its terms are not independent (too few months?).");
            }

            for (var j = 0; j < 2 * p; j++)
            {
                (a[c, j], a[pivot, j]) = (a[pivot, j], a[c, j]);
            }

            var d = a[c, c];
            logDeterminant += Math.Log(Math.Abs(d));
            for (var j = 0; j < 2 * p; j++)
            {
                a[c, j] /= d;
            }

            for (var r = 0; r < p; r++)
            {
                if (r != c && a[r, c] != 0)
                {
                    var f = a[r, c];
                    for (var j = 0; j < 2 * p; j++)
                    {
                        a[r, j] -= f * a[c, j];
                    }
                }
            }
        }

        var inverse = new double[p, p];
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                inverse[i, j] = a[i, p + j];
            }
        }

        return (inverse, logDeterminant);
    }
}

/// <summary>Student's t distribution: its quantiles, for confidence intervals.</summary>
public static class StudentT
{
    /// <summary>The <paramref name="p"/> quantile with <paramref name="df"/> degrees of freedom (bisection on the CDF, to 1e-10).</summary>
    public static double Quantile(double p, int df)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(df, 1);
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1.");
        }

        double low = -1000, high = 1000;
        for (var i = 0; i < 200 && high - low > 1e-10; i++)
        {
            var mid = (low + high) / 2;
            if (Cdf(mid, df) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    /// <summary>P(T ≤ t) with <paramref name="df"/> degrees of freedom, through the regularised incomplete beta function.</summary>
    public static double Cdf(double t, int df)
    {
        var x = df / (df + (t * t));
        var tail = 0.5 * IncompleteBeta(df / 2.0, 0.5, x);
        return t >= 0 ? 1 - tail : tail;
    }

    /// <summary>The regularised incomplete beta function I_x(a, b) by its continued fraction (Lentz's method).</summary>
    private static double IncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2) ? front * Fraction(a, b, x) / a : 1 - (front * Fraction(b, a, 1 - x) / b);
    }

    private static double Fraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return h;
    }

    /// <summary>ln Γ(x), Lanczos approximation (g = 7, n = 9).</summary>
    private static double LogGamma(double x)
    {
        double[] g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = g[0];
        for (var i = 1; i < 9; i++)
        {
            sum += g[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
