using Liaison.Domain.Statistics;
using Liaison.Domain.Trust;

namespace Liaison.Domain.Tests.Trust;

/// <summary>
/// The community trust survey's analysis: a respondent's scale score, weighting to the imported margins (a known
/// post-stratified answer), who is left out of the weighted figures, suppression of small groups in the published cells,
/// and the refusal when the sample cannot be weighted.
/// </summary>
public sealed class SurveyTests
{
    private static SurveyAnswers Answer(int pj, int wr, string? ethnicity = null, string? age = "35-54") =>
        new(new Dictionary<string, int> { ["pj-fair"] = pj, ["pj-respect"] = pj, ["wr-victim"] = wr, ["wr-witness"] = wr },
            new Dictionary<string, string?> { ["ethnicity"] = ethnicity, ["age"] = age }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!));

    /// <summary>30 Hispanic respondents answering 2 and 3 (mean 2.5) and 70 others answering 4 and 5 (mean 4.5).</summary>
    private static List<SurveyAnswers> Sample() =>
        [.. Enumerable.Range(0, 30).Select(i => Answer(2 + (i % 2), 4, "hispanic")), .. Enumerable.Range(0, 70).Select(i => Answer(4 + (i % 2), 4, "not-hispanic"))];

    [Fact]
    public void AScaleScore_IsTheMeanOfItsAnsweredItems_AndNeedsTwoOfThem()
    {
        var answers = new SurveyAnswers(new Dictionary<string, int> { ["pj-fair"] = 5, ["pj-equal"] = 2, ["wr-victim"] = 4 }, new Dictionary<string, string>());
        Assert.Equal(3.5, answers.Score(SurveyScale.ProceduralJustice));
        Assert.Null(answers.Score(SurveyScale.WillingnessToReport)); // one item of three is not enough
    }

    [Fact]
    public void WeightedToHalfAndHalf_TheMeanIsTheAverageOfTheGroupMeans_NotTheSamples()
    {
        var result = SurveyAnalysis.Analyse(Sample(), [new("ethnicity", "hispanic", 5000), new("ethnicity", "not-hispanic", 5000)], k: 10);

        Assert.True(result.Weighted);
        Assert.Equal(["ethnicity"], result.WeightedBy);
        var overall = result.Overall(SurveyScale.ProceduralJustice);
        Assert.Equal(3.5, overall.Value, 9); // ½ · 2.5 + ½ · 4.5; unweighted it would be 3.9
        Assert.True(overall.Low < 3.5 && overall.High > 3.5);
        Assert.Equal(100, overall.Respondents);
        // Post-stratified weights: 30 respondents carry half the population, 70 the other half; Kish n = (Σw)²/Σw².
        Assert.Equal(1 / ((0.5 * 0.5 / 30) + (0.5 * 0.5 / 70)), result.EffectiveSize, 6);
        var hispanic = result.Scales[SurveyScale.ProceduralJustice].Single(g => g.Key == "ethnicity-hispanic").Estimate;
        Assert.Equal(2.5, hispanic.Value, 9);
        Assert.Equal(30, hispanic.Respondents);
    }

    [Fact]
    public void TheMarginsAreReadAsShares_SoTablesOfSlightlyDifferentPopulationsAgree()
    {
        var margins = new SurveyMargin[] { new("ethnicity", "hispanic", 4000), new("ethnicity", "not-hispanic", 4000), new("age", "18-34", 2700), new("age", "35-54", 3000), new("age", "55-plus", 2600) };
        var sample = Sample().Select((a, i) => a with { Profile = new Dictionary<string, string>(a.Profile) { ["age"] = SurveyInstrument.Dimensions[0].Categories[i % 3] } }).ToList();

        var result = SurveyAnalysis.Analyse(sample, margins, k: 10);

        Assert.True(result.Weighted, result.WeightingProblem);
        Assert.Equal(["age", "ethnicity"], result.WeightedBy); // the instrument's order
    }

    [Fact]
    public void WithoutMargins_TheFiguresAreUnweighted_AndSaySo()
    {
        var result = SurveyAnalysis.Analyse(Sample(), [], k: 10);

        Assert.False(result.Weighted);
        Assert.Equal("No population margins are imported: the figures are unweighted and not published.", result.WeightingProblem);
        Assert.Equal(3.9, result.Overall(SurveyScale.ProceduralJustice).Value, 9);
        Assert.Equal(100, result.EffectiveSize, 9);
    }

    [Fact]
    public void AResponseThatDeclinesAWeightedCharacteristic_IsLeftOutOfTheWeightedFigures()
    {
        var sample = Sample();
        sample.Add(Answer(1, 1, ethnicity: null));

        var result = SurveyAnalysis.Analyse(sample, [new("ethnicity", "hispanic", 1), new("ethnicity", "not-hispanic", 1)], k: 10);

        Assert.Equal((101, 100), (result.Responses, result.Used));
        Assert.Equal(3.5, result.Overall(SurveyScale.ProceduralJustice).Value, 9);
    }

    [Fact]
    public void ACategoryWithPeopleButNoRespondent_CannotBeWeighted_AndTheProblemNamesIt()
    {
        var sample = Sample().Where(a => a.Profile["ethnicity"] == "not-hispanic").ToList();

        var result = SurveyAnalysis.Analyse(sample, [new("ethnicity", "hispanic", 1), new("ethnicity", "not-hispanic", 1)], k: 10);

        Assert.False(result.Weighted);
        Assert.StartsWith("The answers could not be weighted to the margins (ethnicity: no respondent is in \"hispanic\"", result.WeightingProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCells_CoverEveryGroupOfBothScales_AndGroupsUnderKAreSuppressedByTheRule()
    {
        var sample = Sample();
        sample.AddRange(Enumerable.Range(0, 4).Select(_ => Answer(3, 3, "hispanic", age: "55-plus")));
        var result = SurveyAnalysis.Analyse(sample, [new("ethnicity", "hispanic", 1), new("ethnicity", "not-hispanic", 1)], k: 10);

        var cells = result.Cells("2026-05").ToList();
        DisclosureControl.Protect(cells, 10);

        Assert.Equal(2 * SurveyResult.Categories.Count, cells.Count);
        Assert.Equal(SurveyResult.Categories, cells.Where(c => c.Key.Measure == "trust-procedural-justice").Select(c => c.Key.Category));
        Assert.All(cells, c => Assert.Equal((MeasureKind.Other, "2026-05", "all"), (c.Kind, c.Key.Period, c.Key.Model)));
        Cell("age-55-plus").AssertSuppressed(4);      // four respondents: under k
        Cell("age-18-34").AssertSuppressed(0);        // nobody
        Assert.False(cells.Single(c => c.Key.Measure == "trust-procedural-justice" && c.Key.Category == "age-35-54").Suppressed);
        Assert.Equal(Math.Round(result.Overall(SurveyScale.ProceduralJustice).Low, 2), cells.Single(c => c.Key.Measure == "trust-procedural-justice" && c.Key.Category == "all-low").Value);

        Suppressed Cell(string group) => new(cells.Where(c => c.Key.Category.StartsWith(group, StringComparison.Ordinal)).ToList());
    }

    private sealed record Suppressed(List<DisclosureCell> Cells)
    {
        public void AssertSuppressed(long people)
        {
            Assert.Equal(6, Cells.Count); // mean, low and high of both scales
            Assert.All(Cells, c => Assert.True(c.Suppressed && c.People == people));
        }
    }

    [Fact]
    public void AnInvitationCode_IsASurveyCode_ReadBackForgivingly()
    {
        var code = SurveyInstrument.Token.New();
        Assert.Matches("^TS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", code);
        Assert.Equal(code, SurveyInstrument.Token.Normalize(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.Null(SurveyInstrument.Token.Normalize("LC-7F3K-9Q2")); // too short
        Assert.Equal("TS-7F3K-9Q2M", SurveyInstrument.Token.Normalize("7F3K9Q2M"));
    }
}
