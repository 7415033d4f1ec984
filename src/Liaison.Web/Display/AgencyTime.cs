using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using NodaTime;

namespace Liaison.Web.Display;

/// <summary>The facility's zone and the current instant, for a page to show times the way the jail reads them.</summary>
public sealed class AgencyTime(LiaisonDbContext db, IClock clock, CustodyWorldCache worlds)
{
    public Instant Now { get; } = clock.GetCurrentInstant();

    public async Task<DateTimeZone> ZoneAsync() => (await worlds.WorldAsync(db)).Zone;
}
