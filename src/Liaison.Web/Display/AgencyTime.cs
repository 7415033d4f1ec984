using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Display;

/// <summary>The facility's zone and the current instant, for a page to show times the way the jail reads them.</summary>
public sealed class AgencyTime(LiaisonDbContext db, IClock clock)
{
    private DateTimeZone? _zone;

    public Instant Now { get; } = clock.GetCurrentInstant();

    public async Task<DateTimeZone> ZoneAsync()
    {
        if (_zone is null)
        {
            var id = await db.AgencySettings.AsNoTracking().Select(s => s.TimeZoneId).FirstOrDefaultAsync();
            _zone = (id is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id)) ?? DateTimeZone.Utc;
        }

        return _zone;
    }
}
