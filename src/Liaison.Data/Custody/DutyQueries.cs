using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>A booking with an open duty to tell ICE, as lists show it: the earliest duty, and how many are open.</summary>
public sealed record OpenDutyRow(string BookingId, string LastName, string FirstName, Instant Due, string About, int OpenDuties);

/// <summary>
/// The duties to tell ICE that are open now, earliest due first, read from the booking rows' projection (the
/// partial index on the next due instant holds only bookings with one), never by replaying cases.
/// </summary>
public sealed class DutyQueries(LiaisonDbContext db)
{
    public async Task<IReadOnlyList<OpenDutyRow>> OpenAsync(int limit, CancellationToken ct = default) =>
        await db.Bookings.AsNoTracking()
            .Where(b => b.NextDutyDue != null)
            .OrderBy(b => b.NextDutyDue).ThenBy(b => b.Id)
            .Take(limit)
            .Select(b => new OpenDutyRow(b.Id, b.LastName, b.FirstName, b.NextDutyDue!.Value, b.NextDutyAbout ?? "", b.OpenDuties))
            .ToListAsync(ct);

    public Task<int> CountAsync(CancellationToken ct = default) => db.Bookings.CountAsync(b => b.NextDutyDue != null, ct);
}
