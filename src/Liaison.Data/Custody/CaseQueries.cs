using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>A case as its page shows it: the booking rebuilt from its events, its open alerts, and who the officers are.</summary>
public sealed record CaseView(BookingCase Case, IReadOnlyList<AlertRecord> OpenAlerts, IReadOnlyDictionary<string, string> OfficerNames);

/// <summary>One page of the screening queue, with the counts the filters show.</summary>
/// <summary>Which bookings the screening queue shows: those awaiting screening (all, DHS matches, mine, unassigned) or those screened, by outcome.</summary>
public enum QueueView
{
    Awaiting,
    Matches,
    Mine,
    Unassigned,
    NoAction,
    Referred,
    Lodged,
}

public enum QueueSort
{
    Oldest,
    Newest,
    Name,
}

/// <summary>A page of the queue: <paramref name="Officer"/> is the signed-in officer (for "mine").</summary>
public sealed record QueueQuery(QueueView View, QueueSort Sort, int Page, int PageSize, string? Officer);

/// <summary>The bookings shown, how many the view holds, and the counts of the awaiting tabs.</summary>
public sealed record QueuePage(IReadOnlyList<BookingRecord> Bookings, int Shown, int Total, int Matches, int Mine, int Unassigned);

/// <summary>
/// A person on the release board: only the columns it shows, since it lists every hold. The row's projection is the
/// engine's, so the board reads the same stored, event-derived deadline as the monitor and the case page.
/// </summary>
public sealed record BoardRow(string Id, string LastName, string FirstName, string Custody, string HoldAuthority, Instant? HoldDeadline, Instant? EligibleAt, Instant? OverDetentionSince)
{
    /// <summary>The person is (or is to be) released because an immigration hold ended, not because the jail is done with them.</summary>
    public bool HoldEnded => OverDetentionSince is not null || Custody == CaseQueries.HeldForIce;

    /// <summary>Since when the person should have gone: over-detention's start, the hold's deadline, or release eligibility.</summary>
    public Instant? ReleaseDueSince => OverDetentionSince ?? (Custody == CaseQueries.HeldForIce ? HoldDeadline : EligibleAt);
}

/// <summary>The release board: who must go now, whose hold ends within <see cref="CaseQueries.Soon"/>, and who is held until when.</summary>
public sealed record ReleaseBoard(IReadOnlyList<BoardRow> MustRelease, IReadOnlyList<BoardRow> EndingSoon, IReadOnlyList<BoardRow> Held);

/// <summary>
/// The alert inbox: open alerts (as filtered) most severe first, then by the instant they are about; how many are open
/// of each severity (unfiltered); and the latest closed, by acknowledgement or because their cause ended.
/// </summary>
public sealed record AlertInbox(IReadOnlyList<AlertRecord> Open, IReadOnlyDictionary<int, int> OpenBySeverity, IReadOnlyList<AlertRecord> RecentlyClosed);

/// <summary>
/// The one seam through which pages (and any other entry point) read case data. Reads that show people's case data
/// are written to the audit log here: the case page, the queue, the board and search results with the query.
/// </summary>
public sealed class CaseQueries(LiaisonDbContext db, CustodyService custody, CustodyWorldCache worlds, DutyQueries duties, AuditLog audit)
{
    public const int SearchLimit = 100;
    public const int InboxSize = 200;
    public static readonly Duration Soon = Duration.FromHours(4);

    internal static readonly string HeldForIce = Codes.Of(CustodyStatus.HeldForIce);

    /// <summary>Only the columns the board shows: it lists every hold, so each row is kept small.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<BookingRecord, BoardRow>> BoardColumns = b =>
        new BoardRow(b.Id, b.LastName, b.FirstName, b.Custody, b.HoldAuthority, b.HoldDeadline, b.EligibleAt, b.OverDetentionSince);
    private static readonly string ReleaseRequired = Codes.Of(CustodyStatus.ReleaseRequired);
    private static readonly string DhsMatch = Codes.Of(BiometricResult.Match);

    /// <summary>The agency as the engine sees it now, with officer names and status (cached for a few seconds).</summary>
    public Task<CustodyWorldCache.Snapshot> AgencyAsync(CancellationToken ct = default) => worlds.GetAsync(db, ct);

    /// <summary>The facility's time zone now.</summary>
    public async Task<DateTimeZone> ZoneAsync(CancellationToken ct = default) => (await worlds.WorldAsync(db, ct)).Zone;

