using Liaison.Data.Complaints;
using Liaison.Documents.Languages;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Complaints;

/// <summary>
/// Where a complaint stands, for whoever holds its tracking code (no sign-in): its stage, since when, and the finding
/// once closed; never its content or any case data. The code is posted, never put in an address (it would be kept in
/// histories and logs), and posting is rate-limited by address like filing.
/// </summary>
public sealed class StatusModel(ComplaintService complaints) : PublicPageModel
{
    [BindProperty]
    public string? TrackingCode { get; set; }

    public ComplaintStatus? Status { get; private set; }

    public bool Unknown { get; private set; }

    public IActionResult OnGet(string? lang) => Choose(lang) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string? lang, CancellationToken ct)
    {
        if (!Choose(lang))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store"; // a complaint's status is for whoever holds the code, not for a cache
        Status = await complaints.StatusAsync(TrackingCode, ct);
        if (Status is null)
        {
            Unknown = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
