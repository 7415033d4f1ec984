using Liaison.Data.Administration;
using Liaison.Data.Agency;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>287(g) agreements: added, and ended by date; never deleted, so past acts keep the agreement they were made under.</summary>
public sealed class AgreementsModel(AdministrationService admin, Data.Administration.RuleChanges changes, Display.AgencyTime time) : PageModel
{
    public IReadOnlyList<AgreementRecord> Agreements { get; private set; } = [];

    public LocalDate Today { get; private set; }

    [BindProperty]
    public string? Id { get; set; }

    [BindProperty]
    public string? Model { get; set; }

    [BindProperty]
    public string? Effective { get; set; }

    [BindProperty]
    public string? Ends { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (!Codes.TryParse<AgreementModel>(Model, out var model))
        {
            ModelState.AddModelError(nameof(Model), "Model: choose JEM, WSO or TFM.");
        }

        var effective = DateField(nameof(Effective), "Effective", Effective, required: true);
        var ends = DateField(nameof(Ends), "Ends", Ends, required: false);
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        var id = Id?.Trim() ?? "";
        return await SubmitAsync(new Data.Administration.AgreementAdded(id, model, effective!.Value, ends), $"Agreement {id} added.", ct);
    }

    public async Task<IActionResult> OnPostEndAsync(string agreementId, CancellationToken ct)
    {
        var ends = DateField(nameof(Ends), "End date", Ends, required: true);
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        return await SubmitAsync(new Data.Administration.AgreementEnded(agreementId ?? "", ends!.Value), $"Agreement {agreementId} ends {Ends}.", ct);
    }

    private Task<IActionResult> SubmitAsync(Data.Administration.RuleChange change, string applied, CancellationToken ct) =>
        this.SubmitAsync(changes, change, applied, "/admin/agreements", () => InvalidAsync(ct));

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private LocalDate? DateField(string key, string label, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                ModelState.AddModelError(key, $"{label}: required (yyyy-mm-dd).");
            }

            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success)
        {
            ModelState.AddModelError(key, $"{label}: \"{text}\" is not a date (yyyy-mm-dd).");
            return null;
        }

        return parsed.Value;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.Now.InZone(await time.ZoneAsync()).Date;
        Agreements = await admin.AgreementsAsync(ct);
    }
}
