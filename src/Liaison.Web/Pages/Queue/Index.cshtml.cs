using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Domain.Officers;
using Liaison.Web.Display;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Queue;

/// <summary>
/// The screening work of designated officers: duties to tell ICE that are open (earliest due first), then bookings
/// no officer has acted on yet (all, DHS matches, mine, unassigned), or those screened, by outcome; sorted and paged.
/// </summary>
public sealed class IndexModel(CaseQueries cases, AgencyTime time, CurrentActor currentActor) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The views by their address (<c>/queue?show=mine</c>), in the order the tabs show them.</summary>
    public static readonly IReadOnlyList<(string Code, QueueView View, string Label)> Views =
    [
        ("all", QueueView.Awaiting, "All awaiting"),
        ("matches", QueueView.Matches, "DHS matches"),
        ("mine", QueueView.Mine, "Assigned to me"),
        ("unassigned", QueueView.Unassigned, "Unassigned"),
        ("no-action", QueueView.NoAction, "Screened: no action"),
        ("referred", QueueView.Referred, "Referred to ICE"),
        ("lodged", QueueView.Lodged, "Detainer lodged"),
    ];

    public static readonly IReadOnlyList<(string Code, QueueSort Sort, string Label)> Sorts =
    [
        ("oldest", QueueSort.Oldest, "Oldest booking first"),
        ("newest", QueueSort.Newest, "Newest booking first"),
        ("name", QueueSort.Name, "Name"),
    ];

    [BindProperty(SupportsGet = true)]
    public string Show { get; set; } = "all";

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "oldest";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public const int DutiesShown = 20;

    public QueuePage Queue { get; private set; } = new([], 0, 0, 0, 0, 0);

    public QueueView View { get; private set; }

    public IReadOnlyList<OpenDutyRow> Duties { get; private set; } = [];

    public int DutyCount { get; private set; }

    /// <summary>The signed-in officer when they screen (for "mine" and "take"); null for those who oversee.</summary>
    public string? Officer { get; private set; }

    public IReadOnlyDictionary<string, (string Name, bool Active)> Officers { get; private set; } = new Dictionary<string, (string, bool)>();

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    public bool Awaiting => View is QueueView.Awaiting or QueueView.Matches or QueueView.Mine or QueueView.Unassigned;

    /// <summary>This page's address with one parameter changed (the others kept).</summary>
    public string Link(string? show = null, string? sort = null, int? page = null) =>
        $"/queue?show={Uri.EscapeDataString(show ?? Show)}&sort={Uri.EscapeDataString(sort ?? Sort)}{(page is { } p and > 1 ? $"&p={p}" : "")}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Views.FirstOrDefault(v => v.Code == Show) is not { Code: not null } view)
        {
            return BadRequest($"show: \"{Show}\" is not a queue view ({string.Join(", ", Views.Select(v => v.Code))}).");
        }

        if (Sorts.FirstOrDefault(s => s.Code == Sort) is not { Code: not null } sort)
        {
            return BadRequest($"sort: \"{Sort}\" is not a queue order ({string.Join(", ", Sorts.Select(s => s.Code))}).");
        }

        var (acting, kind, _) = await currentActor.ResolveAsync();
        Officer = kind is { } k && Domain.Officers.Officer.IsOfficerKind(k) ? acting?.Actor : null;
        View = view.View;
        Zone = await time.ZoneAsync();
        Officers = (await cases.AgencyAsync(ct)).Officers;
        PageNumber = Math.Max(1, PageNumber);
        (Duties, DutyCount) = await cases.OpenDutiesAsync(DutiesShown, ct);
        Queue = await cases.QueueAsync(new QueueQuery(View, sort.Sort, PageNumber, PageSize, Officer), ct);
        return Page();
    }

    /// <summary>The count a tab shows; null for the screened views (counted only when open).</summary>
    public int? Count(QueueView view) => view switch
    {
        QueueView.Awaiting => Queue.Total,
        QueueView.Matches => Queue.Matches,
        QueueView.Mine => Queue.Mine,
        QueueView.Unassigned => Queue.Unassigned,
        _ when view == View => Queue.Shown,
        _ => null,
    };

    public string OfficerName(string id) => Officers.TryGetValue(id, out var o) ? o.Name : id;
}
