using Liaison.Data.Custody;
using NodaTime;

namespace Liaison.Web.Display;

/// <summary>The facility's zone and the current instant, for a page to show times the way the jail reads them.</summary>
public sealed class AgencyTime(CaseQueries cases, IClock clock)
{
    public Instant Now { get; } = clock.GetCurrentInstant();

    public Task<DateTimeZone> ZoneAsync() => cases.ZoneAsync();

    /// <summary>The zone's name for the page footer; null before the agency is set up.</summary>
    public async Task<string?> ZoneNameAsync()
    {
        try
        {
            return (await cases.ZoneAsync()).Id;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
