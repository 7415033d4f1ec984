using System.Globalization;
using System.Text;
using Liaison.Data.Statistics;
using Liaison.Data.Trust;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Trust;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Statistics;

/// <summary>
/// The community trust survey for staff (decision 0021): its rounds and how many answered, a round's weighted results
/// overall and by group with 95% intervals (groups under k suppressed), the trend across rounds with the agreement's
/// start marked; and, for the program manager, opening and closing rounds, issuing invitations (printed sheets, or a
/// CSV of codes for a mail merge: the codes exist in clear only in that answer) and importing the population margins.
/// </summary>
public sealed class SurveyModel(SurveyService surveys, StatisticsService statistics, AgencyTime time, IAuthorizationService authorization, IConfiguration configuration) : PageModel
{
    public SurveyOverview Overview { get; private set; } = new([], null, [], null);

    public SurveyRoundRecord? Round { get; private set; }

    public SurveyResult? Result { get; private set; }

    public IReadOnlyList<IntervalChart> Charts { get; private set; } = [];

    public int K { get; private set; }

    public bool CanManage { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Printed invitations just issued: the round, the survey's address, its QR code and the codes.</summary>
    public (SurveyRoundRecord Round, string Address, string QrSvg, IReadOnlyList<string> Codes)? Invitations { get; private set; }

    public string Agency { get; private set; } = "";

    /// <summary>The languages each printed invitation is in, as the complaints poster is.</summary>
    public IReadOnlyList<DocumentLanguage> InvitationLanguages { get; } = [DocumentLanguage.English, DocumentLanguage.Find("es")!];

    public async Task OnGetAsync(int? round, CancellationToken ct) => await LoadAsync(round, ct);

    public async Task<IActionResult> OnPostOpenAsync(string? name, string? month, CancellationToken ct) => await ActAsync(async actor =>
    {
        var (opened, problem) = await surveys.OpenRoundAsync(name, month, actor, ct);
        return (opened is null ? null : $"Opened {opened.Name} ({opened.Month}).", problem, opened?.Id);
    }, null, ct);

    public async Task<IActionResult> OnPostCloseAsync(int round, CancellationToken ct) => await ActAsync(async actor =>
    {
        var problem = await surveys.CloseRoundAsync(round, actor, ct);
        return (problem is null ? "Closed the round: no more answers; its figures go into the next publication." : null, problem, round);
    }, round, ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct) => await ActAsync(async actor =>
    {
        if (file is null || file.Length == 0)
        {
            return (null, "file: choose the CSV of population margins to import.", null);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var (import, problems) = await surveys.ImportMarginsAsync(file.FileName, buffer.ToArray(), actor, ct);
        return (import is null ? null : $"Imported {import.Rows} margins from {import.FileName}.", import is null ? string.Join("\n", problems) : null, null);
    }, null, ct);

    /// <summary>Issues a batch: printed sheets (this page, to print now) or a CSV of codes for the agency's mail merge.</summary>
    public async Task<IActionResult> OnPostBatchAsync(int round, string? count, string? channel, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageSurvey)).Succeeded)
        {
            return Forbid();
        }

        var (codes, problem) = int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? await surveys.IssueBatchAsync(round, n, channel ?? "", User.Identity!.Name!, ct)
            : ([], $"Count: a whole number from 1 to {SurveyService.MaxBatch:N0}.");
        if (problem is not null)
        {
            return await RefuseAsync([problem], round, ct);
        }

        Response.Headers.CacheControl = "no-store"; // the codes exist in clear only in this answer
        var overview = await surveys.OverviewAsync(ct);
        var opened = overview.Rounds.Single(r => r.Round.Id == round).Round;
        var address = $"{PublicAddress.Root(configuration, Request)}/survey";
        if (channel == SurveyService.Email)
        {
            var csv = new StringBuilder("code,address\n");
            foreach (var code in codes)
            {
                csv.Append(CsvLine.Of([code, address])).Append('\n');
            }

            return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"survey-{opened.Month}-invitations.csv");
        }

        Agency = await statistics.AgencyNameAsync(ct);
        Invitations = (opened, address, PublicAddress.QrSvg(address), codes);
        return Page();
    }

    private async Task<IActionResult> ActAsync(Func<string, Task<(string? Done, string? Problem, int? Round)>> act, int? round, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageSurvey)).Succeeded)
        {
            return Forbid();
        }

        var (done, problem, shown) = await act(User.Identity!.Name!);
        if (problem is not null)
        {
            return await RefuseAsync(problem.Split('\n'), round, ct);
        }

        TempData["Flash"] = done;
        return Redirect(shown is { } id ? $"/statistics/survey?round={id}" : "/statistics/survey");
    }

    private async Task<IActionResult> RefuseAsync(IReadOnlyList<string> problems, int? round, CancellationToken ct)
    {
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(round, ct);
        return Page();
    }

    private async Task LoadAsync(int? round, CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        CanManage = (await authorization.AuthorizeAsync(User, Policies.ManageSurvey)).Succeeded;
        K = await statistics.ThresholdAsync(ct);
        Overview = await surveys.OverviewAsync(ct);
        var trend = await surveys.TrendAsync(K, ct);
        var chosen = trend.LastOrDefault(t => t.Round.Id == round);
        (Round, Result) = chosen.Round is null ? trend.Count > 0 ? trend[^1] : (null, null) : chosen;
        if (trend.Count > 0)
        {
            var start = Overview.AgreementStart is { } s ? NodaTime.Text.YearMonthPattern.Iso.Format(s) : null;
            Charts = [.. SurveyInstrument.Scales.Select(scale => new IntervalChart("chart-" + SurveyInstrument.MeasureId(scale), ScaleName(scale),
                [.. trend.Select(t => t.Round.Month)],
                [.. trend.Select(t => t.Result.Overall(scale) is { Suppressed: false } e ? (e.Value, e.Low, e.High) : ((double, double, double)?)null)],
                SurveyInstrument.Lowest, SurveyInstrument.Highest, start, "agreement begins"))];
        }
    }

    public static string ScaleName(SurveyScale scale) => scale == SurveyScale.ProceduralJustice
        ? "Procedural justice (1 to 5: are people treated fairly and with respect?)"
        : "Willingness to report (1 to 5: would people report a crime?)";
}
