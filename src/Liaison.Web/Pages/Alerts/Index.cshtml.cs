using Liaison.Data.Alerts;
using Liaison.Data.Persistence;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Pages.Alerts;

/// <summary>The alert inbox: deadline warnings, expired holds, citizenship reviews and notices to ICE, newest first.</summary>
public sealed class IndexModel(LiaisonDbContext db, AgencyTime time, Data.Audit.AuditLog audit) : PageModel
{
    public IReadOnlyList<AlertRecord> Open { get; private set; } = [];

    public IReadOnlyList<AlertRecord> RecentlyAcknowledged { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        Open = await db.Alerts.AsNoTracking().Where(a => a.AcknowledgedAt == null)
            .OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.Id).Take(200).ToListAsync(ct);
        RecentlyAcknowledged = await db.Alerts.AsNoTracking().Where(a => a.AcknowledgedAt != null)
            .OrderByDescending(a => a.AcknowledgedAt).Take(20).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(long alertId, CancellationToken ct)
    {
        if (User.IsInRole(Data.Identity.Roles.Auditor) && !User.IsInRole(Data.Identity.Roles.Administrator))
        {
            return Forbid(); // auditors read; acknowledging changes the record
        }

        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return NotFound();
        }

        if (alert.AcknowledgedAt is null)
        {
            audit.Add(Data.Audit.AuditLog.AlertAcknowledge, "alert", alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.BookingId);
            alert.AcknowledgedAt = time.Now;
            alert.AcknowledgedBy = User.Identity?.Name;
            await db.SaveChangesAsync(ct);
        }

        return Redirect("/alerts");
    }
}
