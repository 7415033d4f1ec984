using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Liaison.Data.Alerts;

/// <summary>
/// Watches every hold's deadline: raises the 24 h, 4 h and 1 h warnings and, at the deadline, lets the
/// engine end the hold (release required, hold-expired alert, over-detention from the deadline itself).
/// Each alert is raised exactly once (unique per booking, kind and deadline), including after a restart,
/// and e-mailed once. One pass is <see cref="RunOnceAsync"/>; the hosted service calls it on a timer.
/// </summary>
public sealed partial class DeadlineMonitor(LiaisonDbContext db, CustodyService custody, IAlertMailer mailer, IClock clock, ILogger<DeadlineMonitor> logger)
{
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var horizon = now + AlertKinds.Warnings[0].Before;
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == "held-for-ice" && b.HoldDeadline != null && b.HoldDeadline <= horizon)
            .Select(b => new { b.Id, Deadline = b.HoldDeadline!.Value })
            .ToListAsync(ct);

        var raised = 0;
        foreach (var hold in held)
        {
            if (hold.Deadline <= now)
            {
                raised += (await custody.CatchUpAsync(hold.Id, ct)).Count;
                LogHoldExpired(logger, hold.Id);
                continue;
            }

            foreach (var (kind, before) in AlertKinds.Warnings)
            {
                if (now >= hold.Deadline - before && await custody.RaiseOnceAsync(hold.Id, kind, hold.Deadline, now, ct))
                {
                    raised++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await MailPendingAsync(now, ct);
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

        string[] mailed = ["hold-expired", AlertKinds.Deadline24h, AlertKinds.Deadline4h, AlertKinds.Deadline1h, "citizenship-review-required"];
        var pending = await db.Alerts.Where(a => a.EmailedAt == null && mailed.Contains(a.Kind)).OrderBy(a => a.Id).Take(200).ToListAsync(ct);
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
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hold deadline reached for booking {BookingId}; release required")]
    private static partial void LogHoldExpired(ILogger logger, string bookingId);
}
