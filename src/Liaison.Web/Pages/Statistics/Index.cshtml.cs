using System.Text;
using Liaison.Data.Reports;
using Liaison.Data.Statistics;
using Liaison.Domain.StateReports;
using Liaison.Domain.Statistics;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Statistics;

/// <summary>
/// The program dashboard: every measure for a month, fiscal quarter or fiscal year and a model, beside the previous
/// period and the same period a year before; twelve-month charts; the restricted case lists; the monthly report as
/// PDF and CSV; and, for the program manager, publishing the next closed month.
/// </summary>
public sealed class IndexModel(StatisticsService statistics, ResearchExport research, StateReportService stateReports, AgencyTime time, IAuthorizationService authorization, IClock clock) : PageModel
{
    private static readonly string[] ChartMeasures = ["detainers-lodged", "transfers-to-ice", "over-detention-incidents", "citizenship-claims"];

    /// <summary>2026-10, FY2027-Q1 or FY2027; the last closed month when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    /// <summary>JEM, WSO or all.</summary>
    [BindProperty(SupportsGet = true, Name = "Model")]
    public string? ModelFilter { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Month { get; set; }

    public PeriodReport? Report { get; private set; }

    public IReadOnlyList<BarChart> Charts { get; private set; } = [];

    public RestrictedCases? Restricted { get; private set; }

    /// <summary>The funnel of the people booked in the period, by each dimension (the largest fifteen values).</summary>
    public IReadOnlyList<(string Dimension, IReadOnlyList<(string Value, FunnelCounts Counts)> Rows)> Funnels { get; private set; } = [];

    public YearMonth? NextToPublish { get; private set; }

    public bool CanPublish { get; private set; }

    public bool CanExportResearch { get; private set; }

    public IReadOnlyList<StatisticsPublicationRecord> Publications { get; private set; } = [];

    public long OutsideAgreements { get; private set; }

    /// <summary>The latest year a state report can cover (the current one, provisional).</summary>
    public int StateReportYear { get; private set; }

    public string? Problem { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ChooseAsync(ct) is not { } chosen)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadSidesAsync(ct);
            return Page();
        }

        var figures = await statistics.FiguresAsync(ct);
        Report = PeriodReport.Of(figures, chosen.Period, chosen.Model);
        OutsideAgreements = figures.OutsideAgreements;
        var months = PeriodReport.TwelveMonthsTo(chosen.Period.LastMonth);
        Charts = [.. ChartMeasures.Select(id => Measures.Find(id)!).Select(m => new BarChart($"chart-{m.Id}", m.Title,
            [.. months.Select(x => StatPeriod.OfMonth(x).ToString())],
            [.. months.Select(x => figures.Get(m, StatPeriod.OfMonth(x), chosen.Model, Measure.All).Value)]))];
        Funnels = [.. StatisticsFigures.FunnelDimensions.Select(d => (d, (IReadOnlyList<(string, FunnelCounts)>)[.. figures.Funnel(chosen.Period, chosen.Model, d).Take(15)]))];
        if (User.IsInRole(Data.Identity.Roles.ProgramManager) || User.IsInRole(Data.Identity.Roles.Auditor))
        {
            Restricted = await statistics.RestrictedAsync(chosen.Period, ct);
        }

