using System.Text;
using Liaison.Data.Statistics;
using Liaison.Domain.Statistics;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Statistics;

/// <summary>
/// Reconciliation: ICE's published figures for the agency beside the agency's own counts, each mismatch flagged with
/// its size. The program manager and auditors import ICE's figures (a documented CSV); everyone who reads the
/// dashboard sees the comparison.
/// </summary>
public sealed class ReconciliationModel(ReconciliationService reconciliation, AgencyTime time, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ReconciliationLine> Lines { get; private set; } = [];

    public IReadOnlyList<IceFigureImportRecord> Imports { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool CanImport { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The comparison as CSV, mismatches first.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        File(Encoding.UTF8.GetBytes(ReconciliationService.Csv(await reconciliation.CompareAsync(ct))), "text/csv; charset=utf-8", "liaison-reconciliation.csv");

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ImportIceFigures)).Succeeded)
        {
            return Forbid(); // administrators read the comparison; the program's oversight roles bring ICE's figures
        }

        if (file is null || file.Length == 0)
        {
            Problems = ["file: choose the CSV of ICE's figures to import."];
        }
        else
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var result = await reconciliation.ImportAsync(file.FileName, buffer.ToArray(), User.Identity!.Name!, ct);
            if (result.Import is { } import)
            {
                TempData["Flash"] = $"Imported {import.Rows:N0} figures from {import.FileName}.";
                return Redirect("/statistics/reconciliation");
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
        CanImport = (await authorization.AuthorizeAsync(User, Policies.ImportIceFigures)).Succeeded;
        Lines = await reconciliation.CompareAsync(ct);
        Imports = await reconciliation.ImportsAsync(ct);
    }
}
