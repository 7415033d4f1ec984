using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Documents.Kinds;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Documents;

public enum DocumentOutcome
{
    Printed,
    NoSuchBooking,
    UnknownLanguage,
    NotApplicable,
}

/// <summary>
/// What generating a document gave: the PDF, the language it is in (and whether that is the booking's own language or
/// English because Liaison has no text in it), or why there is none.
/// </summary>
public sealed record DocumentResult(DocumentOutcome Outcome, PrintedDocument? Document = null, DocumentLanguage? Language = null, string? Message = null)
{
    /// <summary>The booking's language has no texts yet, so the document is in English.</summary>
    public bool FellBackToEnglish { get; init; }
}

/// <summary>
/// Prints a booking's documents from its record: the person as booked, charges, ICE requests on file, the hold's end
/// as the engine computed it, and the timeline with who recorded each entry. Every generation is audited
/// (<c>document.generated</c>: which document, which language); the web page and <c>./liaison document</c> both come here.
/// </summary>
public sealed class DocumentService(LiaisonDbContext db, CustodyService custody, CustodyWorldCache worlds, AuditLog audit, IClock clock)
{
    public async Task<DocumentResult> GenerateAsync(DocumentKind kind, string bookingId, string? language, string? actor = null, CancellationToken ct = default)
    {
        DocumentLanguage? chosen = null;
        if (!string.IsNullOrWhiteSpace(language) && (chosen = DocumentLanguage.Match(language)) is null)
        {
            return new DocumentResult(DocumentOutcome.UnknownLanguage,
                Message: $"Language \"{language}\" has no documents: use one of {string.Join(", ", DocumentLanguage.Tags)}.");
        }

        var loaded = await custody.LoadAsync(bookingId, ct);
        if (loaded is null)
        {
            return new DocumentResult(DocumentOutcome.NoSuchBooking, Message: $"No booking {bookingId}.");
        }

        var fellBack = chosen is null && DocumentLanguage.Match(loaded.Booking.Language) is null;
        chosen ??= DocumentLanguage.Match(loaded.Booking.Language) ?? DocumentLanguage.English;
        var content = await CaseAsync(loaded, ct);
        if (PrintedDocuments.NotApplicable(kind, content) is { } why)
        {
            return new DocumentResult(DocumentOutcome.NotApplicable, Message: why);
        }

        var printed = PrintedDocuments.Write(kind, content, chosen, clock.GetCurrentInstant());
        await audit.RecordAsync(AuditLog.DocumentGenerated, "booking", bookingId, $"{Codes.Of(kind)} {chosen.Tag}", actor, ct);
        return new DocumentResult(DocumentOutcome.Printed, printed, chosen) { FellBackToEnglish = fellBack };
    }

    private async Task<DocumentCase> CaseAsync(BookingCase loaded, CancellationToken ct)
    {
        var agency = await worlds.GetAsync(db, ct);
        var name = await db.AgencySettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(ct) ?? "";
        string Who(string actor) => agency.Officers.TryGetValue(actor, out var o) ? o.Name : actor;
        var b = loaded.Booking;
        var timeline = loaded.Events.Where(e => e.Action != Codes.Of(CustodyAction.Tick)).OrderBy(e => e.Sequence)
            .Select(e => new TimelineEntry(e.At, e.Action, Who(e.Actor), e.Accepted ? null : e.RefusalCode)).ToList();
        return new DocumentCase(name.Length > 0 ? name : "Sheriff's Office", loaded.World.Jurisdiction, b.Id, b.LastName, b.FirstName, b.DateOfBirth, b.ANumber,
            b.CitizenshipCountry, b.BirthCountry, b.BookedAt, Codes.Of(loaded.State.Custody), loaded.State.HoldDeadline,
            [.. b.Charges.Select(c => new Charge(c.Code, c.Description, c.Level, c.Status))], IceRequests(loaded), timeline);
    }

    /// <summary>
    /// ICE's requests about the person as the record stands (corrections applied): detainers, notification requests and
    /// served warrants, each with its form number. Liaison records only requests the agency acts on, so each is one the
    /// jail will comply with; an agency setting to decline some is part of dual notification, not yet built.
    /// </summary>
    public static IReadOnlyList<IceRequest> IceRequests(BookingCase loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return IceRequests(StoredHistory.Effective(loaded.Events).Select(e => e.Step));
    }

    /// <summary>The same, from the steps already replayed.</summary>
    public static IReadOnlyList<IceRequest> IceRequests(IEnumerable<CustodyStep> effective)
    {
        var requests = new List<IceRequest>();
        foreach (var step in effective)
        {
            switch (step)
            {
                case LodgeDetainer lodge:
                    requests.Add(new IceRequest(lodge.Form.IsNotificationOnly() ? IceRequestKind.Notification : IceRequestKind.Detainer, Codes.Of(lodge.Form), lodge.At, true));
                    break;
                case RequestNotification notification:
                    requests.Add(new IceRequest(IceRequestKind.Notification, notification.Form is { } f ? Codes.Of(f) : "I-247N", notification.At, true));
                    break;
                case ServeWarrant { Warrant: { } warrant } serve:
                    requests.Add(new IceRequest(IceRequestKind.Warrant, warrant.Form is { } wf ? Codes.Of(wf) : "I-200", serve.At, true));
                    break;
            }
        }

        return requests;
    }
}
