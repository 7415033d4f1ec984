using Liaison.Data.Administration;
using Liaison.Data.Officers;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Officers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>
/// Officers and their certifications, each with the Field Office Director's authorization letter that designated
/// the officer, and revocation recorded as a dated letter (never by deleting anything); with warnings for those
/// expired or expiring within 60 days.
/// </summary>
public sealed class OfficersModel(AdministrationService admin, Display.AgencyTime time, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization) : PageModel
{
    /// <summary>Whether this user may record officers and certifications (administrators); the program manager reads.</summary>
    public bool CanChange { get; private set; }

    /// <summary>Every change on this page needs <see cref="Policies.ManageOfficers"/>, checked before any handler runs.</summary>
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        CanChange = (await authorization.AuthorizeAsync(User, Policies.ManageOfficers)).Succeeded;
        if (!CanChange && !HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }

    public static readonly Period Warning = Liaison.Data.Custody.WorkQueries.CertificationWarning;

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
        // An unknown kind parses as the jail, which is no officer kind: the service names the field with the others.
        _ = Codes.TryParse<ActorKind>(Kind, out var kind);
        var id = OfficerId?.Trim() ?? "";
        return await DoneAsync(await admin.AddOfficerAsync(id, Name ?? "", kind, ct), $"Officer {id} added.", ct);
    }

    public async Task<IActionResult> OnPostAddCertificationAsync(CancellationToken ct)
    {
        if (!Codes.TryParse<AgreementModel>(Model, out var model))
        {
            ModelState.AddModelError(nameof(Model), "Model: choose JEM or WSO.");
        }

        var completed = Date(nameof(Completed), "Completed", Completed);
        var expires = Date(nameof(Expires), "Expires", Expires);
        var letterDate = OptionalDate(LetterDate);
        if (!ModelState.IsValid)
        {
            return await InvalidAsync(ct);
        }

        var letter = new DirectorLetter(LetterNumber ?? "", letterDate, LetterSignedBy ?? "");
        return await DoneAsync(await admin.AddCertificationAsync(OfficerId ?? "", model, completed, expires, letter, ct),
            $"{Model} certification added for {OfficerId}.", ct);
    }

    /// <summary>Records the revocation letter of a certification. The certification stays, revoked from the letter's date on.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        var letterDate = OptionalDate(LetterDate);
        var outcome = await admin.RevokeCertificationAsync(CertificationId, new DirectorLetter(LetterNumber ?? "", letterDate, LetterSignedBy ?? ""), ct);
        return await DoneAsync(outcome, $"Certification revoked from {letterDate:uuuu-MM-dd}.", ct);
    }

    public async Task<IActionResult> OnPostSetActiveAsync(string officerId, string? active, CancellationToken ct)
    {
        // Parsed here, not by model binding, which turns anything it cannot read into false (deactivating the officer).
        if (!bool.TryParse(active, out var value))
        {
            ModelState.AddModelError(nameof(active), $"Active: \"{active}\" is not true or false.");
            return await InvalidAsync(ct);
        }

        return await DoneAsync(await admin.SetOfficerActiveAsync(officerId, value, ct), $"Officer {officerId} {(value ? "reactivated" : "deactivated")}.", ct);
    }

    /// <summary>Where a certification stands today, as the page words it.</summary>
    public string CertificationState(CertificationRecord c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var status = new Certification(default, c.Completed, c.Expires, c.Revoked).StatusOn(Today, Warning);
        return status switch
        {
            CertificationStatus.Valid => "Valid",
            CertificationStatus.ExpiresSoon => "Expires soon",
            CertificationStatus.RevocationPending => "Revocation pending",
            CertificationStatus.NotYetValid => "Not yet valid",
            CertificationStatus.Expired => "Expired",
            CertificationStatus.Revoked => "Revoked",
            _ => Codes.Of(status),
        };
    }

    /// <summary>A required date field (yyyy-mm-dd); a problem naming the field when missing or malformed.</summary>
    private LocalDate Date(string key, string label, string? text)
    {
        var parsed = LocalDatePattern.Iso.Parse(text?.Trim() ?? "");
        if (!parsed.Success)
        {
            ModelState.AddModelError(key, $"{label}: a date (yyyy-mm-dd) is required.");
            return default;
        }

        return parsed.Value;
    }

    /// <summary>A date the service requires and names when missing (so every problem of the form is shown at once).</summary>
    private static LocalDate? OptionalDate(string? text) =>
        LocalDatePattern.Iso.Parse(text?.Trim() ?? "") is { Success: true } parsed ? parsed.Value : null;

    private Task<IActionResult> DoneAsync(ChangeOutcome outcome, string flash, CancellationToken ct) =>
        this.AnswerAsync(outcome, flash, "/admin/officers", () => InvalidAsync(ct));

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = time.Now.InZone(await time.ZoneAsync()).Date;
        Officers = await admin.OfficersAsync(ct);
    }
}
