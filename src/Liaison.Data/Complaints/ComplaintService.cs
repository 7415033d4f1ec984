using System.Text.Json.Nodes;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Complaints;

/// <summary>What a member of the public files: the narrative, and optionally when and where, how to reach them, and files.</summary>
public sealed record ComplaintFiling(string Language, string Narrative, LocalDate? IncidentDate, string? IncidentPlace, string? ContactName, string? ContactEmail,
    string? ContactPhone, IReadOnlyList<ComplaintUpload>? Attachments = null);

/// <summary>A file as it was sent: the sender's name for it and its bytes (its type is read from them).</summary>
public sealed record ComplaintUpload(string FileName, byte[] Content);

/// <summary>
/// What is wrong with a filing: <see cref="Key"/> names it for the public page's texts (<c>complaint.problem.{Key}</c>,
/// with <c>{max}</c> and <c>{name}</c>), <see cref="English"/> says it in English, naming the field.
/// </summary>
public sealed record ComplaintProblem(string Key, string English, int Max = 0, string Name = "")
{
    public override string ToString() => English;
}

/// <summary>What the status page shows for a tracking code: where the complaint stands, never its content or case data.</summary>
public sealed record ComplaintStatus(string Number, ComplaintStage Stage, Instant ReceivedAt, Instant StageSince, ComplaintFinding? Finding, DateTimeZone Zone);

/// <summary>A complaint with its record, state and files (without their content), for staff.</summary>
public sealed record ComplaintCase(ComplaintRecord Complaint, IReadOnlyList<ComplaintEventRecord> Events, ComplaintState State, IReadOnlyList<ComplaintAttachmentInfo> Attachments);

/// <summary>A file sent with a complaint, as the staff page lists it.</summary>
public sealed record ComplaintAttachmentInfo(long Id, string FileName, string ContentType, int Size, string Sha256);

public enum ComplaintResultKind
{
    Recorded,
    Refused,
    Conflict,
    Unknown,
}

public sealed record ComplaintResult(ComplaintResultKind Kind, string? Reason);

/// <summary>
/// The one way complaints are filed and their record written (decision 0019): filed by the public with a tracking
/// code it alone holds; each staff entry checked against the workflow, appended, projected and audited in one save.
/// </summary>
public sealed class ComplaintService(LiaisonDbContext db, IClock clock, AuditLog audit)
{
    public const string FiledAction = "complaint.filed", RecordedAction = "complaint.recorded", AttachmentReadAction = "complaint.file-downloaded";

    /// <summary>What is wrong with a filing, each naming its field; empty when it can be filed.</summary>
    public IReadOnlyList<ComplaintProblem> Problems(ComplaintFiling filing, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(filing);
        ArgumentNullException.ThrowIfNull(zone);
        var problems = new List<ComplaintProblem>();
        if (!DocumentLanguage.Tags.Contains(filing.Language))
        {
            problems.Add(new("language", $"Language: \"{filing.Language}\" is not one of {string.Join(", ", DocumentLanguage.Tags)}."));
        }

        if (string.IsNullOrWhiteSpace(filing.Narrative))
        {
            problems.Add(new("narrative", "What happened: describe what happened."));
        }
        else if (filing.Narrative.Length > ComplaintRecord.MaxNarrative)
        {
            problems.Add(new("narrativeLength", $"What happened: at most {ComplaintRecord.MaxNarrative} characters.", ComplaintRecord.MaxNarrative));
        }

        if (filing.IncidentDate is { } date && date > clock.GetCurrentInstant().InZone(zone).Date)
        {
            problems.Add(new("date", "Date: the day it happened cannot be after today."));
        }

        Limit(problems, "place", "Place", filing.IncidentPlace, ComplaintRecord.MaxPlace);
        Limit(problems, "name", "Name", filing.ContactName, ComplaintRecord.MaxName);
        Limit(problems, "email", "E-mail", filing.ContactEmail, ComplaintRecord.MaxEmail);
        Limit(problems, "phone", "Telephone", filing.ContactPhone, ComplaintRecord.MaxPhone);
        if (filing.ContactEmail is { Length: > 0 } email && (email.Count(c => c == '@') != 1 || email.StartsWith('@') || email.EndsWith('@') || email.Any(char.IsWhiteSpace)))
        {
            problems.Add(new("email", "E-mail: write it as name@example.org, or leave it empty."));
        }

        if (filing.ContactPhone is { Length: > 0 } phone && !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            problems.Add(new("phone", "Telephone: digits, spaces and + - ( ) only, or leave it empty."));
        }

        var files = filing.Attachments ?? [];
        if (files.Count > Attachment.MaxCount)
        {
            problems.Add(new("attachmentCount", $"Files: at most {Attachment.MaxCount}.", Attachment.MaxCount));
        }

        foreach (var file in files)
        {
            var name = Attachment.SafeName(file.FileName);
            if (file.Content.Length > Attachment.MaxBytes)
            {
                problems.Add(new("attachmentSize", $"Files: \"{name}\" is larger than {Attachment.MaxBytes / (1024 * 1024)} MB.", Attachment.MaxBytes / (1024 * 1024), name));
            }
            else if (file.Content.Length == 0 || Attachment.TypeOf(file.Content) is null)
            {
                problems.Add(new("attachmentType", $"Files: \"{name}\" is not a PDF, PNG or JPEG file.", 0, name));
            }
        }

        return problems;
    }

