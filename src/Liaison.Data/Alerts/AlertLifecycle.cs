using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Alerts;

/// <summary>What an alert's cause is, as a booking's row shows it: when any of these moves, open alerts may have lost theirs.</summary>
public sealed record AlertCauses(string Custody, string Citizenship, int OpenDuties, Instant? ConsularDue)
{
    public static AlertCauses Of(BookingRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(row.Custody, row.Citizenship, row.OpenDuties, row.ConsularDue);
    }
}

/// <summary>
/// An alert lives while its cause does: it is cleared (never deleted) when custody ends, when the hold it warns of
/// ends, when the citizenship claim is resolved, or when ICE has been told; and a second alert of a kind already
/// open on a booking is not raised. Severity orders and colours the inbox: an expired hold first, then the 1-hour,
/// 4-hour and 24-hour warnings, then notices.
/// </summary>
public static class AlertLifecycle
{
    private static readonly string Released = Codes.Of(CustodyStatus.Released);
    private static readonly string Transferred = Codes.Of(CustodyStatus.TransferredToIce);
    private static readonly string HeldForIce = Codes.Of(CustodyStatus.HeldForIce);
    private static readonly string UnderReview = Codes.Of(CitizenshipStatus.UnderReview);
    private static readonly string[] WarningKinds = [AlertKinds.Deadline24h, AlertKinds.Deadline4h, AlertKinds.Deadline1h];
    private static readonly string[] DutyAlerts = [AlertKinds.DutyHalfway, AlertKinds.IceNoticeOverdue];
    private static readonly string[] CaseAlerts =
    [
        .. WarningKinds, .. DutyAlerts, AlertKinds.HoldExpired, AlertKinds.NotifyIceOfRelease, AlertKinds.CitizenshipReviewRequired,
        AlertKinds.ConsularOverdue,
        AlertKinds.NoticeOverdue,
    ];

    public const int Expired = 4;
    public const int Hour1 = 3;
    public const int Hours4 = 2;
    public const int Hours24 = 1;
    public const int Notice = 0;

    /// <summary>4 an expired hold or an overdue duty to tell ICE, 3/2/1 the 1-, 4- and 24-hour warnings, 0 a notice.</summary>
    public static int Severity(string kind) => kind switch
    {
        AlertKinds.HoldExpired or AlertKinds.IceNoticeOverdue or AlertKinds.ConsularOverdue or AlertKinds.NoticeOverdue => Expired,
        AlertKinds.Deadline1h => Hour1,
        AlertKinds.Deadline4h => Hours4,
        AlertKinds.Deadline24h => Hours24,
        _ => Notice,
    };

    /// <summary>The kinds of each severity (for a filter that runs in the database).</summary>
    public static IReadOnlyList<string> KindsOf(int severity) =>
        [.. CaseAlerts.Append(AlertKinds.ProjectionMismatch).Where(k => Severity(k) == severity)];

    public static string SeverityName(int severity) => severity switch
    {
        Expired => "Expired or overdue",
        Hour1 => "Within 1 hour",
        Hours4 => "Within 4 hours",
        Hours24 => "Within 24 hours",
        _ => "Notice",
    };

    /// <summary>The open alert kinds <paramref name="row"/>'s state no longer justifies, with why.</summary>
    public static IEnumerable<(string[] Kinds, string Because)> Stale(BookingRecord row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Custody == Released || row.Custody == Transferred)
        {
            yield return (CaseAlerts, "custody ended");
            yield break;
        }

        if (row.Custody != HeldForIce)
        {
            yield return (WarningKinds, "the hold ended");
        }

        if (row.Citizenship != UnderReview)
        {
            yield return ([AlertKinds.CitizenshipReviewRequired], "the citizenship claim was resolved");
        }

        if (row.OpenDuties == 0)
        {
            yield return (DutyAlerts, "ICE was told");
        }
    }

    /// <summary>Clears the open alerts of <paramref name="row"/> whose cause has ended, in the caller's transaction.</summary>
    public static async Task ClearStaleAsync(LiaisonDbContext db, BookingRecord row, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var (kinds, because) in Stale(row))
        {
            await ClearAsync(db, row.Id, kinds, because, now, ct);
        }

        // A consular alert is about the due instant it was raised for: once that duty is met, the row's due moves on.
        var due = row.ConsularDue;
        await db.Alerts.Where(a => a.BookingId == row.Id && a.Kind == AlertKinds.ConsularOverdue && a.AcknowledgedAt == null && a.ClearedAt == null && a.DueAt != due)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClearedAt, now).SetProperty(a => a.ClearedBecause, "the consular duty was met"), ct);
    }

    /// <summary>Clears the open alerts of <paramref name="kinds"/> on <paramref name="bookingId"/>, saying why.</summary>
    public static async Task ClearAsync(LiaisonDbContext db, string bookingId, string[] kinds, string because, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Alerts.Where(a => a.BookingId == bookingId && a.AcknowledgedAt == null && a.ClearedAt == null && kinds.Contains(a.Kind))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClearedAt, now).SetProperty(a => a.ClearedBecause, because), ct);
    }

    /// <summary>
    /// The case alert kinds a record raised that its corrected replay no longer raises: a corrected entry was their cause.
    /// </summary>
    public static string[] Withdrawn(IEnumerable<Alert> before, IEnumerable<Alert> after)
    {
        var still = after.Select(a => Codes.Of(a.Kind)).ToHashSet(StringComparer.Ordinal);
        return [.. before.Select(a => Codes.Of(a.Kind)).Distinct(StringComparer.Ordinal).Where(k => !still.Contains(k) && CaseAlerts.Contains(k))];
    }

    /// <summary>Clears the hold warnings of <paramref name="bookingId"/> less severe than <paramref name="kind"/>, just raised.</summary>
    public static async Task SupersedeAsync(LiaisonDbContext db, string bookingId, string kind, Instant now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lesser = WarningKinds.Where(k => Severity(k) < Severity(kind)).ToArray();
        await db.Alerts.Where(a => a.BookingId == bookingId && a.AcknowledgedAt == null && a.ClearedAt == null && lesser.Contains(a.Kind))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.ClearedAt, now).SetProperty(a => a.ClearedBecause, "a nearer warning replaced it"), ct);
    }

    /// <summary>Whether an alert of this booking and kind is open (neither acknowledged nor cleared): a second is not raised.</summary>
    public static Task<bool> IsOpenAsync(LiaisonDbContext db, string bookingId, string kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Alerts.AnyAsync(a => a.BookingId == bookingId && a.Kind == kind && a.AcknowledgedAt == null && a.ClearedAt == null, ct);
    }
}