    /// <summary>A case rebuilt from its events, as of now; the read (or attempt) is audited. Null when there is no such booking.</summary>
    public async Task<CaseView?> CaseAsync(string bookingId, CancellationToken ct = default)
    {
        // The attempt is recorded whatever it finds (an unknown or inconsistent booking too), and the record is
        // committed while the case is read: nothing is returned before it is on record.
        var recorded = audit.RecordAsync(AuditLog.CaseRead, "booking", bookingId, ct: ct);
        var loaded = await custody.LoadAsync(bookingId, ct);
        var alerts = loaded is null ? [] : await db.Alerts.AsNoTracking().Where(a => a.BookingId == bookingId && a.AcknowledgedAt == null && a.ClearedAt == null)
            .OrderByDescending(Severity).ThenBy(a => a.DueAt).ToListAsync(ct);
        await recorded;
        if (loaded is null)
        {
            return null;
        }

        var agency = await worlds.GetAsync(db, ct);
        return new CaseView(loaded, alerts, agency.Officers.ToDictionary(o => o.Key, o => o.Value.Name));
    }

    /// <summary>
    /// The screening queue: bookings no officer has screened yet (all, DHS matches, assigned to the officer, assigned to
    /// nobody), or those screened with an outcome (no action, referred, detainer lodged); sorted and paged; audited.
    /// </summary>
    public async Task<QueuePage> QueueAsync(QueueQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = db.Bookings.AsNoTracking();
        var awaiting = all.Where(b => b.AwaitingScreening);
        var matches = await awaiting.CountAsync(b => b.DhsResult == DhsMatch, ct);
        var total = await awaiting.CountAsync(ct);
        var mine = query.Officer is null ? 0 : await awaiting.CountAsync(b => b.AssignedTo == query.Officer, ct);
        var unassigned = await awaiting.CountAsync(b => b.AssignedTo == null, ct);
        var noAction = StoredHistory.OutcomeCode(ScreeningOutcome.NoAction);
        var referred = StoredHistory.OutcomeCode(ScreeningOutcome.Referred);
        var shown = query.View switch
        {
            QueueView.Matches => awaiting.Where(b => b.DhsResult == DhsMatch),
            QueueView.Mine => awaiting.Where(b => b.AssignedTo == query.Officer),
            QueueView.Unassigned => awaiting.Where(b => b.AssignedTo == null),
            QueueView.NoAction => all.Where(b => b.ScreeningOutcome == noAction),
            QueueView.Referred => all.Where(b => b.ScreeningOutcome == referred),
            QueueView.Lodged => all.Where(b => b.DetainerLodgedAt != null),
            _ => awaiting,
        };
        var count = query.View switch
        {
            QueueView.Awaiting => total,
            QueueView.Matches => matches,
            QueueView.Mine => mine,
            QueueView.Unassigned => unassigned,
            _ => await shown.CountAsync(ct),
        };
        var sorted = query.Sort switch
        {
            QueueSort.Newest => shown.OrderByDescending(b => b.BookedAt).ThenByDescending(b => b.Id),
            QueueSort.Name => shown.OrderBy(b => b.LastName).ThenBy(b => b.FirstName).ThenBy(b => b.Id),
            _ => shown.OrderBy(b => b.BookedAt).ThenBy(b => b.Id),
        };
        var bookings = await sorted.Skip((Math.Max(1, query.Page) - 1) * query.PageSize).Take(query.PageSize)
            .Include(b => b.Charges)
            .ToListAsync(ct);
        await audit.RecordAsync(AuditLog.ListRead, "queue", null,
            Json(new { view = query.View.ToString(), sort = query.Sort.ToString(), page = query.Page, shown = bookings.Select(b => b.Id) }), ct: ct);
        return new QueuePage(bookings, count, total, matches, mine, unassigned);
    }

    /// <summary>Open duties to tell ICE, earliest due first, with their total.</summary>
    public async Task<(IReadOnlyList<OpenDutyRow> Shown, int Total)> OpenDutiesAsync(int limit, CancellationToken ct = default)
    {
        var shown = await duties.OpenAsync(limit, ct);
        return (shown, shown.Count < limit ? shown.Count : await duties.CountAsync(ct));
    }

