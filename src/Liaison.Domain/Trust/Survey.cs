using Liaison.Domain.Statistics;

namespace Liaison.Domain.Trust;

/// <summary>The two scales the community trust survey measures, each the mean of its items' answers (1 to 5).</summary>
public enum SurveyScale
{
    /// <summary>Whether deputies treat people fairly and with respect (procedural justice: Sunshine &amp; Tyler 2003).</summary>
    ProceduralJustice,

    /// <summary>Whether the respondent would report a crime to the sheriff's office.</summary>
    WillingnessToReport,
}

/// <summary>One statement the respondent agrees or disagrees with, on the five-point scale.</summary>
public sealed record SurveyItem(string Id, SurveyScale Scale);

/// <summary>A characteristic the answers are weighted by (and broken down by): age group, sex, ethnicity, language at home.</summary>
public sealed record SurveyDimension(string Id, IReadOnlyList<string> Categories);

/// <summary>
/// The community trust survey's instrument (decision 0021): seven statements answered from 1 (strongly disagree) to 5
/// (strongly agree), or not answered; four questions about the respondent, each of which may be declined, that the
/// answers are weighted by. Its wording, in every language of the public pages, is in the texts (<c>survey.*</c>).
/// </summary>
public static class SurveyInstrument
{
    public const int Lowest = 1, Highest = 5;

    /// <summary>A respondent's score on a scale needs at least this many of its items answered.</summary>
    public const int MinimumItemsPerScale = 2;

    public static readonly IReadOnlyList<SurveyItem> Items =
    [
        new("pj-fair", SurveyScale.ProceduralJustice),
        new("pj-respect", SurveyScale.ProceduralJustice),
        new("pj-explain", SurveyScale.ProceduralJustice),
        new("pj-equal", SurveyScale.ProceduralJustice),
        new("wr-victim", SurveyScale.WillingnessToReport),
        new("wr-witness", SurveyScale.WillingnessToReport),
        new("wr-immigration", SurveyScale.WillingnessToReport),
    ];

    public static readonly IReadOnlyList<SurveyDimension> Dimensions =
    [
        new("age", ["18-34", "35-54", "55-plus"]),
        new("sex", ["female", "male"]),
        new("ethnicity", ["hispanic", "not-hispanic"]),
        new("language", ["english", "spanish", "other"]),
    ];

    public static readonly IReadOnlyList<SurveyScale> Scales = [SurveyScale.ProceduralJustice, SurveyScale.WillingnessToReport];

    /// <summary>The code on each printed or e-mailed invitation: <c>TS-7F3K-9Q2M</c>, good for one response.</summary>
    public static readonly PublicCode Token = new("TS");

    /// <summary>The published measure of a scale (an <c>other</c> figure, model <c>all</c>; docs/statistics.md).</summary>
    public static string MeasureId(SurveyScale scale) => scale switch
    {
        SurveyScale.ProceduralJustice => "trust-procedural-justice",
        _ => "trust-willingness-to-report",
    };

    public static SurveyDimension? Dimension(string id) => Dimensions.FirstOrDefault(d => d.Id == id);
}

/// <summary>
/// One response: each answered item's value (1 to 5) and the respondent's category on each dimension they gave. Nothing
/// in it names the respondent or the invitation it came with.
/// </summary>
public sealed record SurveyAnswers(IReadOnlyDictionary<string, int> Items, IReadOnlyDictionary<string, string> Profile)
{
    /// <summary>The mean of the scale's answered items, or null when fewer than <see cref="SurveyInstrument.MinimumItemsPerScale"/> were answered.</summary>
    public double? Score(SurveyScale scale)
    {
        var answered = SurveyInstrument.Items.Where(i => i.Scale == scale && Items.ContainsKey(i.Id)).Select(i => Items[i.Id]).ToList();
        return answered.Count >= SurveyInstrument.MinimumItemsPerScale ? answered.Average() : null;
    }
}

/// <summary>The population of one category of one dimension, as the agency imports it (from the census, for instance).</summary>
public sealed record SurveyMargin(string Dimension, string Category, long Population);

/// <summary>An estimate for everyone (<see cref="Dimension"/> and <see cref="Category"/> <c>all</c>) or for one group.</summary>
public sealed record SurveyGroupEstimate(string Dimension, string Category, SurveyEstimate Estimate)
{
    /// <summary>The published category: <c>all</c>, or dimension and category joined (<c>ethnicity-hispanic</c>).</summary>
    public string Key => Dimension == "all" ? "all" : $"{Dimension}-{Category}";
}

/// <summary>What a survey round's answers say, weighted when they could be.</summary>
public sealed record SurveyResult(
    int Responses,
    int Used,
    bool Weighted,
    IReadOnlyList<string> WeightedBy,
    string? WeightingProblem,
    double EffectiveSize,
    IReadOnlyDictionary<SurveyScale, IReadOnlyList<SurveyGroupEstimate>> Scales,
    IReadOnlyList<(SurveyItem Item, SurveyEstimate Estimate)> Items)
{
    public SurveyEstimate Overall(SurveyScale scale) => Scales[scale][0].Estimate;

    /// <summary>
    /// The cells a publication adds for a round fielded in <paramref name="period"/>: for each scale, the mean and its
    /// interval's ends, for everyone and each group (<c>all</c>, <c>all-low</c>, <c>all-high</c>, <c>age-18-34</c>...),
    /// each resting on the group's respondents, so that groups under k are suppressed by the rule.
    /// </summary>
    public IEnumerable<DisclosureCell> Cells(string period)
    {
        foreach (var (scale, groups) in Scales)
        {
            foreach (var group in groups)
            {
                var e = group.Estimate;
                foreach (var (suffix, value) in new[] { ("", e.Value), ("-low", e.Low), ("-high", e.High) })
                {
                    yield return new DisclosureCell(new FigureKey(SurveyInstrument.MeasureId(scale), period, StatisticsFigures.AllModels, group.Key + suffix),
                        MeasureKind.Other, e.Suppressed ? null : Math.Round(value, 2), e.Respondents);
                }
            }
        }
    }

    /// <summary>The published categories of each survey measure, in order.</summary>
    public static IReadOnlyList<string> Categories { get; } =
    [
        .. new[] { "all" }.Concat(SurveyInstrument.Dimensions.SelectMany(d => d.Categories.Select(c => $"{d.Id}-{c}")))
            .SelectMany(g => new[] { g, g + "-low", g + "-high" }),
    ];
}

