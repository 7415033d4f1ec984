using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>287(g) agreements: added, and ended by date; never deleted, so past acts keep the agreement they were made under.</summary>
public sealed class AgreementsModel(LiaisonDbContext db, Display.AgencyTime time, CustodyWorldCache worlds, Data.Audit.AuditLog audit) : PageModel
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
        var id = Id?.Trim() ?? "";
        if (id.Length == 0)
        {
            ModelState.AddModelError(nameof(Id), "Agreement id: required (e.g. the MOA number).");
        }
        else if (await db.Agreements.AnyAsync(a => a.Id == id, ct))
        {
            ModelState.AddModelError(nameof(Id), $"Agreement id: \"{id}\" already exists.");
        }

        if (!Codes.TryParse<AgreementModel>(Model, out _))
        {
            ModelState.AddModelError(nameof(Model), "Model: choose JEM, WSO or TFM.");
        }

        var effective = DateField(nameof(Effective), "Effective", Effective, required: true);
        var ends = DateField(nameof(Ends), "Ends", Ends, required: false);
        if (effective is { } e && ends is { } n && n < e)
        {
            ModelState.AddModelError(nameof(Ends), "Ends: must not be before the effective date.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        db.Agreements.Add(new AgreementRecord { Id = id, Model = Model!, Effective = effective!.Value, Ends = ends });
        audit.Add(Data.Audit.AuditLog.AgreementChange, "agreement", id, System.Text.Json.JsonSerializer.Serialize(new
        {
            before = (object?)null,
            after = new { Model, Effective = effective.Value.ToString("uuuu-MM-dd", null), Ends = ends?.ToString("uuuu-MM-dd", null) },
        }));
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"Agreement {id} added.";
        return Redirect("/admin/agreements");
    }

    public async Task<IActionResult> OnPostEndAsync(string agreementId, CancellationToken ct)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null)
        {
            return NotFound();
        }

        var ends = DateField(nameof(Ends), "End date", Ends, required: true);
        if (ends is { } n && n < agreement.Effective)
        {
            ModelState.AddModelError(nameof(Ends), "End date: must not be before the effective date.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        audit.Add(Data.Audit.AuditLog.AgreementChange, "agreement", agreementId, System.Text.Json.JsonSerializer.Serialize(new
        {
            before = new { Ends = agreement.Ends?.ToString("uuuu-MM-dd", null) },
            after = new { Ends = ends?.ToString("uuuu-MM-dd", null) },
        }));
        agreement.Ends = ends;
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"Agreement {agreementId} ends {Ends}.";
        return Redirect("/admin/agreements");
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
        Agreements = await db.Agreements.AsNoTracking().OrderBy(a => a.Effective).ToListAsync(ct);
    }
}