    private static void Limit(List<ComplaintProblem> problems, string key, string field, string? value, int max)
    {
        if (value is { } v && v.Length > max)
        {
            problems.Add(new(key + "Length", $"{field}: at most {max} characters.", max));
        }
    }

    /// <summary>Files a complaint; returns its number and the tracking code (given only to the filer, stored only hashed), or the problems.</summary>
    public async Task<(ComplaintRecord? Complaint, string? Code, IReadOnlyList<ComplaintProblem> Problems)> FileAsync(ComplaintFiling filing, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filing);
        var zoneId = await db.AgencySettings.AsNoTracking().Select(s => s.TimeZoneId).SingleAsync(ct);
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var problems = Problems(filing, zone);
        if (problems.Count > 0)
        {
            return (null, null, problems);
        }

        var now = clock.GetCurrentInstant();
        var code = TrackingCode.New();
        var complaint = new ComplaintRecord
        {
            CodeHash = TrackingCode.Hash(code),
            ReceivedAt = now,
            ZoneId = zoneId,
            Language = filing.Language,
            Narrative = filing.Narrative.Trim(),
            IncidentDate = filing.IncidentDate,
            IncidentPlace = Blank(filing.IncidentPlace),
            ContactName = Blank(filing.ContactName),
            ContactEmail = Blank(filing.ContactEmail),
            ContactPhone = Blank(filing.ContactPhone),
        };
        Project(complaint, new ComplaintState(now, zone));
        // The complaint and its audit entry are stored together or not at all; the entry needs the complaint's number.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync(ct);
        foreach (var file in filing.Attachments ?? [])
        {
            db.ComplaintAttachments.Add(new ComplaintAttachmentRecord
            {
                ComplaintId = complaint.Id,
                FileName = Attachment.SafeName(file.FileName),
                ContentType = Attachment.TypeOf(file.Content)!,
                Size = file.Content.Length,
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file.Content)),
                Content = file.Content,
            });
        }

        // Who filed it is not logged: the audit entry says only that one was filed, in which language.
        audit.Add(FiledAction, "complaint", complaint.Number, new JsonObject { ["language"] = filing.Language, ["anonymous"] = complaint.ContactName is null && complaint.ContactEmail is null && complaint.ContactPhone is null, ["attachments"] = filing.Attachments?.Count ?? 0 }.ToJsonString(), actor: "public");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (complaint, code, []);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The status for a tracking code as typed, or null when no complaint has it.</summary>
    public async Task<ComplaintStatus?> StatusAsync(string? typedCode, CancellationToken ct = default)
    {
        if (TrackingCode.Normalize(typedCode) is not { } code)
        {
            return null;
        }

        var hash = TrackingCode.Hash(code);
        if (await LoadWhereAsync(c => c.CodeHash == hash, ct) is not { } loaded)
        {
            return null;
        }

        var state = loaded.State;
        return new ComplaintStatus(loaded.Complaint.Number, state.Stage, state.ReceivedAt, state.StageSince, state.Stage == ComplaintStage.Closed ? state.Finding : null, state.Zone);
    }

    public Task<ComplaintCase?> LoadAsync(long id, CancellationToken ct = default) => LoadWhereAsync(c => c.Id == id, ct);

    private async Task<ComplaintCase?> LoadWhereAsync(System.Linq.Expressions.Expression<Func<ComplaintRecord, bool>> which, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(which, ct);
        if (complaint is null)
        {
            return null;
        }

        var events = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == complaint.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
        var files = await db.ComplaintAttachments.AsNoTracking().Where(a => a.ComplaintId == complaint.Id).OrderBy(a => a.Id)
            .Select(a => new ComplaintAttachmentInfo(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256)).ToListAsync(ct);
        return new ComplaintCase(complaint, events, StateOf(complaint.ReceivedAt, complaint.ZoneId, events), files);
    }

    /// <summary>Every complaint's state, replayed from its record (what the measures of complaints count).</summary>
    public async Task<IReadOnlyList<ComplaintState>> StatesAsync(CancellationToken ct = default)
    {
        var complaints = await db.Complaints.AsNoTracking().Select(c => new { c.Id, c.ReceivedAt, c.ZoneId }).ToListAsync(ct);
        var events = (await db.ComplaintEvents.AsNoTracking().OrderBy(e => e.ComplaintId).ThenBy(e => e.Sequence).ToListAsync(ct)).ToLookup(e => e.ComplaintId);
        return [.. complaints.Select(c => StateOf(c.ReceivedAt, c.ZoneId, events[c.Id]))];
    }

    /// <summary>A complaint's state: its record replayed, in the zone it was received in.</summary>
    private static ComplaintState StateOf(Instant receivedAt, string zoneId, IEnumerable<ComplaintEventRecord> events) =>
        ComplaintState.Of(receivedAt, DateTimeZoneProviders.Tzdb[zoneId], events.Select(Read));

    /// <summary>A file of a complaint with its content, for a staff member to download (audited: evidence handed out), or null.</summary>
    public async Task<ComplaintAttachmentRecord?> AttachmentAsync(long complaintId, long attachmentId, string actor, CancellationToken ct = default)
    {
        var file = await db.ComplaintAttachments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == attachmentId && a.ComplaintId == complaintId, ct);
        if (file is not null)
        {
            audit.Add(AttachmentReadAction, "complaint", ComplaintRecord.NumberOf(complaintId), new JsonObject { ["file"] = file.Id, ["sha256"] = file.Sha256 }.ToJsonString(), actor: actor);
            await db.SaveChangesAsync(ct);
        }

        return file;
    }

    /// <summary>Complaints not closed first, by their nearest due time; then the closed ones, newest first.</summary>
    public async Task<IReadOnlyList<ComplaintRecord>> ListAsync(CancellationToken ct = default)
    {
        var closed = Codes.Of(ComplaintStage.Closed);
        var open = await db.Complaints.AsNoTracking().Where(c => c.Stage != closed).OrderBy(c => c.NextDue == null).ThenBy(c => c.NextDue).ThenBy(c => c.Id).ToListAsync(ct);
        var done = await db.Complaints.AsNoTracking().Where(c => c.Stage == closed).OrderByDescending(c => c.ReceivedAt).ToListAsync(ct);
        return [.. open, .. done];
    }

    /// <summary>Appends a staff entry to a complaint's record, if the workflow allows it, audited, with the complaint's new projection.</summary>
    public async Task<ComplaintResult> RecordAsync(long id, Func<Instant, ComplaintEntry> makeEntry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeEntry);
        if (await LoadAsync(id, ct) is not { } loaded)
        {
            return new ComplaintResult(ComplaintResultKind.Unknown, $"There is no complaint {ComplaintRecord.NumberOf(id)}.");
        }

        var entry = makeEntry(clock.GetCurrentInstant());
        if ((loaded.State.Problem(entry) ?? await LinkProblemAsync(entry, ct)) is { } problem)
        {
            return new ComplaintResult(ComplaintResultKind.Refused, problem);
        }

        var (kind, json) = Write(entry);
        // The row as read with the record: saved only if nobody changed it since (its version is the concurrency token).
        var row = await db.Complaints.SingleAsync(c => c.Id == id, ct);
        db.Entry(row).Property(r => r.Version).OriginalValue = loaded.Complaint.Version;
        row.EventCount = loaded.Events.Count + 1;
        row.Version = loaded.Complaint.Version + 1;
        db.ComplaintEvents.Add(new ComplaintEventRecord { ComplaintId = id, Sequence = row.EventCount, At = entry.At, Actor = entry.Actor, Kind = kind, Json = json });
        var state = loaded.State.With(entry);
        Project(row, state);
        audit.Add(RecordedAction, "complaint", row.Number, json, actor: entry.Actor);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new ComplaintResult(ComplaintResultKind.Conflict, "Someone else recorded on this complaint at the same moment: read it again and repeat if still needed.");
        }

        // A clock this entry met (or that no longer applies, the complaint scoped out of ICE's) no longer needs its alert.
        var unmet = state.Stage == ComplaintStage.Closed ? [] : state.Clocks.Where(c => c.MetAt is null).Select(c => c.Due).ToList();
        await db.Alerts.Where(a => a.BookingId == row.Number && a.Kind == AlertKinds.ComplaintOverdue && a.AcknowledgedAt == null && a.ClearedAt == null && !unmet.Contains(a.DueAt))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.ClearedAt, entry.At).SetProperty(a => a.ClearedBecause, "the complaint's clock was met"), ct);
        await transaction.CommitAsync(ct);

        return new ComplaintResult(ComplaintResultKind.Recorded, null);
    }

    /// <summary>A booking or officer a complaint is linked to must be one on record.</summary>
    private async Task<string?> LinkProblemAsync(ComplaintEntry entry, CancellationToken ct)
    {
        if (entry is not ComplaintScoped scoped)
        {
            return null;
        }

        if (scoped.BookingId is { } booking && !await db.Bookings.AnyAsync(b => b.Id == booking, ct))
        {
            return $"Booking: there is no booking {booking}.";
        }

        return scoped.OfficerId is { } officer && !await db.Officers.AnyAsync(o => o.Id == officer, ct) ? $"Officer: there is no officer {officer}." : null;
    }

    private static void Project(ComplaintRecord row, ComplaintState state)
    {
        row.Stage = Codes.Of(state.Stage);
        row.Investigator = state.Investigator;
        row.NextDue = state.Stage == ComplaintStage.Closed ? null : state.Clocks.Where(c => c.MetAt is null).Select(c => (Instant?)c.Due).FirstOrDefault();
    }

    private static (string Kind, string Json) Write(ComplaintEntry entry) => entry switch
    {
        ComplaintAssigned a => ("assigned", new JsonObject { ["investigator"] = a.Investigator }.ToJsonString()),
        InvestigationStarted => ("investigation-started", "{}"),
        ComplaintScoped s => ("scoped", new JsonObject { ["immigrationRole"] = s.ImmigrationRole, ["bookingId"] = s.BookingId, ["officerId"] = s.OfficerId }.ToJsonString()),
        FindingRecorded f => ("finding", new JsonObject { ["finding"] = Codes.Of(f.Finding), ["summary"] = f.Summary }.ToJsonString()),
        ComplaintClosed => ("closed", "{}"),
        ComplaintReferred r => ("referred", new JsonObject { ["to"] = Codes.Of(r.To), ["reference"] = r.Reference, ["results"] = r.Results }.ToJsonString()),
        _ => throw new ArgumentException($"Unknown complaint entry {entry.GetType().Name}.", nameof(entry)),
    };

    /// <summary>Reads a stored entry back; a malformed one is an inconsistent record.</summary>
    public static ComplaintEntry Read(ComplaintEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var node = JsonNode.Parse(e.Json)?.AsObject() ?? throw new InvalidOperationException($"Complaint entry #{e.Sequence} is empty.");
        return e.Kind switch
        {
            "assigned" => new ComplaintAssigned(e.At, e.Actor, node["investigator"]!.GetValue<string>()),
            "investigation-started" => new InvestigationStarted(e.At, e.Actor),
            "scoped" => new ComplaintScoped(e.At, e.Actor, node["immigrationRole"]!.GetValue<bool>(), node["bookingId"]?.GetValue<string>(), node["officerId"]?.GetValue<string>()),
            "finding" => new FindingRecorded(e.At, e.Actor, Parse<ComplaintFinding>(node["finding"]!.GetValue<string>()), node["summary"]!.GetValue<string>()),
            "closed" => new ComplaintClosed(e.At, e.Actor),
            "referred" => new ComplaintReferred(e.At, e.Actor, Parse<ReferralBody>(node["to"]!.GetValue<string>()), node["reference"]?.GetValue<string>(), node["results"]!.GetValue<bool>()),
            _ => throw new InvalidOperationException($"Complaint entry #{e.Sequence} has an unknown kind \"{e.Kind}\"."),
        };
    }

    private static T Parse<T>(string code)
        where T : struct, Enum => Codes.TryParse<T>(code, out var value) ? value : throw new InvalidOperationException($"\"{code}\" is not a {typeof(T).Name} code.");
}