/// <summary>
/// Turns a round's responses into estimates (docs/statistics.md, "Community trust survey"): raked to the imported
/// margins (<see cref="SurveyWeighting.Rake"/>) on every dimension they cover, read as shares, so tables that count
/// slightly different populations still agree; a response that declined a dimension being weighted on is left out of
/// the weighted figures (and counted); then each scale's weighted mean with its 95% interval, for everyone and for each
/// group, groups of fewer than k respondents suppressed.
/// </summary>
public static class SurveyAnalysis
{
    public static SurveyResult Analyse(IReadOnlyList<SurveyAnswers> responses, IReadOnlyList<SurveyMargin> margins, int k)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(margins);
        var dimensions = SurveyInstrument.Dimensions.Where(d => margins.Any(m => m.Dimension == d.Id)).ToList();
        var used = responses;
        double[] weights;
        string? problem = null;
        if (dimensions.Count == 0)
        {
            problem = "No population margins are imported: the figures are unweighted and not published.";
            weights = [.. Enumerable.Repeat(1.0, responses.Count)];
        }
        else
        {
            used = [.. responses.Where(r => dimensions.All(d => r.Profile.ContainsKey(d.Id)))];
            (weights, problem) = Weights(used, dimensions, margins);
            if (problem is not null)
            {
                used = responses;
                weights = [.. Enumerable.Repeat(1.0, responses.Count)];
            }
        }

        var scales = SurveyInstrument.Scales.ToDictionary(s => s, s => (IReadOnlyList<SurveyGroupEstimate>)Groups(used, weights, s, k));
        var items = SurveyInstrument.Items.Select(item =>
        {
            var answered = Enumerable.Range(0, used.Count).Where(i => used[i].Items.ContainsKey(item.Id)).ToList();
            return (item, SurveyWeighting.Mean([.. answered.Select(i => (double)used[i].Items[item.Id])], [.. answered.Select(i => weights[i])], k));
        }).ToList();
        var sw = weights.Sum();
        var effective = weights.Length == 0 ? 0 : sw * sw / weights.Sum(w => w * w);
        return new SurveyResult(responses.Count, used.Count, problem is null, [.. dimensions.Select(d => d.Id)], problem, effective, scales, items);
    }

    private static (double[] Weights, string? Problem) Weights(IReadOnlyList<SurveyAnswers> used, List<SurveyDimension> dimensions, IReadOnlyList<SurveyMargin> margins)
    {
        if (used.Count == 0)
        {
            return ([], "No response gave every characteristic the margins weight by: the figures are unweighted and not published.");
        }

        // Each dimension as shares of one total: census tables for different characteristics rarely count exactly the same people.
        var total = dimensions.Max(d => margins.Where(m => m.Dimension == d.Id).Sum(m => (double)m.Population));
        var targets = dimensions.Select(d =>
        {
            var of = margins.Where(m => m.Dimension == d.Id).ToList();
            var sum = of.Sum(m => (double)m.Population);
            return (IReadOnlyDictionary<string, double>)of.ToDictionary(m => m.Category, m => total * m.Population / sum);
        }).ToList();
        var profiles = used.Select(r => (IReadOnlyList<string>)[.. dimensions.Select(d => r.Profile[d.Id])]).ToList();
        try
        {
            return (SurveyWeighting.Rake(profiles, targets), null);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Rake names dimensions by number; name them by what they are.
            var message = e.Message.Split(" (Parameter", 2)[0];
            for (var d = 0; d < dimensions.Count; d++)
            {
                message = message.Replace($"Dimension {d + 1}:", $"{dimensions[d].Id}:", StringComparison.Ordinal);
            }

            return ([], $"The answers could not be weighted to the margins ({message}); the figures are unweighted and not published.");
        }
    }

    private static List<SurveyGroupEstimate> Groups(IReadOnlyList<SurveyAnswers> used, double[] weights, SurveyScale scale, int k)
    {
        var scored = Enumerable.Range(0, used.Count).Select(i => (Answers: used[i], Score: used[i].Score(scale), Weight: weights[i])).Where(x => x.Score is not null).ToList();
        SurveyEstimate Of(IEnumerable<(SurveyAnswers Answers, double? Score, double Weight)> group)
        {
            var list = group.ToList();
            return SurveyWeighting.Mean([.. list.Select(x => x.Score!.Value)], [.. list.Select(x => x.Weight)], k);
        }

        var groups = new List<SurveyGroupEstimate> { new("all", "all", Of(scored)) };
        foreach (var d in SurveyInstrument.Dimensions)
        {
            groups.AddRange(d.Categories.Select(c => new SurveyGroupEstimate(d.Id, c, Of(scored.Where(x => x.Answers.Profile.GetValueOrDefault(d.Id) == c)))));
        }

        return groups;
    }
}