    /// <summary>
    /// The release board as of <paramref name="now"/>; audited. A hold whose deadline has passed is "release now" at
    /// once, before the deadline monitor's next pass records its expiry (rule 7: the hold ends at its deadline).
    /// </summary>
    public async Task<ReleaseBoard> BoardAsync(Instant now, CancellationToken ct = default)
    {
        var mustRelease = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == ReleaseRequired || (b.Custody == HeldForIce && b.HoldDeadline <= now))
            .OrderBy(b => b.OverDetentionSince ?? b.HoldDeadline ?? b.EligibleAt).ThenBy(b => b.Id)
            .Select(BoardColumns)
            .ToListAsync(ct);
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == HeldForIce && b.HoldDeadline > now)
            .OrderBy(b => b.HoldDeadline).ThenBy(b => b.Id)
            .Select(BoardColumns)
            .ToListAsync(ct);
        await audit.RecordAsync(AuditLog.ListRead, "board", null, Json(new { mustRelease = mustRelease.Count, held = held.Count }), ct: ct);
        return new ReleaseBoard(mustRelease, [.. held.Where(b => b.HoldDeadline <= now + Soon)], [.. held.Where(b => b.HoldDeadline > now + Soon)]);
    }

    /// <summary>
    /// Bookings by booking number, A-number or name prefix ("LAST" or "LAST, FIRST"), and/or date of birth, newest
    /// first. Who searched for what, and which bookings they were shown, is audited.
    /// </summary>
    public async Task<IReadOnlyList<BookingRecord>> SearchAsync(string text, LocalDate? dateOfBirth, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var q = text.Trim();
        var query = db.Bookings.AsNoTracking();
        if (q.Length > 0)
        {
            var digits = new string([.. q.Where(char.IsDigit)]);
            var name = q.ToUpperInvariant();
            var aNumber = q.StartsWith('A') || q.StartsWith('a') ? "A" + digits : null;
            var nameEnd = name + "\uffff";
            // Each alternative is answered from an index (booking number, A-number, name prefix as a range); the
            // predicate is built per case so SQLite can combine the indexes.
            query = aNumber is null
                ? query.Where(b => b.Id == q || b.Id == name
                    || (string.Compare(b.SearchName, name) >= 0 && string.Compare(b.SearchName, nameEnd) < 0))
                : query.Where(b => b.Id == q || b.Id == name || b.ANumber == aNumber
                    || (string.Compare(b.SearchName, name) >= 0 && string.Compare(b.SearchName, nameEnd) < 0));
        }

        if (dateOfBirth is { } d)
        {
            query = query.Where(b => b.DateOfBirth == d);
        }

        var results = await query.OrderByDescending(b => b.BookedAt).Take(SearchLimit).ToListAsync(ct);
        var dob = dateOfBirth is { } day ? NodaTime.Text.LocalDatePattern.Iso.Format(day) : null;
        await audit.RecordAsync(AuditLog.SearchRead, "search", null, Json(new { q, dob, results = results.Select(b => b.Id) }), ct: ct);
        return results;
    }

    /// <summary>
    /// The alert inbox, optionally only one severity and/or one booking. Alerts name bookings and deadlines, not
    /// people: not audited as a case read.
    /// </summary>
    public async Task<AlertInbox> AlertsAsync(int? severity = null, string? bookingId = null, bool complaints = false, CancellationToken ct = default)
    {
        // Complaint alerts only for those who read complaints: an officer is not told that a complaint is late.
        var visible = complaints ? db.Alerts.AsNoTracking() : db.Alerts.AsNoTracking().Where(a => a.Kind != AlertKinds.ComplaintOverdue);
        var open = visible.Where(a => a.AcknowledgedAt == null && a.ClearedAt == null);
        var counts = (await open.GroupBy(a => a.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct))
            .GroupBy(k => AlertLifecycle.Severity(k.Kind)).ToDictionary(g => g.Key, g => g.Sum(k => k.Count));
        var shown = open;
        if (severity is { } level)
        {
            var kinds = AlertLifecycle.KindsOf(level);
            shown = shown.Where(a => kinds.Contains(a.Kind));
        }

        if (!string.IsNullOrWhiteSpace(bookingId))
        {
            var id = bookingId.Trim();
            shown = shown.Where(a => a.BookingId == id);
        }

        return new(
            await shown.OrderByDescending(Severity).ThenBy(a => a.DueAt).ThenBy(a => a.Id).Take(InboxSize).ToListAsync(ct),
            counts,
            await visible.Where(a => a.AcknowledgedAt != null || a.ClearedAt != null)
                .OrderByDescending(a => a.AcknowledgedAt ?? a.ClearedAt).ThenByDescending(a => a.Id).Take(20).ToListAsync(ct));
    }

    /// <summary><see cref="AlertLifecycle.Severity"/> as the database orders by it.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<AlertRecord, int>> Severity = a =>
        a.Kind == AlertKinds.HoldExpired || a.Kind == AlertKinds.IceNoticeOverdue ? AlertLifecycle.Expired
        : a.Kind == AlertKinds.Deadline1h ? AlertLifecycle.Hour1
        : a.Kind == AlertKinds.Deadline4h ? AlertLifecycle.Hours4
        : a.Kind == AlertKinds.Deadline24h ? AlertLifecycle.Hours24
        : AlertLifecycle.Notice;

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
