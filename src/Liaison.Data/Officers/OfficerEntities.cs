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
}
