using Liaison.Data.Statistics;
using Liaison.Documents.Languages;
using Liaison.Domain.Statistics;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Transparency;

/// <summary>
/// The public page (no sign-in): what the partnership did, month by month, from the published (frozen, protected)
/// figures only, with their downloads and when each month was published, in each of the languages Liaison prints in:
/// <c>/transparency/{tag}</c>, or the reader's browser language at <c>/transparency</c>.
/// </summary>
public sealed class IndexModel(StatisticsService statistics, Data.Trust.SurveyService surveys) : PageModel
{
    private static readonly string[] ChartMeasures = ["detainers-lodged", "transfers-to-ice", "citizenship-claims", "over-detention-incidents"];

    public string Agency { get; private set; } = "";

    public DocumentLanguage Language { get; private set; } = DocumentLanguage.English;

    public int K { get; private set; }

    public IReadOnlyList<StatisticsPublicationRecord> Publications { get; private set; } = [];

    /// <summary>The published months, oldest first, at most the last twelve.</summary>
    public IReadOnlyList<string> Months { get; private set; } = [];

    /// <summary>Published fiscal years and quarters, newest first.</summary>
    public IReadOnlyList<string> Aggregates { get; private set; } = [];

    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    /// <summary>The month whose publication last froze the crime-reporting estimate, or null when none did.</summary>
    public string? Reporting { get; private set; }

    /// <summary>The survey rounds published, oldest first (their months).</summary>
    public IReadOnlyList<string> SurveyRounds { get; private set; } = [];

    /// <summary>Each scale's published means across rounds, the agreement's start marked.</summary>
    public IReadOnlyList<IntervalChart> SurveyCharts { get; private set; } = [];

    private PublishedFile _file = null!;

    public async Task<IActionResult> OnGetAsync(string? lang, CancellationToken ct)
    {
        if (PublicLanguage.For(HttpContext, lang) is not { } language)
        {
            return NotFound();
        }

        Language = language;

        Agency = await statistics.AgencyNameAsync(ct);
        var file = _file = await statistics.PublishedAsync(ct); // first: the charts and values below read it
        K = file.K;
        Publications = file.Publications;
        Months = [.. Publications.Select(p => p.Month).TakeLast(12)];
        Aggregates = file.Aggregates;
        Charts = [.. ChartMeasures.Select(Chart)];
        Reporting = file.PeriodsOf(Domain.Trust.ReportingIndicator.MeasureId) is [.., var last] ? last : null;
        SurveyRounds = file.PeriodsOf(Domain.Trust.SurveyInstrument.MeasureId(Domain.Trust.SurveyScale.ProceduralJustice));
        if (SurveyRounds.Count > 0)
        {
            var start = await surveys.AgreementStartAsync(ct) is { } s ? NodaTime.Text.YearMonthPattern.Iso.Format(s) : null;
            SurveyCharts = [.. Domain.Trust.SurveyInstrument.Scales.Select(scale => new IntervalChart("chart-" + Domain.Trust.SurveyInstrument.MeasureId(scale), SurveyTitle(scale),
                SurveyRounds, [.. SurveyRounds.Select(m => SurveyPoint(scale, m, "all"))],
                Domain.Trust.SurveyInstrument.Lowest, Domain.Trust.SurveyInstrument.Highest, start, Language["public.surveyStart"], Language))];
        }

        return Page();
    }

    public string SurveyTitle(Domain.Trust.SurveyScale scale) => Language[scale == Domain.Trust.SurveyScale.ProceduralJustice ? "survey.pj" : "survey.wr"];

    /// <summary>A published survey mean with its interval, or null when suppressed.</summary>
    public (double Value, double Low, double High)? SurveyPoint(Domain.Trust.SurveyScale scale, string period, string group)
    {
        var measure = Domain.Trust.SurveyInstrument.MeasureId(scale);
        double? Of(string category) => _file.Find(measure, period, category) is { } v
            && double.TryParse(v, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        return Of(group) is { } value && Of(group + "-low") is { } low && Of(group + "-high") is { } high ? (value, low, high) : null;
    }

    private BarChart Chart(string measureId)
    {
        var values = Months.Select(m => _file.Find(measureId, m, Measure.All) is { } v && double.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : (double?)null).ToList();
        return new BarChart($"chart-{measureId}", Title(measureId), Months, values, Language);
    }

    /// <summary>A published value as in the downloads (so it can be checked against them), "suppressed" in the page's language.</summary>
    public string Value(string measure, string period) => _file.Find(measure, period, Measure.All) switch
    {
        null => "—",
        PublishedRow.Suppressed => Language["public.suppressed"],
        var v => v,
    };

    /// <summary>A published value of the crime-reporting estimate (<paramref name="category"/>: level-change, low, high) in <paramref name="period"/>, "suppressed" in the page's language.</summary>
    public string Estimate(string period, string category) => _file.Find(Domain.Trust.ReportingIndicator.MeasureId, period, category) switch
    {
        null => "—",
        PublishedRow.Suppressed => Language["public.suppressed"],
        var v => v,
    };

    /// <summary>A measure's title in the page's language (every language has one for every measure: a test holds them to it).</summary>
    public string Title(string measureId) => Language["measure." + measureId];
}
