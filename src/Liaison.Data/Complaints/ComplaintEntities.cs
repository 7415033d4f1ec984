using NodaTime;

namespace Liaison.Data.Complaints;

/// <summary>
/// A complaint as the public filed it (anonymous when every contact field is empty), and the projection of its record
/// the lists and the deadline monitor read. The tracking code is kept only as its hash (decision 0019).
/// </summary>
public sealed class ComplaintRecord
{
    public const int MaxNarrative = 8000, MaxPlace = 200, MaxName = 200, MaxEmail = 254, MaxPhone = 40;

    public long Id { get; set; }

    /// <summary>SHA-256 of the tracking code, hex (<see cref="Domain.Complaints.TrackingCode.Hash"/>).</summary>
    public string CodeHash { get; set; } = "";

    public Instant ReceivedAt { get; set; }

    /// <summary>The facility's zone when it was received: its clocks are counted there.</summary>
    public string ZoneId { get; set; } = "";

    /// <summary>The language the form was filled in (a tag of the public pages).</summary>
    public string Language { get; set; } = "en";

    public string Narrative { get; set; } = "";

    public LocalDate? IncidentDate { get; set; }

    public string? IncidentPlace { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The workflow stage's code (received, assigned, investigating, finding, closed).</summary>
    public string Stage { get; set; } = "received";

    public string? Investigator { get; set; }

    /// <summary>The nearest clock not yet met (what the deadline monitor watches), or null.</summary>
    public Instant? NextDue { get; set; }

    public int EventCount { get; set; }

    /// <summary>Optimistic concurrency: two staff members recording on one complaint at once cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>The number staff and letters use: C-000042.</summary>
    public string Number => NumberOf(Id);

    public static string NumberOf(long id) => $"C-{id:000000}";

    /// <summary>The id a complaint's number names (C-000042 → 42), or null when it is not one.</summary>
    public static long? IdOf(string number) =>
        number.StartsWith("C-", StringComparison.Ordinal) && long.TryParse(number.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
}

/// <summary>One entry of a complaint's record (<see cref="Domain.Complaints.ComplaintEntry"/>), appended in order, never changed.</summary>
public sealed class ComplaintEventRecord
{
    public long Id { get; set; }

    public long ComplaintId { get; set; }

    public int Sequence { get; set; }

    public Instant At { get; set; }

    public string Actor { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Json { get; set; } = "";
}


/// <summary>
/// A file sent with a complaint (<see cref="Domain.Complaints.Attachment"/>): kept in the database, never in the web
/// root, served only to staff who read complaints, as a download.
/// </summary>
public sealed class ComplaintAttachmentRecord
{
    public long Id { get; set; }

    public long ComplaintId { get; set; }

    /// <summary>The sender's file name, cleaned (<see cref="Domain.Complaints.Attachment.SafeName"/>).</summary>
    public string FileName { get; set; } = "";

    /// <summary>The type its content is, by its first bytes.</summary>
    public string ContentType { get; set; } = "";

    public int Size { get; set; }

    /// <summary>SHA-256 of the content, hex: what was received can be shown unchanged.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];
}
