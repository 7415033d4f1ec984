using Liaison.Data.Administration;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>An administrative warrant (I-200 or I-205) signed in Liaison by an ICE supervisor for one booking.</summary>
public sealed class SignedWarrantRecord
{
    public long Id { get; set; }

    public string BookingId { get; set; } = "";

    /// <summary>I-200 or I-205.</summary>
    public string Form { get; set; } = "";

    public string Number { get; set; } = "";

    /// <summary>The supervisor's officer id: what the engine's step carries as <c>signedBy</c>.</summary>
    public string SignedBy { get; set; } = "";

    /// <summary>The account that signed (with its second factor fresh).</summary>
    public string SignedByUser { get; set; } = "";

    public Instant SignedAt { get; set; }
}

/// <summary>
/// Warrants signed in the app: an ICE supervisor signs with their own account, and designated officers lodge or
/// serve only warrants signed here, so the <c>signedBy</c> of a step is a real signature, not a typed id. The
/// engine's contract is unchanged; whether the signer may sign is still also the engine's rule when the warrant
/// is used.
/// </summary>
public sealed class WarrantSignatures(LiaisonDbContext db, CustodyWorldCache worlds, AuditLog audit, IClock clock)
{
    public const int LongestNumber = 64;

    public async Task<IReadOnlyList<SignedWarrantRecord>> ForBookingAsync(string bookingId, CancellationToken ct = default) =>
        await db.SignedWarrants.AsNoTracking().Where(w => w.BookingId == bookingId).OrderBy(w => w.Id).ToListAsync(ct);

    /// <summary>The warrant as a step carries it, when <paramref name="id"/> was signed for <paramref name="bookingId"/>.</summary>
    public async Task<Warrant?> WarrantAsync(string bookingId, long id, CancellationToken ct = default) =>
        Of(await db.SignedWarrants.AsNoTracking().SingleOrDefaultAsync(w => w.BookingId == bookingId && w.Id == id, ct));

    /// <summary>The warrant of that form and number signed for <paramref name="bookingId"/>, if one was.</summary>
    public async Task<Warrant?> WarrantAsync(string bookingId, WarrantForm form, string number, CancellationToken ct = default)
    {
        var code = Codes.Of(form);
        var trimmed = number?.Trim() ?? "";
        return Of(await db.SignedWarrants.AsNoTracking().SingleOrDefaultAsync(w => w.BookingId == bookingId && w.Form == code && w.Number == trimmed, ct));
    }

    /// <summary>Signs a warrant as ICE supervisor <paramref name="officerId"/> (the caller has checked the second factor is fresh).</summary>
    public async Task<ChangeOutcome> SignAsync(string bookingId, WarrantForm form, string number, string officerId, string userName, CancellationToken ct = default)
    {
        if (!await db.Bookings.AnyAsync(b => b.Id == bookingId, ct))
        {
            return ChangeOutcome.NotFound;
        }

        number = number?.Trim() ?? "";
        var problems = new List<FieldProblem>();
        if (number.Length == 0 || number.Length > LongestNumber || PlainText.Problem(number) is not null)
        {
            problems.Add(new("Form.WarrantNumber", $"Warrant number: required, plain text, at most {LongestNumber} characters."));
        }

        var agency = await worlds.GetAsync(db, ct);
        if (agency.World.Officers.FirstOrDefault(o => o.Id == officerId) is not { Kind: ActorKind.IceSupervisor, Active: true })
        {
            problems.Add(new("Form.WarrantForm", "Warrant: only an active ICE supervisor signs warrants, with their own account."));
        }

        var code = Codes.Of(form);
        if (problems.Count == 0 && await db.SignedWarrants.AnyAsync(w => w.BookingId == bookingId && w.Form == code && w.Number == number, ct))
        {
            problems.Add(new("Form.WarrantNumber", $"Warrant number: {code} {number} is already signed for this booking."));
        }

        if (problems.Count > 0)
        {
            return new(problems);
        }

        var record = new SignedWarrantRecord { BookingId = bookingId, Form = code, Number = number, SignedBy = officerId, SignedByUser = userName, SignedAt = clock.GetCurrentInstant() };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.SignedWarrants.Add(record);
        audit.Add(AuditLog.WarrantSigned, "booking", bookingId, System.Text.Json.JsonSerializer.Serialize(new { form = code, number, signedBy = officerId }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ChangeOutcome.Done;
    }

    private static Warrant? Of(SignedWarrantRecord? record) =>
        record is null ? null : new Warrant(Codes.TryParse<WarrantForm>(record.Form, out var form) ? form : null, record.Number, record.SignedBy);
}
