using Liaison.Data.Persistence;
using NodaTime;

namespace Liaison.Data.Audit;

/// <summary>Who is behind the current request or command, for the audit log: an account (or system actor) and an address.</summary>
public interface IAuditActor
{
    /// <summary>The signed-in account's user name; "system" (or a system actor) when no person is behind it.</summary>
    string Actor { get; }

    string? Address { get; }
}

/// <summary>Commands and background work: no person, no address.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    public string Actor => "system";

    public string? Address => null;
}

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts an entry in the caller's unit of work, so it is saved in the same
/// transaction as the write it records; <see cref="RecordAsync"/> records one that stands alone (reads, sign-ins)
/// through the process's <see cref="AuditWriter"/>. Entries
/// carry ids and what was asked, never more personal data than the record already holds.
/// </summary>
public sealed class AuditLog(LiaisonDbContext db, IClock clock, IAuditActor who, AuditWriter writer)
{
    public const string CustodyStep = "custody.step";
    public const string CustodyRefused = "custody.refused";

    /// <summary>A correction appended to a booking's record; its proposal, approval and rejection when a second person must approve.</summary>
    public const string CustodyCorrected = "custody.corrected", CorrectionProposed = "correction.proposed", CorrectionApproved = "correction.approved", CorrectionRejected = "correction.rejected";
    public const string ScreeningRecorded = "screening.recorded", ScreeningAssigned = "screening.assigned";

    /// <summary>The consular record: the person advised of the right (and their answer), the consulate told.</summary>
    public const string ConsularAdvised = "consular.advised", ConsulateNotified = "consular.notified";

    /// <summary>A notice given to the person under the agency's dual-notification rules (a copy of an ICE request, a release notice).</summary>
    public const string NoticeGiven = "notice.given";
    public const string CaseRead = "case.read";

    /// <summary>A document printed for a booking (details: which document, which language).</summary>
    public const string DocumentGenerated = "document.generated";
    public const string SearchRead = "search.read";

    /// <summary>A list of people read: the screening queue or the release board.</summary>
    public const string ListRead = "list.read";
    public const string SettingsChange = "settings.change";
    public const string OfficerChange = "officer.change";
    public const string AlertAcknowledge = "alert.acknowledge";
    public const string AgreementChange = "agreement.change";
    public const string AccountChange = "account.change";

    /// <summary>An ICE supervisor signed an administrative warrant in Liaison.</summary>
    public const string WarrantSigned = "warrant.signed";

    /// <summary>The two-person rule for agency settings, holidays and agreements.</summary>
    public const string ChangeProposed = "change.proposed", ChangeApproved = "change.approved", ChangeRejected = "change.rejected";
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string Throttled = "account.sign-in-throttled";

    /// <summary>The database was created by <c>./liaison demo</c>: synthetic people, and demo-only tools allowed.</summary>
    public const string DemoCreated = "demo.created";

    /// <summary>
    /// Adds an entry to be saved with the caller's next SaveChanges. <paramref name="actor"/> overrides who (e.g. the
    /// jail system); <paramref name="at"/> dates an entry of recorded history (a past step), otherwise it is now.
    /// </summary>
    public void Add(string action, string recordType, string? recordId, string? details = null, string? actor = null, Instant? at = null) =>
        db.AuditEntries.Add(Entry(action, recordType, recordId, details, actor, at));

    /// <summary>An entry for a writer that stores it itself, in its own transaction (the custody write path).</summary>
    public AuditEntryRecord Entry(string action, string recordType, string? recordId, string? details, string? actor, Instant? at) => new()
    {
        At = at ?? clock.GetCurrentInstant(),
        Actor = actor ?? who.Actor,
        Address = who.Address,
        Action = action,
        RecordType = recordType,
        RecordId = recordId,
        Details = details,
    };

    /// <summary>
    /// Records an entry that stands alone (a read, a sign-in) and returns once it is committed. Never inside a
    /// transaction: a write records its entry with <see cref="Add"/>, in its own transaction.
    /// </summary>
    public Task RecordAsync(string action, string recordType, string? recordId, string? details = null, string? actor = null, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A write records its audit entry with Add, in its own transaction, not with RecordAsync.");
        }

        return writer.WriteAsync(Entry(action, recordType, recordId, details, actor, null), ct);
    }
}
