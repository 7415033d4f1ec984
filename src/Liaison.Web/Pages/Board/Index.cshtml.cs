using Liaison.Data.Custody;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Board;

/// <summary>For jail staff: who must be released now, whose hold ends within 4 hours, and who is held until when.</summary>
public sealed class IndexModel(CaseQueries cases, AgencyTime time) : PageModel
{
    public static readonly Duration Soon = CaseQueries.Soon;

    public IReadOnlyList<BoardRow> MustRelease { get; private set; } = [];

    public IReadOnlyList<BoardRow> EndingSoon { get; private set; } = [];

    public IReadOnlyList<BoardRow> Held { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        (MustRelease, EndingSoon, Held) = await cases.BoardAsync(time.Now, ct);
    }
}
