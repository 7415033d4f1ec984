using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain.Bookings;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Statistics;

/// <summary>The agency's secret for research pseudonyms: made once, kept in the database, never exported.</summary>
public sealed class ResearchSaltRecord
{
    public int Id { get; set; } = 1;

    /// <summary>32 random bytes, hex.</summary>
    public string Salt { get; set; } = "";
}

/// <summary>One column of the research export, as its data dictionary describes it.</summary>
public sealed record ResearchColumn(string Name, string Description, string PersonalData);

/// <summary>
/// The research export, in the layout of ICE's released detainer data as far as the agency's record holds it: one row
/// per booking with a detainer or warrant, people and bookings replaced by salted pseudonyms that stay the same across
/// exports (HMAC-SHA256 under the agency's salt), no names, no dates of birth, no booking numbers. For auditors and
/// program managers; every export is audited.
/// </summary>
public sealed class ResearchExport(LiaisonDbContext db, AuditLog audit, CustodyWorldCache worlds)
{
    public const string ExportAction = "research.export";

    public static readonly IReadOnlyList<ResearchColumn> Columns =
    [
        new("person_pseudonym", "The person (the jail's person id), pseudonymised: the same person has the same value in every export of this agency.", "pseudonymous"),
        new("booking_pseudonym", "The booking, pseudonymised the same way.", "pseudonymous"),
        new("agreement_model", "JEM or WSO: the 287(g) model the case was worked under.", "no"),
        new("detainer_prepare_date", "Local date the detainer was lodged (empty when only a warrant was served).", "no"),
        new("warrant_served_date", "Local date an administrative warrant (I-200, I-205) was served.", "no"),
        new("detainer_prepared_criminality", "ICE's criminality group at the booking: convicted, pending-charges or no-criminal-history.", "no"),
        new("gender", "M, F, X or U as the jail recorded it.", "yes (quasi-identifier)"),
        new("citizenship_country", "ISO 3166-1 alpha-2, as the jail recorded it.", "yes (quasi-identifier)"),
        new("birth_country", "ISO 3166-1 alpha-2, as the jail recorded it.", "yes (quasi-identifier)"),
        new("birth_year", "Year of birth only (never the date).", "yes (quasi-identifier)"),
        new("msc_charge", "Offence category of the most serious charge (docs/statistics.md).", "no"),
        new("msc_charge_code", "NCIC code of the most serious charge.", "no"),
        new("msc_level", "felony, misdemeanor or infraction.", "no"),
        new("felon", "Y when any felony charge is recorded as convicted.", "no"),
        new("biometric_match", "Y when DHS reported a biometric match.", "no"),
        new("detainer_lift_reason", "Why the detainer was lifted (a code), empty when it was not.", "no"),
        new("detainer_lift_date", "Local date of the lift.", "no"),
        new("hold_expired", "Y when the hold reached its deadline with nobody taking custody.", "no"),
        new("transferred_to_ice", "Y when custody was transferred to ICE.", "no"),
        new("transfer_date", "Local date of the transfer.", "no"),
        new("over_detention_minutes", "Minutes kept after a hold had to end.", "no"),
        new("citizenship_claim", "Y when the person claimed US citizenship; the finding follows.", "no"),
        new("citizenship_finding", "us-citizen or not-us-citizen; empty while open or without a claim.", "no"),
    ];

    /// <summary>The export and its data dictionary, as CSV; audited.</summary>
    public async Task<(string Data, string Dictionary, int Rows)> ExportAsync(string actor, CancellationToken ct = default)
    {
        var key = Convert.FromHexString(await SaltAsync(ct));
        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        var rows = db.Bookings.AsNoTracking()
            .Where(b => b.DetainerLodgedAt != null || b.WarrantServedAt != null)
            .OrderBy(b => b.BookedAt).ThenBy(b => b.Id)
            .Select(b => new
            {
                b.Id,
                b.PersonId,
                b.Model,
                b.DetainerLodgedAt,
                b.WarrantServedAt,
                b.Sex,
                b.CitizenshipCountry,
                b.BirthCountry,
                b.DateOfBirth,
                b.DhsMatchAt,
                b.LiftReason,
                b.LiftedAt,
                b.HoldExpiredAt,
                b.TransferredAt,
                b.OverDetentionSeconds,
                b.CitizenshipClaimedAt,
                b.CitizenshipFinding,
                Charges = b.Charges.Select(c => new Charge(c.Code, null, c.Level, c.Status)).ToList(),
            })
            .AsAsyncEnumerable();
        var sb = new StringBuilder(string.Join(',', Columns.Select(c => c.Name))).Append('\n');
        var count = 0;
        string Day(Instant? at) => at is { } a ? a.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
        static string Yes(bool y) => y ? "Y" : "N";
        await foreach (var b in rows.WithCancellation(ct))
        {
            var msc = Measures.MostSerious(b.Charges, OffenceCategories.Standard);
            string[] fields =
            [
                Pseudonym(key, "person", b.PersonId), Pseudonym(key, "booking", b.Id), b.Model ?? "", Day(b.DetainerLodgedAt), Day(b.WarrantServedAt),
                Measures.CriminalityOf(b.Charges), Safe(b.Sex), Safe(b.CitizenshipCountry), Safe(b.BirthCountry),
                b.DateOfBirth?.Year.ToString(CultureInfo.InvariantCulture) ?? "",
                msc is null ? OffenceCategories.NoCharge : OffenceCategories.Standard.CategoryOf(msc.Code), Safe(msc?.Code), Safe(msc?.Level),
                Yes(b.Charges.Any(c => c.Level == "felony" && c.Status == "convicted")), Yes(b.DhsMatchAt is not null), Safe(b.LiftReason), Day(b.LiftedAt),
                Yes(b.HoldExpiredAt is not null), Yes(b.TransferredAt is not null), Day(b.TransferredAt),
                (b.OverDetentionSeconds / 60).ToString(CultureInfo.InvariantCulture), Yes(b.CitizenshipClaimedAt is not null), Safe(b.CitizenshipFinding),
            ];
            sb.AppendJoin(',', fields).Append('\n');
            count++;
        }

        await audit.RecordAsync(ExportAction, "statistics", null, $"{count} rows", actor, ct);
        return (sb.ToString(), Dictionary(), count);
    }

    /// <summary>The data dictionary: every column, what it holds, and whether it is personal data.</summary>
    public static string Dictionary()
    {
        var dictionary = new StringBuilder("column,description,personal_data\n");
        foreach (var c in Columns)
        {
            dictionary.Append(c.Name).Append(",\"").Append(c.Description.Replace("\"", "\"\"", StringComparison.Ordinal)).Append("\",").Append(c.PersonalData).Append('\n');
        }

        return dictionary.ToString();
    }

    /// <summary>The agency's salt, made on first use (two first uses at once keep whichever was stored first).</summary>
    private async Task<string> SaltAsync(CancellationToken ct)
    {
        if (await db.ResearchSalts.AsNoTracking().SingleOrDefaultAsync(ct) is { } stored)
        {
            return stored.Salt;
        }

        try
        {
            db.ResearchSalts.Add(new ResearchSaltRecord { Salt = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) });
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance stored one first: use that.
        }

        db.ChangeTracker.Clear();
        return (await db.ResearchSalts.AsNoTracking().SingleAsync(ct)).Salt;
    }

    private static string Pseudonym(byte[] key, string kind, string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + ":" + value)))[..20];

    /// <summary>Codes only ever hold letters, digits and hyphens; anything else would break the CSV and is dropped.</summary>
    private static string Safe(string? code) => code is null ? "" : new string([.. code.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')]);
}
