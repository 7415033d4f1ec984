using Liaison.Data.Agency;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Notices;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Custody;

/// <summary>
/// The agency as the engine sees it: the settings that decide deadlines over time (each version from its
/// instant), agreements, and officers with their certifications; and, beside the engine, the notice rules over time
/// (what a booking owes the person, projected with each step).
/// </summary>
public sealed record CustodyWorld(JurisdictionHistory Jurisdictions, IReadOnlyList<Agreement> Agreements, IReadOnlyList<Officer> Officers)
{
    public DualNoticeHistory Notices { get; init; } = new(new HashSet<DualNoticeRule>());

    public CustodyEngine CreateEngine() => new(Jurisdictions, Agreements, Officers);

    /// <summary>The settings in effect now.</summary>
    public Jurisdiction Jurisdiction => Jurisdictions.Current;

    public DateTimeZone Zone => Jurisdiction.TimeZone;

    public static async Task<CustodyWorld> LoadAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var agreements = (await db.Agreements.AsNoTracking().ToListAsync(ct))
            .Select(a => new Agreement(a.Id, Parse<AgreementModel>(a.Model), a.Effective, a.Ends))
            .ToList();
        var officers = (await db.Officers.AsNoTracking().Include(o => o.Certifications).ToListAsync(ct))
            .Select(o => new Officer(o.Id, Parse<ActorKind>(o.Kind),
                [.. o.Certifications.Select(c => new Certification(Parse<AgreementModel>(c.Model), c.Completed, c.Expires, c.Revoked))], o.Active))
            .ToList();
        return new CustodyWorld(await JurisdictionsAsync(db, ct), agreements, officers) { Notices = await AgencySettingsService.DualNoticesAsync(db, ct) };
    }

    /// <summary>
    /// The recorded versions of the settings; before the first change there are none, and the current settings
    /// (agency settings and holidays) have applied all along.
    /// </summary>
    public static async Task<JurisdictionHistory> JurisdictionsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var versions = await db.JurisdictionVersions.AsNoTracking().OrderBy(v => v.EffectiveAt).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return new JurisdictionHistory(await CurrentSettingsAsync(db, ct));
        }

        return new JurisdictionHistory(
            JurisdictionOf(versions[0]),
            [.. versions.Skip(1).Select(v => (v.EffectiveAt, JurisdictionOf(v)))]);
    }

    /// <summary>The settings as the agency settings row and the holidays table hold them now.</summary>
    public static async Task<Jurisdiction> CurrentSettingsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var settings = await db.AgencySettings.AsNoTracking().SingleOrDefaultAsync(ct)
            ?? throw new InvalidOperationException("The agency is not set up: run ./liaison demo or seed agency settings.");
        var holidays = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        return Build(settings.TimeZoneId, settings.HoldPolicy, holidays);
    }

    /// <summary>A version record of <paramref name="jurisdiction"/>, taking effect at <paramref name="from"/>.</summary>
    public static JurisdictionVersionRecord VersionOf(Jurisdiction jurisdiction, Instant from, string? changedBy)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        return new JurisdictionVersionRecord
        {
            EffectiveAt = from,
            TimeZoneId = jurisdiction.TimeZone.Id,
            HoldPolicy = Codes.Of(jurisdiction.HoldPolicy),
            Holidays = string.Join(',', jurisdiction.Holidays.Order().Select(LocalDatePattern.Iso.Format)),
            ChangedBy = changedBy,
        };
    }

    private static Jurisdiction JurisdictionOf(JurisdictionVersionRecord v) =>
        Build(v.TimeZoneId, v.HoldPolicy, v.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => LocalDatePattern.Iso.Parse(d).GetValueOrThrow()));

    private static Jurisdiction Build(string zoneId, string policy, IEnumerable<LocalDate> holidays)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new InvalidOperationException($"Unknown time zone {zoneId} in agency settings.");
        return new Jurisdiction(zone, Parse<HoldPolicy>(policy), holidays);
    }

    private static T Parse<T>(string code)
        where T : struct, Enum =>
        Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"Stored code \"{code}\" is not a {typeof(T).Name}.");
}
