using Liaison.Data.Trust;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Statistics;

/// <summary>
/// The crime-reporting indicator: the police's monthly counts of reported crimes by victim ethnicity (imported by the
/// program manager, a documented CSV), and the change at the agreement's start in how often crimes with Hispanic
/// victims are reported relative to others, with its 95% interval (docs/statistics.md).
/// </summary>
public sealed class ReportingModel(CrimeReportService reports, AgencyTime time, IAuthorizationService authorization) : PageModel
{
    public CrimeReporting Reporting { get; private set; } = new(null, [], null, null, null);

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool CanImport { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>Each month's ratio of reports with Hispanic victims to others.</summary>
    public BarChart? Chart { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ImportCrimeReports)).Succeeded)
        {
            return Forbid();
        }

        if (file is null || file.Length == 0)
        {
            Problems = ["file: choose the CSV of monthly counts to import."];
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var result = await reports.ImportAsync(file.FileName, buffer.ToArray(), User.Identity!.Name!, ct);
            if (result.Import is { } import)
            {
                TempData["Flash"] = $"Imported {import.Rows:N0} counts from {import.FileName}.";
                return Redirect("/statistics/reporting");
            }

            Problems = result.Problems;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        CanImport = (await authorization.AuthorizeAsync(User, Policies.ImportCrimeReports)).Succeeded;
        Reporting = await reports.LatestAsync(ct);
        if (Reporting.Estimate is { } e)
        {
            Chart = new BarChart("chart-reporting", "Reports with Hispanic victims per report with other victims",
                [.. e.Series.Select(s => NodaTime.Text.YearMonthPattern.Iso.Format(s.Month))],
                [.. e.Series.Select(s => s.NotHispanic == 0 ? (double?)null : Math.Round((double)s.Hispanic / s.NotHispanic, 3))]);
        }
    }
}
