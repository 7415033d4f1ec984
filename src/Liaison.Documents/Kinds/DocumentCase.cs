using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Jurisdictions;
using NodaTime;

namespace Liaison.Documents.Kinds;

/// <summary>The documents Liaison prints about a booking.</summary>
public enum DocumentKind
{
    /// <summary>Given to the person when a detainer or warrant is served.</summary>
    DetainerNotice,

    /// <summary>The rights and consular-notification advisal.</summary>
    RightsAdvisal,

    /// <summary>For ICE and auditors: identity, charges, the timeline with every decision and who made it.</summary>
    CaseSummary,

    /// <summary>The person's copy of every ICE request about them, and whether the jail will comply.</summary>
    DualNotice,

    /// <summary>The consent form given before an ICE interview (California's TRUTH Act): voluntary, may decline or ask for an attorney.</summary>
    InterviewConsent,
}

/// <summary>What ICE asked of the jail about the person: a detainer, a warrant, or to be told of release.</summary>
public enum IceRequestKind
{
    Detainer,
    Warrant,
    Notification,
}

/// <summary>One ICE request on file: its form number (Liaison records federal forms, it does not reproduce them).</summary>
public sealed record IceRequest(IceRequestKind Kind, string Form, Instant ReceivedAt, bool WillComply);

/// <summary>One timeline entry: the action's code, who recorded it, and the engine's refusal code if it was refused.</summary>
public sealed record TimelineEntry(Instant At, string Action, string By, string? Refusal);

/// <summary>Everything a document about one booking prints, read from the record by the data layer.</summary>
public sealed record DocumentCase(
    string Agency,
    Jurisdiction Jurisdiction,
    string BookingId,
    string LastName,
    string FirstName,
    LocalDate? DateOfBirth,
    string? ANumber,
    string? CitizenshipCountry,
    string? BirthCountry,
    Instant BookedAt,
    string Custody,
    Instant? HoldEnds,
    IReadOnlyList<Charge> Charges,
    IReadOnlyList<IceRequest> Requests,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public DateTimeZone Zone => Jurisdiction.TimeZone;

    /// <summary>Citizenship as booked names another country (the consular advisal applies).</summary>
    public bool ForeignNational => CitizenshipCountry is { Length: > 0 } c && !string.Equals(c, "US", StringComparison.OrdinalIgnoreCase);

    public static string CodeOf(DocumentKind kind) => Codes.Of(kind);
}
