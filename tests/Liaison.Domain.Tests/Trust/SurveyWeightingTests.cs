using Liaison.Domain.Trust;

namespace Liaison.Domain.Tests.Trust;

/// <summary>Raking and weighted intervals against worked examples whose answers are published or exact.</summary>
public sealed class SurveyWeightingTests
{
    private static Dictionary<string, double> Margin(params (string Category, double Count)[] counts) => counts.ToDictionary(c => c.Category, c => c.Count);

    [Fact]
    public void WithEqualWeights_TheIntervalIsStudentsOwn_OnHisSleepData()
    {
        // Student (1908), the extra hours of sleep of ten patients on the second drug over the first; R's
        // t.test(extra ~ group, data = sleep, paired = TRUE) gives the mean difference 1.58, 95% interval 0.7001142 to 2.4598858.
        double[] extra = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];

        var estimate = SurveyWeighting.Mean(extra, [.. Enumerable.Repeat(1.0, 10)], k: 5);

        Assert.Equal(1.58, estimate.Value, 10);
        Assert.Equal(0.7001142, estimate.Low, 6);
        Assert.Equal(2.4598858, estimate.High, 6);
        Assert.Equal(10, estimate.EffectiveSize, 10);
    }

    [Fact]
    public void RakingOnOneDimension_IsPostStratification()
    {
        string[][] respondents = [["young"], ["young"], ["young"], ["old"]];

        var weights = SurveyWeighting.Rake(respondents, [Margin(("young", 600), ("old", 400))]);

        Assert.Equal([200, 200, 200, 400], weights.Select(w => Math.Round(w, 9)));
    }

    [Fact]
    public void RakingOnTwoDimensions_ReachesTheOneSolutionThatMatchesBothMargins()
    {
        // Four respondents, half the population men and 60% young: the only weights matching both are 10, 40, 25, 25.
        string[][] respondents = [["M", "young"], ["M", "old"], ["F", "young"], ["F", "young"]];

        var weights = SurveyWeighting.Rake(respondents, [Margin(("M", 50), ("F", 50)), Margin(("young", 60), ("old", 40))]);

        Assert.Equal([10, 40, 25, 25], weights.Select(w => Math.Round(w, 6)));
        var estimate = SurveyWeighting.Mean([5, 1, 4, 4], weights, k: 2); // weighted: (50 + 40 + 200) / 100
        Assert.Equal(2.9, estimate.Value, 9);
        Assert.Equal(100.0 * 100 / ((10 * 10) + (40 * 40) + (25 * 25 * 2)), estimate.EffectiveSize, 6); // Kish: (Σw)²/Σw²
    }

    [Fact]
    public void AGroupSmallerThanK_IsSuppressed_AndAMarginNoOneAnsweredIn_IsRefusedSayingWhich()
    {
        Assert.True(SurveyWeighting.Mean([4, 5, 3], [1, 1, 1], k: 10).Suppressed);

        var e = Assert.Throws<ArgumentException>(() => SurveyWeighting.Rake([["es"], ["en"]], [Margin(("es", 30), ("en", 60), ("vi", 10))]));
        Assert.StartsWith("Dimension 1: no respondent is in \"vi\"", e.Message, StringComparison.Ordinal);
        var totals = Assert.Throws<ArgumentException>(() => SurveyWeighting.Rake([["M", "young"]], [Margin(("M", 50)), Margin(("young", 60))]));
        Assert.StartsWith("The margins add up to different totals (50, 60)", totals.Message, StringComparison.Ordinal);
    }
}
