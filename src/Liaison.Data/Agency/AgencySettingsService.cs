using System.Text.Json;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Notices;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Agency;

/// <summary>A running hold, and the deadline it would have had had a proposed change applied when it started.</summary>
public sealed record AffectedHold(string BookingId, string LastName, string FirstName, Instant Deadline, Instant? UnderProposal);

/// <summary>
/// Changes to the agency's settings. Those that decide deadlines (zone, hold policy, holidays) are appended
/// as a new version taking effect now: holds already running keep their deadlines, closed cases keep their
/// figures, and only what happens after the change is judged by it.
/// </summary>
public sealed class AgencySettingsService(LiaisonDbContext db, IClock clock, CustodyWorldCache worlds, Audit.AuditLog audit)
{
    private static readonly string Held = Codes.Of(CustodyStatus.HeldForIce);

    /// <summary>Saves name, zone, policy and alert address (already validated by the caller's form).</summary>
    public Task<AgencySettings> SettingsAsync(CancellationToken ct = default) => db.AgencySettings.AsNoTracking().SingleAsync(ct);

    /// <summary>
    /// The person's notices the agency gives (dual notification), as it has set them over time (read into the custody
    /// world, and by the deadline monitor): the recorded versions, or, before the first change, the current setting as
    /// in effect all along.
    /// </summary>
    public static async Task<DualNoticeHistory> DualNoticesAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var versions = await db.DualNoticeVersions.AsNoTracking().OrderBy(v => v.EffectiveAt).Select(v => new { v.EffectiveAt, v.Rules }).ToListAsync(ct);
        return versions.Count == 0
            ? new DualNoticeHistory(DualNotification.Rules(await db.AgencySettings.AsNoTracking().Select(s => s.DualNotices).SingleOrDefaultAsync(ct)))
            : new DualNoticeHistory(DualNotification.Rules(versions[0].Rules), versions.Skip(1).Select(v => (v.EffectiveAt, DualNotification.Rules(v.Rules))));
    }

    public async Task<IReadOnlyList<Holiday>> HolidaysAsync(CancellationToken ct = default) =>
        await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(ct);

    /// <summary>The settings that decide deadlines, as they are now.</summary>
    public Task<Jurisdiction> CurrentJurisdictionAsync(CancellationToken ct = default) => CustodyWorld.CurrentSettingsAsync(db, ct);

    public async Task SaveSettingsAsync(string name, string timeZoneId, HoldPolicy policy, string alertEmail, int disclosureThreshold, string? dualNotices, string? changedBy,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(disclosureThreshold, Domain.Statistics.DisclosureControl.MinimumK);
        var before = await CustodyWorld.CurrentSettingsAsync(db, ct);
        var row = await db.AgencySettings.SingleAsync(ct);
        var was = new { row.Name, row.TimeZoneId, row.HoldPolicy, row.AlertEmail, row.DisclosureThreshold, row.DualNotices };
        var notices = dualNotices is null ? row.DualNotices : DualNotification.CodesOf(DualNotification.Rules(dualNotices));
        audit.Add(Audit.AuditLog.SettingsChange, "settings", null, JsonSerializer.Serialize(new
        {
            before = was,
            after = new { Name = name, TimeZoneId = timeZoneId, HoldPolicy = Codes.Of(policy), AlertEmail = alertEmail, DisclosureThreshold = disclosureThreshold, DualNotices = notices },
        }));
        row.Name = name;
        row.TimeZoneId = timeZoneId;
        row.HoldPolicy = Codes.Of(policy);
        row.AlertEmail = alertEmail;
        row.DisclosureThreshold = disclosureThreshold;
        if (notices != row.DualNotices)
        {
            await AddNoticeVersionAsync(row.DualNotices, notices, changedBy, ct);
            row.DualNotices = notices;
        }

        await SaveWithVersionAsync(before, changedBy, ct);
    }

    /// <summary>
    /// A new version of the notice rules, effective now; before the first change the old rules are recorded as in
    /// effect from the beginning, so what happened before keeps being judged by them. Two changes at one instant are one.
    /// </summary>
    private async Task AddNoticeVersionAsync(string before, string after, string? changedBy, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var latest = await db.DualNoticeVersions.OrderByDescending(v => v.EffectiveAt).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            db.DualNoticeVersions.Add(new DualNoticeVersionRecord { EffectiveAt = Instant.MinValue, Rules = before });
        }

        if (latest is not null && latest.EffectiveAt == now)
        {
            (latest.Rules, latest.ChangedBy) = (after, changedBy);
        }
        else
        {
            db.DualNoticeVersions.Add(new DualNoticeVersionRecord { EffectiveAt = now, Rules = after, ChangedBy = changedBy });
        }
    }

    /// <summary>Adds a holiday; false when that date already is one.</summary>
    public async Task<bool> AddHolidayAsync(LocalDate date, string name, string? changedBy, CancellationToken ct = default)
    {
        if (await db.Holidays.AnyAsync(h => h.Date == date, ct))
        {
            return false;
        }

        var before = await CustodyWorld.CurrentSettingsAsync(db, ct);
        db.Holidays.Add(new Holiday { Date = date, Name = name });
        audit.Add(Audit.AuditLog.SettingsChange, "holiday", LocalDatePattern.Iso.Format(date), JsonSerializer.Serialize(new { before = (object?)null, after = new { name } }));
        await SaveWithVersionAsync(before, changedBy, ct);
        return true;
    }

    /// <summary>Removes a holiday; false when that date is not one.</summary>
    public async Task<bool> RemoveHolidayAsync(LocalDate date, string? changedBy, CancellationToken ct = default)
    {
        if (await db.Holidays.SingleOrDefaultAsync(h => h.Date == date, ct) is not { } holiday)
        {
            return false;
        }

        var before = await CustodyWorld.CurrentSettingsAsync(db, ct);
        db.Holidays.Remove(holiday);
        audit.Add(Audit.AuditLog.SettingsChange, "holiday", LocalDatePattern.Iso.Format(date), JsonSerializer.Serialize(new { before = new { holiday.Name }, after = (object?)null }));
        await SaveWithVersionAsync(before, changedBy, ct);
        return true;
    }

    /// <summary>
    /// The holds running now whose deadline would differ had <paramref name="proposed"/> been in effect when they
    /// started. They keep their deadlines; this tells an administrator what the change does not touch.
    /// </summary>
    public async Task<IReadOnlyList<AffectedHold>> RunningHoldsAffectedByAsync(Jurisdiction proposed, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var running = await db.Bookings.AsNoTracking()
            .Where(b => b.Custody == Held && b.HoldDeadline != null && b.EligibleAt != null)
            .OrderBy(b => b.HoldDeadline)
            .Select(b => new { b.Id, b.LastName, b.FirstName, Deadline = b.HoldDeadline!.Value, Eligible = b.EligibleAt!.Value })
            .ToListAsync(ct);
        return [.. running
            .Select(h => new AffectedHold(h.Id, h.LastName, h.FirstName, h.Deadline, proposed.HoldWindowFrom(h.Eligible)?.End))
            .Where(h => h.UnderProposal != h.Deadline)];
    }

    public Task<int> RunningHoldCountAsync(CancellationToken ct = default) => db.Bookings.CountAsync(b => b.Custody == Held, ct);

    /// <summary>
    /// Saves the pending change, and when it changed what decides deadlines, a new version of those settings
    /// effective now. Before the first change the settings had no versions: the old ones are recorded first, as
    /// in effect from the beginning, so the past keeps being judged by them.
    /// </summary>
    private async Task SaveWithVersionAsync(Jurisdiction before, string? changedBy, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var after = await CustodyWorld.CurrentSettingsAsync(db, ct);
        if (Same(before, after))
        {
            await worlds.InvalidateAsync(db, ct);
            return;
        }

        var now = clock.GetCurrentInstant();
        var latest = await db.JurisdictionVersions.OrderByDescending(v => v.EffectiveAt).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            db.JurisdictionVersions.Add(CustodyWorld.VersionOf(before, Instant.MinValue, null));
        }

        var version = CustodyWorld.VersionOf(after, now, changedBy);
        if (latest is not null && latest.EffectiveAt == now)
        {
            // Two changes at one instant are one change: nothing happened between them.
            (latest.TimeZoneId, latest.HoldPolicy, latest.Holidays, latest.ChangedBy) = (version.TimeZoneId, version.HoldPolicy, version.Holidays, changedBy);
        }
        else
        {
            db.JurisdictionVersions.Add(version);
        }

        await db.SaveChangesAsync(ct);
        await worlds.InvalidateAsync(db, ct);
    }

    private static bool Same(Jurisdiction a, Jurisdiction b) =>
        a.TimeZone.Id == b.TimeZone.Id && a.HoldPolicy == b.HoldPolicy && a.Holidays.SetEquals(b.Holidays);
}
