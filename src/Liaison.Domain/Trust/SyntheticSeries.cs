namespace Liaison.Domain.Trust;

/// <summary>
/// How a synthetic series is made, to check the estimator against a known truth: a monthly log-ratio with a trend,
/// a seasonal swing, AR(1) errors (each month's error carries <see cref="Autocorrelation"/> of the last), and an
/// injected change in level (and slope) at the break.
/// </summary>
public sealed record SyntheticDesign(
    int Months = 72,
    int BreakIndex = 36,
    double LevelEffect = -0.3,
    double SlopeEffect = 0,
    double Trend = 0.002,
    double Seasonal = 0.08,
    double Autocorrelation = 0.4,
    double Noise = 0.06);

/// <summary>What a validation run measured: how often the 95% interval held the injected effect, and how often it found one where none was.</summary>
public sealed record ValidationResult(int Trials, double LevelCoverage, double SlopeCoverage, double FalsePositiveRate);

/// <summary>Synthetic series with a known effect, and the estimator's validation on them (docs/statistics.md).</summary>
public static class SyntheticSeries
{
    public static double[] Generate(SyntheticDesign design, Random random)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(random);
        var y = new double[design.Months];
        var error = Normal(random) * design.Noise / Math.Sqrt(1 - (design.Autocorrelation * design.Autocorrelation)); // stationary from the start
        for (var t = 0; t < design.Months; t++)
        {
            if (t > 0)
            {
                error = (design.Autocorrelation * error) + (Normal(random) * design.Noise);
            }

            var after = t >= design.BreakIndex;
            y[t] = -0.5 + (design.Trend * t) + (design.Seasonal * Math.Sin(2 * Math.PI * t / 12))
                + (after ? design.LevelEffect + (design.SlopeEffect * (t - design.BreakIndex)) : 0) + error;
        }

        return y;
    }

    /// <summary>
    /// <paramref name="trials"/> series with the design's effect (coverage of the level and slope changes) and as many
    /// with none (how often the level change is called significant), from <paramref name="seed"/>.
    /// </summary>
    public static ValidationResult Validate(SyntheticDesign design, int trials, int seed)
    {
        ArgumentNullException.ThrowIfNull(design);
#pragma warning disable CA5394 // a seeded generator on purpose: the validation must be repeatable, nothing here is secret
        var random = new Random(seed);
#pragma warning restore CA5394
        int level = 0, slope = 0, falsePositives = 0;
        var none = design with { LevelEffect = 0, SlopeEffect = 0 };
        for (var i = 0; i < trials; i++)
        {
            var fit = InterruptedTimeSeries.Fit(Generate(design, random), design.BreakIndex, firstMonth: 1);
            level += fit.Level.Covers(design.LevelEffect) ? 1 : 0;
            slope += fit.Slope.Covers(design.SlopeEffect) ? 1 : 0;
            falsePositives += InterruptedTimeSeries.Fit(Generate(none, random), design.BreakIndex, firstMonth: 1).Level.Significant ? 1 : 0;
        }

        return new ValidationResult(trials, (double)level / trials, (double)slope / trials, (double)falsePositives / trials);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random)
    {
#pragma warning disable CA5394
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
#pragma warning restore CA5394
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
