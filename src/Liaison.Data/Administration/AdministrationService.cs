using Liaison.Data.Agency;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Administration;

/// <summary>A problem with one field of a change, named the way the form names it.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>What became of a requested change: done, refused with the problems, or about a record that does not exist.</summary>
public sealed record ChangeOutcome(IReadOnlyList<FieldProblem> Problems, bool Found = true)
{
    public static readonly ChangeOutcome Done = new([]);
    public static readonly ChangeOutcome NotFound = new([], Found: false);

    public bool Succeeded => Found && Problems.Count == 0;

    public static ChangeOutcome Invalid(params FieldProblem[] problems) => new(problems);
}

/// <summary>A Field Office Director's letter (authorization or revocation): its number, date and signer (each required).</summary>
public sealed record DirectorLetter(string Number, LocalDate? Date, string SignedBy);

/// <summary>
/// The agency's records that decide who may act: agreements, officers and their certifications; and acknowledging
/// alerts. The one way they change: each change is checked, written with its audit entry (before and after) in one
/// transaction, and the engine's cached view of the agency is refreshed. Nothing is ever deleted: an agreement
/// ends by date, a certification by a dated revocation letter, an officer is deactivated.
/// </summary>
public sealed class AdministrationService(LiaisonDbContext db, CustodyWorldCache worlds, AuditLog audit, IClock clock)
{
    public async Task<IReadOnlyList<AgreementRecord>> AgreementsAsync(CancellationToken ct = default) =>
        await db.Agreements.AsNoTracking().OrderBy(a => a.Effective).ToListAsync(ct);

    public async Task<IReadOnlyList<OfficerRecord>> OfficersAsync(CancellationToken ct = default) =>
        await db.Officers.AsNoTracking().Include(o => o.Certifications).OrderBy(o => o.Kind).ThenBy(o => o.Name).ToListAsync(ct);

    public async Task<ChangeOutcome> AddAgreementAsync(string id, AgreementModel model, LocalDate effective, LocalDate? ends, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        id = id.Trim();
        var problems = new List<FieldProblem>();
        if (id.Length == 0 || id.Length > 64)
        {
            problems.Add(new("Id", "Agreement id: required (e.g. the MOA number), at most 64 characters."));
        }
        else if (PlainText.Problem(id) is { } text)
        {
            problems.Add(new("Id", $"Agreement id: {text}."));
        }
        else if (await db.Agreements.AnyAsync(a => a.Id == id, ct))
        {
            problems.Add(new("Id", $"Agreement id: \"{id}\" already exists."));
        }

        if (ends < effective)
        {
            problems.Add(new("Ends", "Ends: must not be before the effective date."));
        }

        if (problems.Count > 0)
        {
            return new(problems);
        }

        db.Agreements.Add(new AgreementRecord { Id = id, Model = Codes.Of(model), Effective = effective, Ends = ends });
        audit.Add(AuditLog.AgreementChange, "agreement", id, Json(new
        {
            before = (object?)null,
            after = new { Model = Codes.Of(model), Effective = Day(effective), Ends = Day(ends) },
        }));
        return await SaveAsync(ct);
    }

    /// <summary>Sets the date an agreement ends (it stays, so past acts keep the agreement they were made under).</summary>
    public async Task<ChangeOutcome> EndAgreementAsync(string id, LocalDate ends, CancellationToken ct = default)
    {
        var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (ends < agreement.Effective)
        {
            return ChangeOutcome.Invalid(new FieldProblem("Ends", "End date: must not be before the effective date."));
        }

        audit.Add(AuditLog.AgreementChange, "agreement", id, Json(new { before = new { Ends = Day(agreement.Ends) }, after = new { Ends = Day(ends) } }));
        agreement.Ends = ends;
        return await SaveAsync(ct);
    }

    public async Task<ChangeOutcome> AddOfficerAsync(string id, string name, ActorKind kind, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        id = id.Trim();
        name = name.Trim();
        var problems = new List<FieldProblem>();
        if (Officer.IdProblem(id) is { } idProblem)
        {
            problems.Add(new("OfficerId", $"Officer id: {idProblem}."));
        }
        else if (await db.Officers.AnyAsync(o => o.Id == id, ct))
        {
            problems.Add(new("OfficerId", $"Officer id: \"{id}\" already exists."));
        }

        if (name.Length is 0 or > 200)
        {
            problems.Add(new("Name", "Name: required, at most 200 characters."));
        }
        else if (PlainText.Problem(name) is { } text)
        {
            problems.Add(new("Name", $"Name: {text}."));
        }

        if (!Officer.IsOfficerKind(kind))
        {
            problems.Add(new("Kind", "Kind: choose designated officer, ICE officer or ICE supervisor."));
        }

        if (problems.Count > 0)
        {
            return new(problems);
        }

        db.Officers.Add(new OfficerRecord { Id = id, Name = name, Kind = Codes.Of(kind) });
        audit.Add(AuditLog.OfficerChange, "officer", id, Json(new { before = (object?)null, after = new { Name = name, Kind = Codes.Of(kind) } }));
        return await SaveAsync(ct);
    }

