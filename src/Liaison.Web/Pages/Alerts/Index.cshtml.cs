using Liaison.Data.Administration;
using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Alerts;

/// <summary>The alert inbox: deadline warnings, expired holds, citizenship reviews and notices to ICE, newest first.</summary>
public sealed class IndexModel(CaseQueries cases, AdministrationService admin, AgencyTime time, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<AlertRecord> Open { get; private set; } = [];

    public IReadOnlyList<AlertRecord> RecentlyAcknowledged { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        (Open, RecentlyAcknowledged) = await cases.AlertsAsync(ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId, CancellationToken ct)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.AcknowledgeAlerts)).Succeeded)
        {
            return Forbid(); // auditors read; acknowledging changes the record
        }

        var outcome = await admin.AcknowledgeAlertAsync(alertId, User.Identity?.Name, ct);
        return outcome.Found ? Redirect("/alerts") : NotFound();
    }
}
