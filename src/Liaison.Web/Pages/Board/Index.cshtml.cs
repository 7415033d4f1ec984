using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Pages.Board;

/// <summary>For jail staff: who must be released now, whose hold ends within 4 hours, and who is held until when.</summary>
public sealed class IndexModel(LiaisonDbContext db, AgencyTime time) : PageModel
{
    public static readonly Duration Soon = Duration.FromHours(4);

    public IReadOnlyList<BoardRow> MustRelease { get; private set; } = [];

    public IReadOnlyList<BoardRow> EndingSoon { get; private set; } = [];

    public IReadOnlyList<BoardRow> Held { get; private set; } = [];

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    /// <summary>Only the columns the board shows: it lists every hold, so each row is kept small.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<BookingRecord, BoardRow>> Row = b =>
        new BoardRow(b.Id, b.LastName, b.FirstName, b.Custody, b.HoldAuthority, b.HoldDeadline, b.EligibleAt, b.OverDetentionSince);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        var now = time.Now;
        // A hold whose deadline has passed is "release now" even before the monitor's next pass.
        MustRelease = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == "release-required" || (b.Custody == "held-for-ice" && b.HoldDeadline <= now))
            .OrderBy(b => b.OverDetentionSince ?? b.HoldDeadline ?? b.EligibleAt).ThenBy(b => b.Id)
            .Select(Row)
            .ToListAsync(ct);
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == "held-for-ice" && b.HoldDeadline > now)
            .OrderBy(b => b.HoldDeadline).ThenBy(b => b.Id)
            .Select(Row)
            .ToListAsync(ct);
        EndingSoon = [.. held.Where(b => b.HoldDeadline <= now + Soon)];
        Held = [.. held.Where(b => b.HoldDeadline > now + Soon)];
    }
}

public sealed record BoardRow(string Id, string LastName, string FirstName, string Custody, string HoldAuthority, Instant? HoldDeadline, Instant? EligibleAt, Instant? OverDetentionSince);
