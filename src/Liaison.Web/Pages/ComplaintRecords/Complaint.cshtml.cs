using Liaison.Data.Complaints;
using Liaison.Domain;
using Liaison.Domain.Complaints;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.ComplaintRecords;

/// <summary>What the staff's complaint forms send; each act reads the fields it needs.</summary>
public sealed class ComplaintAct
{
    public string? Investigator { get; set; }

    /// <summary>"yes" or "no": whether the complaint is about someone acting in an immigration role.</summary>
    public string? ImmigrationRole { get; set; }

    public string? BookingId { get; set; }

    public string? OfficerId { get; set; }

    public string? Finding { get; set; }

    public string? Summary { get; set; }

    public string? To { get; set; }

    public string? Reference { get; set; }

    public bool Results { get; set; }
}

/// <summary>
/// One complaint for staff: what the public wrote, its files, the agreement's clocks, its record, and the workflow's
/// acts (the program manager's; auditors read). Every act goes through <see cref="ComplaintService"/>, which checks it
/// against the workflow, projects and audits it.
/// </summary>
public sealed class ComplaintModel(ComplaintService complaints, AgencyTime time, IAuthorizationService authorization) : PageModel
{
    public ComplaintCase Case { get; private set; } = null!;

    public DateTimeZone Zone => Case.State.Zone;

    public Instant Now => time.Now;

    public bool CanAct { get; private set; }

    public string? Problem { get; private set; }

    [BindProperty]
    public ComplaintAct Act { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A file sent with the complaint, as a download (never shown inline: it is the sender's content).</summary>
    public async Task<IActionResult> OnGetFileAsync(string id, long fileId, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var complaintId)
            || await complaints.AttachmentAsync(complaintId, fileId, User.Identity?.Name ?? "", ct) is not { } file)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(file.Content, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostAssignAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, who) => new ComplaintAssigned(at, who, Act.Investigator?.Trim() ?? ""), "Assigned.", ct);

    public Task<IActionResult> OnPostScopeAsync(string id, CancellationToken ct) => Act.ImmigrationRole is "yes" or "no"
        ? ActAsync(id, (at, who) => new ComplaintScoped(at, who, Act.ImmigrationRole == "yes", Blank(Act.BookingId), Blank(Act.OfficerId)), "Scope recorded.", ct)
        : RefuseAsync(id, "Immigration role: say yes or no.", ct);

    public Task<IActionResult> OnPostStartAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, who) => new InvestigationStarted(at, who), "Investigation started.", ct);

    public Task<IActionResult> OnPostFindingAsync(string id, CancellationToken ct) => Codes.TryParse<ComplaintFinding>(Act.Finding, out var finding)
        ? ActAsync(id, (at, who) => new FindingRecorded(at, who, finding, Act.Summary?.Trim() ?? ""), "Finding recorded.", ct)
        : RefuseAsync(id, "Finding: choose sustained, not sustained, unfounded or exonerated.", ct);

    public Task<IActionResult> OnPostReferAsync(string id, CancellationToken ct) => Codes.TryParse<ReferralBody>(Act.To, out var to)
        ? ActAsync(id, (at, who) => new ComplaintReferred(at, who, to, Blank(Act.Reference), Act.Results), Act.Results ? "Results sent recorded." : "Referral recorded.", ct)
        : RefuseAsync(id, "Referred to: choose ICE, ICE OPR, DHS OIG or DHS CRCL.", ct);

    public Task<IActionResult> OnPostCloseAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, who) => new ComplaintClosed(at, who), "Closed.", ct);

    private async Task<IActionResult> ActAsync(string id, Func<Instant, string, ComplaintEntry> make, string done, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.ManageComplaints)).Succeeded)
        {
            return Forbid(); // auditors read; recording changes the record
        }

        if (!long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var complaintId))
        {
            return NotFound();
        }

        var who = User.Identity?.Name ?? "";
        var result = await complaints.RecordAsync(complaintId, at => make(at, who), ct);
        switch (result.Kind)
        {
            case ComplaintResultKind.Unknown:
                return NotFound();
            case ComplaintResultKind.Recorded:
                TempData["Flash"] = done;
                return Redirect($"/complaint-records/{complaintId}");
            default:
                return await RefuseAsync(id, result.Reason!, ct, result.Kind == ComplaintResultKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IActionResult> RefuseAsync(string id, string problem, CancellationToken ct, int status = StatusCodes.Status400BadRequest)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        if (!CanAct)
        {
            return Forbid(); // auditors read; what they cannot record is not argued with them
        }

        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken ct)
    {
        if (!long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var complaintId) || await complaints.LoadAsync(complaintId, ct) is not { } loaded)
        {
            return false;
        }

        Case = loaded;
        CanAct = (await authorization.AuthorizeAsync(User, Policies.ManageComplaints)).Succeeded;
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An entry of the record in words.</summary>
    public static string Describe(ComplaintEntry entry) => entry switch
    {
        ComplaintAssigned a => $"Assigned to {a.Investigator}",
        InvestigationStarted => "Investigation started",
        ComplaintScoped s => (s.ImmigrationRole ? "About immigration work (owed to ICE)" : "Not about immigration work (not owed to ICE)")
            + (s.BookingId is { } b ? $"; booking {b}" : "") + (s.OfficerId is { } o ? $"; officer {o}" : ""),
        FindingRecorded f => $"Finding: {Names.Finding(f.Finding)}. {f.Summary}",
        ComplaintClosed => "Closed",
        ComplaintReferred r => $"{(r.Results ? "Results sent to" : "Referred to")} {Names.Body(r.To)}{(r.Reference is { } reference ? $" (reference {reference})" : "")}",
        _ => entry.GetType().Name,
    };
}
