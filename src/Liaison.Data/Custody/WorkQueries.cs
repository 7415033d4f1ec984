using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>A citizenship claim an ICE supervisor must resolve, with the time ICE must be told by (rule 14) when still open.</summary>
public sealed record ClaimToResolve(string BookingId, string LastName, string FirstName, Instant ClaimedAt, Instant? TellIceBy);

/// <summary>A booking where an officer tried to lodge or serve and was refused for want of a signed warrant; none has been signed since.</summary>
public sealed record WarrantToSign(string BookingId, string LastName, string FirstName, Instant AskedAt, string AskedBy);

/// <summary>A designated officer's certification that ends within the warning period.</summary>
public sealed record ExpiringCertification(string OfficerId, string Name, string Model, LocalDate Expires, int DaysLeft);

/// <summary>The program's state at a glance, for the program manager and the auditor: counts only, no names of people held.</summary>
public sealed record Oversight(int HeldForIce, int OverDetained, int ClaimsPending, int AwaitingScreening, int OpenDuties, IReadOnlyList<ExpiringCertification> Expiring);

/// <summary>
/// Each role's own work, read through the one seam: the ICE supervisor's inbox (claims to resolve, warrants to sign,
/// oldest first), the oversight summary, and certifications about to end. Lists naming people are audited.
/// </summary>
public sealed class WorkQueries(LiaisonDbContext db, CustodyWorldCache worlds, IClock clock, AuditLog audit)
{
    /// <summary>How far ahead a certification's end is warned of (the officers page uses the same).</summary>
    public static readonly Period CertificationWarning = Period.FromDays(60);

    public const int InboxSize = 100;

    private static readonly string UnderReview = Codes.Of(CitizenshipStatus.UnderReview);
    private static readonly string HeldForIceCode = Codes.Of(CustodyStatus.HeldForIce);
    private static readonly string ReleaseRequired = Codes.Of(CustodyStatus.ReleaseRequired);
    private static readonly string ClaimDuty = Codes.Of(IceDutyKind.CitizenshipClaim);
    private static readonly string[] Ended = [Codes.Of(CustodyStatus.Released), Codes.Of(CustodyStatus.TransferredToIce)];
    private static readonly string[] WantOfWarrant = [Codes.Of(RefusalCode.MissingWarrant), Codes.Of(RefusalCode.WarrantNotSignedBySupervisor)];

    /// <summary>The ICE supervisor's inbox: open claims and bookings waiting for a warrant, oldest first; audited.</summary>
    public async Task<(IReadOnlyList<ClaimToResolve> Claims, IReadOnlyList<WarrantToSign> Warrants)> SupervisorInboxAsync(CancellationToken ct = default)
    {
        var claims = await db.Bookings.AsNoTracking().Where(b => b.Citizenship == UnderReview)
            .OrderBy(b => b.CitizenshipClaimedAt).ThenBy(b => b.Id).Take(InboxSize)
            .Select(b => new ClaimToResolve(b.Id, b.LastName, b.FirstName, b.CitizenshipClaimedAt ?? b.StateAsOf, b.NextDutyAbout == ClaimDuty ? b.NextDutyDue : null))
            .ToListAsync(ct);
        var asked = await (
                from e in db.CustodyEvents.AsNoTracking()
                join b in db.Bookings.AsNoTracking() on e.BookingId equals b.Id
                where !e.Accepted && WantOfWarrant.Contains(e.RefusalCode!) && !Ended.Contains(b.Custody)
                    && !db.SignedWarrants.Any(w => w.BookingId == e.BookingId && w.SignedAt >= e.At)
                select new { b.Id, b.LastName, b.FirstName, e.At, e.Actor })
            .ToListAsync(ct);
        var warrants = asked.GroupBy(a => a.Id).Select(g => g.MinBy(a => a.At)!)
            .OrderBy(a => a.At).ThenBy(a => a.Id).Take(InboxSize)
            .Select(a => new WarrantToSign(a.Id, a.LastName, a.FirstName, a.At, a.Actor)).ToList();
        await audit.RecordAsync(AuditLog.ListRead, "supervisor-inbox", null,
            System.Text.Json.JsonSerializer.Serialize(new { claims = claims.Select(c => c.BookingId), warrants = warrants.Select(w => w.BookingId) }), ct: ct);
        return (claims, warrants);
    }

    /// <summary>Counts of holds, over-detention, pending claims, the queue and open duties, and certifications ending soon.</summary>
    public async Task<Oversight> OversightAsync(CancellationToken ct = default)
    {
        return new Oversight(
            await db.Bookings.CountAsync(b => b.Custody == HeldForIceCode, ct),
            await db.Bookings.CountAsync(b => b.Custody == ReleaseRequired && b.OverDetentionSince != null, ct),
            await db.Bookings.CountAsync(b => b.Citizenship == UnderReview, ct),
            await db.Bookings.CountAsync(b => b.AwaitingScreening, ct),
            await db.Bookings.CountAsync(b => b.OpenDuties > 0 && b.NextDutyDue != null, ct),
            await ExpiringAsync(null, ct));
    }

    /// <summary>Designated officers' certifications ending within <see cref="CertificationWarning"/> (or one officer's), soonest first.</summary>
    public async Task<IReadOnlyList<ExpiringCertification>> ExpiringAsync(string? officerId, CancellationToken ct = default)
    {
        var snapshot = await worlds.GetAsync(db, ct);
        var today = clock.GetCurrentInstant().InZone(snapshot.World.Zone).Date;
        return [.. snapshot.World.Officers
            .Where(o => o.Active && o.Kind == ActorKind.DesignatedOfficer && (officerId is null || o.Id == officerId))
            .SelectMany(o => o.Certifications.Where(c => c.StatusOn(today, CertificationWarning) == CertificationStatus.ExpiresSoon)
                .Select(c => new ExpiringCertification(o.Id, snapshot.Officers.TryGetValue(o.Id, out var n) ? n.Name : o.Id, Codes.Of(c.Model), c.Expires, Period.Between(today, c.Expires, PeriodUnits.Days).Days)))
            .OrderBy(e => e.Expires).ThenBy(e => e.OfficerId)];
    }
}
