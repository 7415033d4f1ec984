using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Liaison.Data.Alerts;

/// <summary>
/// Watches every hold's deadline: raises the 24 h, 4 h and 1 h warnings and, at the deadline, lets the
/// engine end the hold (release required, hold-expired alert, over-detention from the deadline itself).
/// Watches every duty to tell ICE (rule 14) the same way: a warning half-way, and at the due instant the
/// engine's ice-notice-overdue; every consular duty past its due time; and every complaint clock past due. Each alert is raised exactly once (unique per booking, kind and instant),
/// including after a restart, and e-mailed once. One pass is <see cref="RunOnceAsync"/>; the hosted
/// service calls it on a timer.
/// </summary>
public sealed partial class DeadlineMonitor(LiaisonDbContext db, CustodyService custody, Complaints.ComplaintService complaints, IAlertMailer mailer, IClock clock, LiaisonMetrics metrics, ILogger<DeadlineMonitor> logger)
{
    private static readonly string HeldForIce = Codes.Of(CustodyStatus.HeldForIce);

    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var horizon = now + HoldWarnings.Schedule[0].Before();
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == HeldForIce && b.HoldDeadline != null && b.HoldDeadline <= horizon)
            .OrderBy(b => b.HoldDeadline).ThenBy(b => b.Id)
            .Select(b => new { b.Id, Deadline = b.HoldDeadline!.Value })
            .ToListAsync(ct);

        var raised = 0;
        foreach (var hold in held)
        {
            if (hold.Deadline <= now)
            {
                raised += await Guarded(hold.Id, async () => (await custody.CatchUpAsync(hold.Id, ct)).Count);
                LogHoldExpired(logger, hold.Id);
                continue;
            }

            // Only the nearest warning due is open: raising it clears the earlier ones (a 1-hour warning replaces the 4-hour one).
            if (HoldWarnings.DueBy(hold.Deadline, now).LastOrDefault() is { } warning && Codes.Of(warning) is var kind
                && await custody.RaiseOnceAsync(hold.Id, kind, hold.Deadline, now, ct))
            {
                raised++;
                await AlertLifecycle.SupersedeAsync(db, hold.Id, kind, now, ct);
            }
        }

        raised += await WatchDutiesAsync(now, ct);
        raised += await WatchConsularAsync(now, ct);
        raised += await WatchNoticesAsync(now, ct);
        raised += await WatchComplaintsAsync(now, ct);
        await MailPendingAsync(now, ct);
        await Statistics.StatisticsService.PruneChangesAsync(db, ct: ct); // the statistics' change log keeps its recent part only
        return raised;
    }

    /// <summary>
    /// Duties to tell ICE due within half the longest time allowed: only those bookings (an index range on the
    /// row's next due instant) are rebuilt, because a booking may have several duties and the row names the first.
    /// </summary>
    private async Task<int> WatchDutiesAsync(Instant now, CancellationToken ct)
    {
        var horizon = now + (IceDutyKind.Detainer.TimeAllowed() / 2);
        var ids = await db.Bookings.AsNoTracking()
            .Where(b => b.NextDutyDue != null && b.NextDutyDue <= horizon)
            .OrderBy(b => b.NextDutyDue).Select(b => b.Id)
            .ToListAsync(ct);

        var raised = 0;
        foreach (var id in ids)
        {
            raised += await Guarded(id, () => WatchDutiesOfAsync(id, now, ct));
        }

        return raised;
    }

    /// <summary>
    /// One booking's part of a pass. A booking whose stored events no longer replay is logged and skipped, so it
    /// cannot stop the monitor for everyone else (the projection check raises an alert about it).
    /// </summary>
    private async Task<int> Guarded(string bookingId, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (CaseRecordInconsistentException)
        {
            LogInconsistent(logger, bookingId); // nothing of it was changed: the replay failed before any write
            return 0;
        }
    }

    /// <summary>
    /// Complaints with a clock past due (an index range on the row's nearest unmet due instant): one alert per clock,
    /// each named by the complaint's number; recording what meets a clock clears its alert (ComplaintService).
    /// </summary>
    private async Task<int> WatchComplaintsAsync(Instant now, CancellationToken ct)
    {
        var ids = await db.Complaints.AsNoTracking().Where(c => c.NextDue != null && c.NextDue <= now).OrderBy(c => c.NextDue).Select(c => c.Id).ToListAsync(ct);
        var raised = 0;
        foreach (var id in ids)
        {
            if (await complaints.LoadAsync(id, ct) is not { } loaded)
            {
                continue;
            }

            foreach (var clock in loaded.State.Clocks.Where(c => c.OverdueAt(now)))
            {
                if (await custody.RaiseOnceAsync(loaded.Complaint.Number, AlertKinds.ComplaintOverdue, clock.Due, now, ct))
                {
                    raised++;
                }
            }
        }

        return raised;
    }

    /// <summary>
    /// Consular duties past their due instant while the jail still holds the person: one alert per due instant (met
    /// duties move the row's due on, and their alert is cleared when the entry that met them is recorded).
    /// </summary>
    private async Task<int> WatchConsularAsync(Instant now, CancellationToken ct)
    {
        var late = await db.Bookings.AsNoTracking()
            .Where(b => b.ConsularDue != null && b.ConsularDue <= now && CustodyStates.HeldCodes.Contains(b.Custody))
            .OrderBy(b => b.ConsularDue).ThenBy(b => b.Id)
            .Select(b => new { b.Id, Due = b.ConsularDue!.Value })
            .ToListAsync(ct);
        var raised = 0;
        foreach (var booking in late)
        {
            if (await custody.RaiseOnceAsync(booking.Id, AlertKinds.ConsularOverdue, booking.Due, now, ct))
            {
                raised++;
            }
        }

        return raised;
    }

    /// <summary>
    /// Notices owed to the person under the agency's dual-notification rules, past due while the jail holds them: one
    /// alert per due instant. Only bookings ICE has asked about or interviewed can owe one, so those in custody are
    /// read, their records replayed 200 at a time.
    /// </summary>
    private async Task<int> WatchNoticesAsync(Instant now, CancellationToken ct)
    {
        var rules = await AgencySettingsService.DualNoticesAsync(db, ct);
        if (!rules.EverAny)
        {
            return 0;
        }

        var ids = await db.Bookings.AsNoTracking()
            .Where(b => CustodyStates.HeldCodes.Contains(b.Custody) && (b.DetainerLodgedAt != null || b.NotificationRequestedAt != null || b.InterviewedAt != null))
            .OrderBy(b => b.Id).Select(b => b.Id).ToListAsync(ct);
        var raised = 0;
        foreach (var chunk in ids.Chunk(200))
        {
            var events = (await db.CustodyEvents.AsNoTracking().Where(e => chunk.Contains(e.BookingId)).ToListAsync(ct)).ToLookup(e => e.BookingId);
            foreach (var id in chunk)
            {
                foreach (var late in StoredHistory.Notices([.. events[id]], rules).Where(t => t.OverdueAt(now)))
                {
                    if (await custody.RaiseOnceAsync(id, AlertKinds.NoticeOverdue, late.Due, now, ct))
                    {
                        raised++;
                    }
                }
            }
        }

        return raised;
    }

    private async Task<int> WatchDutiesOfAsync(string id, Instant now, CancellationToken ct)
    {
        var loaded = await custody.LoadAsync(id, ct);
        if (loaded is null)
        {
            return 0;
        }

        var raised = 0;
        if (loaded.TimeAlerts.Any(a => a.At > loaded.Booking.StateAsOf))
        {
            // A duty (or a hold) fell due since the row was projected: the engine raises it and the row catches up.
            // (Replays always re-raise what fell due after the last event; only a stale row needs catching up.)
            raised += (await custody.CatchUpAsync(loaded, ct)).Count;
            LogDutyOverdue(logger, id);
        }

        foreach (var duty in loaded.State.Duties.Where(d => !d.Overdue && now >= d.Due - (d.About.TimeAllowed() / 2)))
        {
            if (await custody.RaiseOnceAsync(id, AlertKinds.DutyHalfway, duty.Due, now, ct))
            {
                raised++;
            }
        }

        return raised;
    }

    /// <summary>E-mails every deadline alert not yet e-mailed, to the agency's alert address.</summary>
    private async Task MailPendingAsync(Instant now, CancellationToken ct)
    {
        var settings = await db.AgencySettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new AgencySettings();
        if (string.IsNullOrWhiteSpace(settings.AlertEmail) || !mailer.IsConfigured)
        {
            return;
        }

        string[] mailed = [AlertKinds.HoldExpired, .. AlertKinds.Warnings, AlertKinds.CitizenshipReviewRequired,
            AlertKinds.DutyHalfway, AlertKinds.IceNoticeOverdue, AlertKinds.ConsularOverdue, AlertKinds.NoticeOverdue, AlertKinds.ProjectionMismatch];
        var pending = await db.Alerts.Where(a => a.EmailedAt == null && a.ClearedAt == null && mailed.Contains(a.Kind)).OrderBy(a => a.Id).Take(200).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZoneId) ?? DateTimeZone.Utc;
        foreach (var alert in pending)
        {
            await mailer.SendAsync(settings.AlertEmail, AlertMail.For(alert, zone, settings.Name), ct);
            alert.EmailedAt = now;
            await db.SaveChangesAsync(ct); // one at a time: a crash never re-sends what went out
            metrics.AlertSent(alert.Kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Booking {BookingId}: stored events no longer replay; skipped by the deadline monitor (see verify projections)")]
    private static partial void LogInconsistent(ILogger logger, string bookingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Time passed a due instant for booking {BookingId}; alerts raised")]
    private static partial void LogDutyOverdue(ILogger logger, string bookingId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold deadline reached for booking {BookingId}; release required")]
    private static partial void LogHoldExpired(ILogger logger, string bookingId);
}