        await LoadSidesAsync(ct);
        return Page();
    }

    /// <summary>The report of the chosen period as a PDF (with its restricted part).</summary>
    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        if (await ChooseAsync(ct) is not { } chosen)
        {
            return BadRequest(Problem ?? "");
        }

        var figures = await statistics.FiguresAsync(ct);
        var pdf = MonthlyReportPdf.Write(await statistics.AgencyNameAsync(ct), PeriodReport.Of(figures, chosen.Period, chosen.Model), figures,
            await statistics.RestrictedAsync(chosen.Period, ct), Zone, clock.GetCurrentInstant());
        return File(pdf, "application/pdf", $"liaison-report-{chosen.Period}.pdf");
    }

    /// <summary>The same figures as CSV.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await ChooseAsync(ct) is not { } chosen)
        {
            return BadRequest(Problem ?? "");
        }

        var figures = await statistics.FiguresAsync(ct);
        return File(Encoding.UTF8.GetBytes(PeriodReport.Of(figures, chosen.Period, chosen.Model).Csv()), "text/csv; charset=utf-8", $"liaison-report-{chosen.Period}.csv");
    }

    /// <summary>The research export (pseudonymised, ICE's detainer-data layout): program managers and auditors only; audited.</summary>
    public async Task<IActionResult> OnGetResearchAsync(string? part, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ResearchExport)).Succeeded)
        {
            return Forbid(); // administrators run the system; they do not take case-level data out of it
        }

        if (part == "dictionary")
        {
            return File(Encoding.UTF8.GetBytes(ResearchExport.Dictionary()), "text/csv; charset=utf-8", "liaison-research-dictionary.csv");
        }

        var (data, _, _) = await research.ExportAsync(User.Identity!.Name!, ct);
        return File(Encoding.UTF8.GetBytes(data), "text/csv; charset=utf-8", "liaison-research.csv");
    }

    /// <summary>A state report (e.g. Illinois) for a calendar year, as the PDF to sign (<paramref name="part"/> pdf) or its CSV; audited.</summary>
    public async Task<IActionResult> OnGetStateAsync(string? format, string? year, string? part, CancellationToken ct)
    {
        if (StateReportFormats.Find(format ?? "") is not { } chosen)
        {
            return BadRequest($"Format: choose one of {string.Join(", ", StateReportFormats.All.Select(f => f.Id))}.");
        }

        var (first, last) = await stateReports.YearsAsync(ct);
        if (year is not { Length: 4 } || !int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) || y < first || y > last)
        {
            return BadRequest($"Year: expected a year from {first} to {last}.");
        }

        if (part is not ("pdf" or "csv"))
        {
            return BadRequest("Part: choose pdf or csv.");
        }

        var report = await stateReports.BuildAsync(chosen, y, User.Identity!.Name!, ct);
        return part == "csv"
            ? File(Encoding.UTF8.GetBytes(report.Csv()), "text/csv; charset=utf-8", report.FileName + ".csv")
            : File(StateReportPdf.Write(report, await time.ZoneAsync(), clock.GetCurrentInstant()), "application/pdf", report.FileName + ".pdf");
    }

    /// <summary>The program manager releases the next closed month to the public page: audited, then frozen.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.PublishStatistics)).Succeeded)
        {
            return Forbid(); // auditors and administrators read the figures; the program manager publishes them
        }

        if (!StatPeriod.TryParse(Month, out var period) || period.Kind != PeriodKind.Month)
        {
            TempData["Flash"] = "Month: expected a month as YYYY-MM.";
            TempData["FlashTone"] = "error";
            return Redirect("/statistics");
        }

        try
        {
            var publication = await statistics.PublishAsync(period.Month, Note, User.Identity!.Name!, ct);
            TempData["Flash"] = $"Published {publication.Month}: it is on /transparency now, and its figures will not change.";
        }
        catch (PublicationRefusedException e)
        {
            TempData["Flash"] = e.Message;
            TempData["FlashTone"] = "error";
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Measure ", StringComparison.Ordinal))
        {
            TempData["Flash"] = $"Not published: {e.Message}";
            TempData["FlashTone"] = "error";
        }

        return Redirect("/statistics");
    }

    private async Task<(StatPeriod Period, string Model)?> ChooseAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        var model = string.IsNullOrEmpty(ModelFilter) ? StatisticsFigures.AllModels : ModelFilter;
        if (model != StatisticsFigures.AllModels && !StatisticsFigures.Models.Contains(model))
        {
            Problem = "Model: choose JEM, WSO or all.";
            return null;
        }

        var last = await statistics.LastClosedMonthAsync(ct);
        if (string.IsNullOrEmpty(Period))
        {
            Period = StatPeriod.OfMonth(last).ToString();
        }

        if (!StatPeriod.TryParse(Period, out var period))
        {
            Problem = "Period: write a month (2026-10), a fiscal quarter (FY2027-Q1) or a fiscal year (FY2027).";
            return null;
        }

        ModelFilter = model;
        return (period, model);
    }

    private async Task LoadSidesAsync(CancellationToken ct)
    {
        CanPublish = (await authorization.AuthorizeAsync(User, Policies.PublishStatistics)).Succeeded;
        CanExportResearch = (await authorization.AuthorizeAsync(User, Policies.ResearchExport)).Succeeded;
        NextToPublish = await statistics.NextToPublishAsync(ct);
        StateReportYear = (await stateReports.YearsAsync(ct)).Last;
        Publications = await statistics.PublicationsAsync(ct);
    }
}
