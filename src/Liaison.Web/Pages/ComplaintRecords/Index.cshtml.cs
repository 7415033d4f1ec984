using Liaison.Data.Complaints;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.ComplaintRecords;

/// <summary>The staff list of complaints: open ones by their nearest due time (late ones flagged), then the closed ones.</summary>
public sealed class IndexModel(ComplaintService complaints, AgencyTime time) : PageModel
{
    public IReadOnlyList<ComplaintRecord> Complaints { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        Complaints = await complaints.ListAsync(ct);
    }
}
