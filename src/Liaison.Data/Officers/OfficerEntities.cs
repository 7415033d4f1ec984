using NodaTime;

namespace Liaison.Data.Officers;

/// <summary>Someone who may act on bookings as an officer. Never deleted, only deactivated, so past acts stay attributable.</summary>
public sealed class OfficerRecord
{
    /// <summary>The actor id used in custody events (e.g. a badge or employee number).</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>designated-officer, ice-officer or ice-supervisor.</summary>
    public string Kind { get; set; } = "";

    public bool Active { get; set; } = true;

    public List<CertificationRecord> Certifications { get; set; } = [];
}

public sealed class CertificationRecord
{
    public int Id { get; set; }

    public string OfficerId { get; set; } = "";

    public string Model { get; set; } = "";

    public LocalDate Completed { get; set; }

    public LocalDate Expires { get; set; }

    // ---- The designation: the Field Office Director's authorization letter (2025 template) ----

    /// <summary>Number of the authorization letter that designated the officer for this model.</summary>
    public string? LetterNumber { get; set; }

    public LocalDate? LetterDate { get; set; }

    /// <summary>The Field Office Director who signed the authorization letter.</summary>
    public string? LetterSignedBy { get; set; }

    // ---- Revocation: recorded as a dated letter, never by deleting the certification ----

    /// <summary>Date of the revocation letter: the certification counts up to the day before.</summary>
    public LocalDate? Revoked { get; set; }

    public string? RevocationLetterNumber { get; set; }

    public string? RevokedBy { get; set; }
}
