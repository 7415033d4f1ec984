using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Pages.Queue;

/// <summary>
/// The screening work of designated officers: duties to tell ICE that are open (earliest due first), then new
/// bookings and DHS matches no officer has acted on yet, oldest first.
/// </summary>
public sealed class IndexModel(LiaisonDbContext db, AgencyTime time, DutyQueries duties) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string Show { get; set; } = "all";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public const int DutiesShown = 20;

    public IReadOnlyList<BookingRecord> Bookings { get; private set; } = [];

    public IReadOnlyList<OpenDutyRow> Duties { get; private set; } = [];

    public int DutyCount { get; private set; }

    public int Total { get; private set; }

    public int Matches { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        PageNumber = Math.Max(1, PageNumber);
        Duties = await duties.OpenAsync(DutiesShown, ct);
        DutyCount = Duties.Count < DutiesShown ? Duties.Count : await duties.CountAsync(ct);
        var awaiting = db.Bookings.AsNoTracking().Where(b => b.AwaitingScreening);
        Matches = await awaiting.CountAsync(b => b.DhsResult == "match", ct);
        Total = await awaiting.CountAsync(ct);
        var shown = Show == "matches" ? awaiting.Where(b => b.DhsResult == "match") : awaiting;
        Bookings = await shown.OrderBy(b => b.BookedAt).ThenBy(b => b.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Include(b => b.Charges)
            .ToListAsync(ct);
    }
}
