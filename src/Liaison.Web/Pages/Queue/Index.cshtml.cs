using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Queue;

/// <summary>
/// The screening work of designated officers: duties to tell ICE that are open (earliest due first), then new
/// bookings and DHS matches no officer has acted on yet, oldest first.
/// </summary>
public sealed class IndexModel(CaseQueries cases, AgencyTime time) : PageModel
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
        (Duties, DutyCount) = await cases.OpenDutiesAsync(DutiesShown, ct);
        (Bookings, Total, Matches) = await cases.QueueAsync(Show == "matches", PageNumber, PageSize, ct);
    }
}
