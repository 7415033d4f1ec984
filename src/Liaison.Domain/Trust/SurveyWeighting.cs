namespace Liaison.Domain.Trust;

/// <summary>A weighted estimate with its 95% interval, how many answered, and the effective sample size the weights leave.</summary>
public sealed record SurveyEstimate(double Value, double Low, double High, int Respondents, double EffectiveSize, bool Suppressed);

/// <summary>
/// Weighting a community survey to the population (issue 14, part 2; the survey itself is not built yet): raking, also
/// called iterative proportional fitting (Deming &amp; Stephan 1940), adjusts each respondent's weight until the weighted
/// sample matches every population margin the agency imports (age group, sex, ethnicity, language) at once; then
/// weighted means with a 95% interval from the linearised variance of a ratio mean and Student's t, and groups with
/// fewer than k respondents suppressed, as <c>public-statistics.md</c> suppresses small cells.
/// </summary>
public static class SurveyWeighting
{
    /// <summary>
    /// Raking weights: <paramref name="respondents"/>[i][d] is respondent i's category on dimension d;
    /// <paramref name="margins"/>[d] the population's count (or share) of each category of dimension d. Every margin
    /// sums to the same total (the population); every category with population must have a respondent.
    /// </summary>
    public static double[] Rake(IReadOnlyList<IReadOnlyList<string>> respondents, IReadOnlyList<IReadOnlyDictionary<string, double>> margins, int maxIterations = 100, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(respondents);
        ArgumentNullException.ThrowIfNull(margins);
        if (respondents.Count == 0)
        {
            throw new ArgumentException("There are no respondents to weight.", nameof(respondents));
        }

        var totals = margins.Select(m => m.Values.Sum()).ToList();
        if (totals.Any(t => Math.Abs(t - totals[0]) > 1e-6 * Math.Max(1, totals[0])))
        {
            throw new ArgumentException($"The margins add up to different totals ({string.Join(", ", totals)}): each must count the same population.", nameof(margins));
        }

        for (var d = 0; d < margins.Count; d++)
        {
            foreach (var (category, population) in margins[d])
            {
                if (population > 0 && !respondents.Any(r => r[d] == category))
                {
                    throw new ArgumentException($"Dimension {d + 1}: no respondent is in \"{category}\", so the sample cannot be weighted to it; merge it with a neighbouring category.", nameof(margins));
                }
            }

            var unknown = respondents.Select(r => r[d]).FirstOrDefault(c => !margins[d].ContainsKey(c));
            if (unknown is not null)
            {
                throw new ArgumentException($"Dimension {d + 1}: respondents answered \"{unknown}\", which the population margins do not have.", nameof(respondents));
            }
        }

        var weights = Enumerable.Repeat(totals[0] / respondents.Count, respondents.Count).ToArray();
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var largest = 0.0;
            for (var d = 0; d < margins.Count; d++)
            {
                var current = new Dictionary<string, double>(StringComparer.Ordinal);
                for (var i = 0; i < weights.Length; i++)
                {
                    current[respondents[i][d]] = current.GetValueOrDefault(respondents[i][d]) + weights[i];
                }

                for (var i = 0; i < weights.Length; i++)
                {
                    var category = respondents[i][d];
                    var factor = margins[d][category] / current[category];
                    largest = Math.Max(largest, Math.Abs(factor - 1));
                    weights[i] *= factor;
                }
            }

            if (largest < tolerance)
            {
                return weights;
            }
        }

        throw new InvalidOperationException($"The weights did not settle within {maxIterations} rounds: the margins may contradict the sample (a category combination with no respondents).");
    }

    /// <summary>
    /// The weighted mean of <paramref name="values"/> with its 95% interval: the linearised variance of a ratio mean,
    /// n/(n − 1) · Σ wᵢ²(yᵢ − ȳ)² / (Σ wᵢ)², and Student's t with n − 1 degrees of freedom. Suppressed when fewer than
    /// <paramref name="k"/> answered. With equal weights it is the ordinary t interval.
    /// </summary>
    public static SurveyEstimate Mean(IReadOnlyList<double> values, IReadOnlyList<double> weights, int k)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (values.Count != weights.Count)
        {
            throw new ArgumentException("One weight per value.", nameof(weights));
        }

        var n = values.Count;
        if (n < Math.Max(k, 2))
        {
            return new SurveyEstimate(double.NaN, double.NaN, double.NaN, n, n, Suppressed: true);
        }

        double sw = 0, swy = 0, sw2 = 0;
        for (var i = 0; i < n; i++)
        {
            sw += weights[i];
            swy += weights[i] * values[i];
            sw2 += weights[i] * weights[i];
        }

        var mean = swy / sw;
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            sum += weights[i] * weights[i] * (values[i] - mean) * (values[i] - mean);
        }

        var se = Math.Sqrt(n / (n - 1.0) * sum / (sw * sw));
        var t = StudentT.Quantile(0.975, n - 1);
        return new SurveyEstimate(mean, mean - (t * se), mean + (t * se), n, sw * sw / sw2, Suppressed: false);
    }
}
