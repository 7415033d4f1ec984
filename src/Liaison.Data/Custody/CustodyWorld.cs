using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>The agency as the engine sees it: jurisdiction, agreements and officers with their certifications.</summary>
public sealed record CustodyWorld(Jurisdiction Jurisdiction, IReadOnlyList<Agreement> Agreements, IReadOnlyList<Officer> Officers)
{
    public CustodyEngine CreateEngine() => new(Jurisdiction, Agreements, Officers);

    public DateTimeZone Zone => Jurisdiction.TimeZone;

    public static async Task<CustodyWorld> LoadAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.AgencySettings.AsNoTracking().SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The agency is not set up: run ./liaison demo or seed agency settings.");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(settings.TimeZoneId)
            ?? throw new InvalidOperationException($"Unknown time zone {settings.TimeZoneId} in agency settings.");
        var policy = Parse<HoldPolicy>(settings.HoldPolicy);
        var holidays = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        var agreements = (await db.Agreements.AsNoTracking().ToListAsync(ct))
            .Select(a => new Agreement(a.Id, Parse<AgreementModel>(a.Model), a.Effective, a.Ends))
            .ToList();
        var officers = (await db.Officers.AsNoTracking().Include(o => o.Certifications).ToListAsync(ct))
            .Select(o => new Officer(o.Id, Parse<ActorKind>(o.Kind),
                [.. o.Certifications.Select(c => new Certification(Parse<AgreementModel>(c.Model), c.Completed, c.Expires, c.Revoked))]))
            .ToList();
        return new CustodyWorld(new Jurisdiction(zone, policy, holidays), agreements, officers);
    }

    private static T Parse<T>(string code)
        where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored code \"{code}\" is not a {typeof(T).Name}.");
}
