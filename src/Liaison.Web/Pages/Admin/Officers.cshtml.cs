using Liaison.Data.Custody;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Officers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>
/// Officers and their certifications, each with the Field Office Director's authorization letter that designated
/// the officer, and revocation recorded as a dated letter (never by deleting anything); with warnings for those
/// expired or expiring within 60 days.
/// </summary>
public sealed class OfficersModel(LiaisonDbContext db, Display.AgencyTime time, CustodyWorldCache worlds, Data.Audit.AuditLog audit) : PageModel
{
    public static readonly Period Warning = Period.FromDays(60);

    public IReadOnlyList<OfficerRecord> Officers { get; private set; } = [];

    public LocalDate Today { get; private set; }

    [BindProperty]
    public string? OfficerId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Model { get; set; }

    [BindProperty]
    public string? Completed { get; set; }

    [BindProperty]
    public string? Expires { get; set; }

    [BindProperty]
    public string? LetterNumber { get; set; }

    [BindProperty]
    public string? LetterDate { get; set; }

    [BindProperty]
    public string? LetterSignedBy { get; set; }

    [BindProperty]
    public int CertificationId { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddOfficerAsync(CancellationToken ct)
    {
        var id = OfficerId?.Trim() ?? "";
        if (id.Length == 0 || ActorPermissions.IsSystemActor(id))
        {
            ModelState.AddModelError(nameof(OfficerId), "Officer id: required, and not jms, dhs or subject.");
        }
        else if (await db.Officers.AnyAsync(o => o.Id == id, ct))
        {
            ModelState.AddModelError(nameof(OfficerId), $"Officer id: \"{id}\" already exists.");
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            ModelState.AddModelError(nameof(Name), "Name: required.");
        }

        if (!Codes.TryParse<ActorKind>(Kind, out var kind) || kind is not (ActorKind.DesignatedOfficer or ActorKind.IceOfficer or ActorKind.IceSupervisor))
        {
            ModelState.AddModelError(nameof(Kind), "Kind: choose designated officer, ICE officer or ICE supervisor.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        db.Officers.Add(new OfficerRecord { Id = id, Name = Name!.Trim(), Kind = Kind! });
        audit.Add(Data.Audit.AuditLog.OfficerChange, "officer", id, Json(new { before = (object?)null, after = new { Name = Name!.Trim(), Kind } }));
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"Officer {id} added.";
        return Redirect("/admin/officers");
    }

    public async Task<IActionResult> OnPostAddCertificationAsync(CancellationToken ct)
    {
        if (!await db.Officers.AnyAsync(o => o.Id == OfficerId, ct))
        {
            ModelState.AddModelError(nameof(OfficerId), "Officer: choose an officer.");
        }

        if (!Codes.TryParse<AgreementModel>(Model, out _))
        {
            ModelState.AddModelError(nameof(Model), "Model: choose JEM or WSO.");
        }

        var completed = LocalDatePattern.Iso.Parse(Completed?.Trim() ?? "");
        var expires = LocalDatePattern.Iso.Parse(Expires?.Trim() ?? "");
        if (!completed.Success)
        {
            ModelState.AddModelError(nameof(Completed), "Completed: a date (yyyy-mm-dd) is required.");
        }

        if (!expires.Success)
        {
            ModelState.AddModelError(nameof(Expires), "Expires: a date (yyyy-mm-dd) is required.");
        }
        else if (completed.Success && expires.Value < completed.Value)
        {
            ModelState.AddModelError(nameof(Expires), "Expires: must not be before the completion date.");
        }

        var letter = Letter("Authorization letter");
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        db.Certifications.Add(new CertificationRecord
        {
            OfficerId = OfficerId!,
            Model = Model!,
            Completed = completed.Value,
            Expires = expires.Value,
            LetterNumber = letter.Number,
            LetterDate = letter.Date,
            LetterSignedBy = letter.SignedBy,
        });
        audit.Add(Data.Audit.AuditLog.OfficerChange, "certification", OfficerId, Json(new
        {
            before = (object?)null,
            after = new { Model, Completed = completed.Value.ToString("uuuu-MM-dd", null), Expires = expires.Value.ToString("uuuu-MM-dd", null), letter.Number, Date = letter.Date.ToString("uuuu-MM-dd", null), letter.SignedBy },
        }));
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"{Model} certification added for {OfficerId}.";
        return Redirect("/admin/officers");
    }

    /// <summary>Records the revocation letter of a certification. The certification stays, revoked from the letter's date on.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.Id == CertificationId, ct);
        if (certification is null)
        {
            return NotFound();
        }

        if (certification.Revoked is not null)
        {
            ModelState.AddModelError(nameof(CertificationId), $"Certification: already revoked from {certification.Revoked:uuuu-MM-dd}; a revocation is never changed.");
        }

        var letter = Letter("Revocation letter");
        if (ModelState.IsValid && letter.Date < certification.Completed)
        {
            ModelState.AddModelError(nameof(LetterDate), "Revocation letter date: must not be before the certification was completed.");
        }

        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        audit.Add(Data.Audit.AuditLog.OfficerChange, "certification", certification.OfficerId, Json(new
        {
            before = new { certification.Id, Revoked = (string?)null },
            after = new { certification.Id, Revoked = letter.Date.ToString("uuuu-MM-dd", null), letter.Number, letter.SignedBy },
        }));
        certification.Revoked = letter.Date;
        certification.RevocationLetterNumber = letter.Number;
        certification.RevokedBy = letter.SignedBy;
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"{certification.Model} certification of {certification.OfficerId} revoked from {letter.Date:uuuu-MM-dd}.";
        return Redirect("/admin/officers");
    }

    public async Task<IActionResult> OnPostSetActiveAsync(string officerId, bool active, CancellationToken ct)
    {
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.Id == officerId, ct);
        if (officer is null)
        {
            return NotFound();
        }

        audit.Add(Data.Audit.AuditLog.OfficerChange, "officer", officerId, Json(new { before = new { officer.Active }, after = new { Active = active } }));
        officer.Active = active;
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"Officer {officerId} {(active ? "reactivated" : "deactivated")}.";
        return Redirect("/admin/officers");
    }

    public string CertificationState(CertificationRecord c) =>
        c.Revoked <= Today ? "Revoked"
        : c.Expires < Today ? "Expired"
        : c.Completed > Today ? "Not yet valid"
        : c.Revoked is not null ? "Revocation pending"
        : c.Expires <= Today + Warning ? "Expires soon"
        : "Valid";

    /// <summary>A letter's number, date and signer from the form, each required; errors name the field.</summary>
    private (string Number, LocalDate Date, string SignedBy) Letter(string what)
    {
        var date = LocalDatePattern.Iso.Parse(LetterDate?.Trim() ?? "");
        if (string.IsNullOrWhiteSpace(LetterNumber))
        {
            ModelState.AddModelError(nameof(LetterNumber), $"{what} number: required.");
        }
        else if (LetterNumber.Trim().Length > 64)
        {
            ModelState.AddModelError(nameof(LetterNumber), $"{what} number: at most 64 characters.");
        }

        if (!date.Success)
        {
            ModelState.AddModelError(nameof(LetterDate), $"{what} date: a date (yyyy-mm-dd) is required.");
        }

        if (string.IsNullOrWhiteSpace(LetterSignedBy))
        {
            ModelState.AddModelError(nameof(LetterSignedBy), $"{what} signed by: the Field Office Director's name is required.");
        }
        else if (LetterSignedBy.Trim().Length > 200)
        {
            ModelState.AddModelError(nameof(LetterSignedBy), $"{what} signed by: at most 200 characters.");
        }

        return (LetterNumber?.Trim() ?? "", date.Success ? date.Value : default, LetterSignedBy?.Trim() ?? "");
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.Now.InZone(await time.ZoneAsync()).Date;
        Officers = await db.Officers.AsNoTracking().Include(o => o.Certifications).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);
    }
}
