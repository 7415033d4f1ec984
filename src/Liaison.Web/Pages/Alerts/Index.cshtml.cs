using Liaison.Data.Administration;
using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Alerts;

/// <summary>
/// The alert inbox: open alerts most severe first (an expired hold, then the 1-, 4- and 24-hour warnings, then
/// notices), filtered by severity or booking; alerts whose cause ended have cleared themselves and are listed as closed.
/// </summary>
public sealed class IndexModel(CaseQueries cases, AdministrationService admin, AgencyTime time, IAuthorizationService authorization) : PageModel
{
    public AlertInbox Inbox { get; private set; } = new([], new Dictionary<int, int>(), []);

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>Whether the signed-in user may acknowledge alerts (auditors read only: they see no buttons).</summary>
    public bool CanAcknowledge { get; private set; }

    /// <summary>Only this severity (0 notices to 4 expired); all when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Severity { get; set; }

    /// <summary>Only this booking's alerts; all when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Booking { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Severity is < AlertLifecycle.Notice or > AlertLifecycle.Expired)
        {
            return BadRequest($"Severity: {Severity} is not one of 0 (notice) to 4 (expired).");
        }

        Zone = await time.ZoneAsync();
        CanAcknowledge = (await authorization.AuthorizeAsync(User, Policies.AcknowledgeAlerts)).Succeeded;
        Inbox = await cases.AlertsAsync(Severity, Booking, (await authorization.AuthorizeAsync(User, Policies.Complaints)).Succeeded, ct);
        return Page();
    }

    /// <summary>Where an alert's subject is: its complaint (C-000042 → /complaint-records/42) or its booking's case page.</summary>
    public string Link(AlertRecord alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return alert.IsComplaint && Data.Complaints.ComplaintRecord.IdOf(alert.BookingId) is { } id
            ? $"/complaint-records/{id}"
            : $"/cases/{Uri.EscapeDataString(alert.BookingId)}";
    }

    /// <summary>Acknowledges an alert; back to the case page when it was acknowledged there, else to the inbox.</summary>
    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId, string? returnTo, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AcknowledgeAlerts)).Succeeded)
        {
            return Forbid(); // auditors read; acknowledging changes the record
        }

        var outcome = await admin.AcknowledgeAlertAsync(alertId, User.Identity?.Name, ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        // Only a case page of this application: never an address given from outside.
        var back = returnTo is { Length: > 7 and <= 80 } r && r.StartsWith("/cases/", StringComparison.Ordinal) && !r.Contains("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(r, UriKind.Relative)
            ? r : "/alerts";
        return Redirect(back);
    }
}
