namespace Liaison.Domain.Bookings;

/// <summary>What the jail management system knows of a person at booking.</summary>
public sealed record BookingDetails(
    string Id,
    string? PersonId,
    string? BirthCountry,
    string? CitizenshipCountry,
    IReadOnlyList<Charge> Charges);

/// <summary>
/// One charge on a booking. <paramref name="Code"/> is the NCIC offence code; level and status are kept
/// as the jail wrote them (e.g. "felony", "pending") for statistics to classify.
/// </summary>
public sealed record Charge(string Code, string? Description, string? Level, string? Status);

public enum BiometricResult
{
    Match,
    NoMatch,
}

/// <summary>The status DHS records show for a biometric match.</summary>
public enum RecordStatus
{
    FinalOrder,
    InProceedings,
    NoLawfulStatus,
    LawfulStatus,
    UsCitizen,
}