    /// <summary>Deactivates or reactivates an officer. A deactivated officer's past acts stand; the engine refuses new ones.</summary>
    public async Task<ChangeOutcome> SetOfficerActiveAsync(string id, bool active, CancellationToken ct = default)
    {
        var officer = await db.Officers.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (officer is null)
        {
            return ChangeOutcome.NotFound;
        }

        audit.Add(AuditLog.OfficerChange, "officer", id, Json(new { before = new { officer.Active }, after = new { Active = active } }));
        officer.Active = active;
        return await SaveAsync(ct);
    }

    /// <summary>Records a certification with the Field Office Director's authorization letter that designated the officer.</summary>
    public async Task<ChangeOutcome> AddCertificationAsync(string officerId, AgreementModel model, LocalDate completed, LocalDate expires, DirectorLetter letter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var problems = new List<FieldProblem>();
        if (!await db.Officers.AnyAsync(o => o.Id == officerId, ct))
        {
            problems.Add(new("OfficerId", "Officer: choose an officer."));
        }

        if (expires < completed)
        {
            problems.Add(new("Expires", "Expires: must not be before the completion date."));
        }

        problems.AddRange(LetterProblems(letter, "Authorization letter"));
        if (problems.Count > 0)
        {
            return new(problems);
        }

        db.Certifications.Add(new CertificationRecord
        {
            OfficerId = officerId,
            Model = Codes.Of(model),
            Completed = completed,
            Expires = expires,
            LetterNumber = letter.Number.Trim(),
            LetterDate = letter.Date,
            LetterSignedBy = letter.SignedBy.Trim(),
        });
        audit.Add(AuditLog.OfficerChange, "certification", officerId, Json(new
        {
            before = (object?)null,
            after = new { Model = Codes.Of(model), Completed = Day(completed), Expires = Day(expires), Number = letter.Number.Trim(), Date = Day(letter.Date), SignedBy = letter.SignedBy.Trim() },
        }));
        return await SaveAsync(ct);
    }

    /// <summary>Records the revocation letter of a certification: it stays, revoked from the letter's date on. Never changed again.</summary>
    public async Task<ChangeOutcome> RevokeCertificationAsync(int certificationId, DirectorLetter letter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var certification = await db.Certifications.SingleOrDefaultAsync(c => c.Id == certificationId, ct);
        if (certification is null)
        {
            return ChangeOutcome.NotFound;
        }

        var problems = LetterProblems(letter, "Revocation letter").ToList();
        if (certification.Revoked is not null)
        {
            problems.Add(new("CertificationId", $"Certification: already revoked from {Day(certification.Revoked)}; a revocation is never changed."));
        }
        else if (letter.Date is { } date && date < certification.Completed)
        {
            problems.Add(new("LetterDate", "Revocation letter date: must not be before the certification was completed."));
        }

        if (problems.Count > 0)
        {
            return new(problems);
        }

        audit.Add(AuditLog.OfficerChange, "certification", certification.OfficerId, Json(new
        {
            before = new { certification.Id, Revoked = (string?)null },
            after = new { certification.Id, Revoked = Day(letter.Date), Number = letter.Number.Trim(), SignedBy = letter.SignedBy.Trim() },
        }));
        certification.Revoked = letter.Date!.Value;
        certification.RevocationLetterNumber = letter.Number.Trim();
        certification.RevokedBy = letter.SignedBy.Trim();
        return await SaveAsync(ct);
    }

    /// <summary>Acknowledges an alert for <paramref name="userName"/>; acknowledging one already acknowledged changes nothing.</summary>
    public async Task<ChangeOutcome> AcknowledgeAlertAsync(long alertId, string? userName, CancellationToken ct = default)
    {
        var alert = await db.Alerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (alert.AcknowledgedAt is null)
        {
            audit.Add(AuditLog.AlertAcknowledge, "alert", alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), alert.BookingId);
            alert.AcknowledgedAt = clock.GetCurrentInstant();
            alert.AcknowledgedBy = userName;
            await db.SaveChangesAsync(ct);
        }

        return ChangeOutcome.Done;
    }

    private static IEnumerable<FieldProblem> LetterProblems(DirectorLetter letter, string what)
    {
        if (string.IsNullOrWhiteSpace(letter.Number))
        {
            yield return new("LetterNumber", $"{what} number: required.");
        }
        else if (letter.Number.Trim().Length > 64)
        {
            yield return new("LetterNumber", $"{what} number: at most 64 characters.");
        }

        if (letter.Date is null)
        {
            yield return new("LetterDate", $"{what} date: a date (yyyy-mm-dd) is required.");
        }

        if (string.IsNullOrWhiteSpace(letter.SignedBy))
        {
            yield return new("LetterSignedBy", $"{what} signed by: the Field Office Director's name is required.");
        }
        else if (letter.SignedBy.Trim().Length > 200)
        {
            yield return new("LetterSignedBy", $"{what} signed by: at most 200 characters.");
        }
    }

    private async Task<ChangeOutcome> SaveAsync(CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        await worlds.InvalidateAsync(db, ct);
        return ChangeOutcome.Done;
    }

    private static string? Day(LocalDate? date) => date is { } d ? LocalDatePattern.Iso.Format(d) : null;

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);
}
