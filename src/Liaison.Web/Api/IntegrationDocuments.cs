using System.ComponentModel;

namespace Liaison.Web.Api;

// The API's bodies as the OpenAPI document describes them. Requests are read field by field by the feed's own checks
// (JmsJson, DhsResponses), not bound to these types; a test keeps their field names equal to what the readers accept.

[Description("One jail event: the feed file's columns in camelCase (interfaces.md).")]
public sealed record JmsEventDocument(
    [property: Description("The JMS's id for this event: 1-64 printable ASCII characters, no spaces; unique for the agency.")] string EventId,
    [property: Description("ISO 8601 instant with an offset or Z, not more than 5 minutes ahead of Liaison's clock.")] string At,
    [property: Description("book, release-scheduled, release-eligible or release.")] string Action,
    [property: Description("1-32 characters of A-Z a-z 0-9 -.")] string BookingNumber,
    [property: Description("book: the JMS's person id, stable across bookings, 1-64 characters.")] string? PersonId,
    [property: Description("book: 1-100 characters.")] string? LastName,
    [property: Description("book: 1-100 characters.")] string? FirstName,
    [property: Description("Optional, YYYY-MM-DD, from 1900-01-01 to the booking's local date.")] string? DateOfBirth,
    [property: Description("Optional: M, F, X or U.")] string? Sex,
    [property: Description("Optional: ISO 3166-1 alpha-2, upper case.")] string? BirthCountry,
    [property: Description("Optional: ISO 3166-1 alpha-2, upper case.")] string? CitizenshipCountry,
    [property: Description("Optional: a BCP 47 tag (es, ht, zh-Hans).")] string? Language,
    [property: Description("Optional: 8 or 9 digits, optionally A + digits or with dashes; stored as 9 digits.")] string? ANumber,
    [property: Description("book: one or more charges.")] IReadOnlyList<ChargeDocument>? Charges,
    [property: Description("release-scheduled: the expected release, an ISO 8601 instant with an offset or Z.")] string? Expected,
    [property: Description("release-eligible: why, 1-200 characters.")] string? Reason);

[Description("A charge at booking.")]
public sealed record ChargeDocument(
    [property: Description("A 4-digit NCIC offence code.")] string Code,
    [property: Description("felony, misdemeanor or infraction.")] string Level,
    [property: Description("pending or convicted.")] string Status);

[Description("The outcome of every event sent, in the order sent.")]
public sealed record JmsEventsAnswer(
    [property: Description("Events in the request.")] int Received,
    [property: Description("Events the rules accepted and Liaison stored.")] int Imported,
    [property: Description("Events whose eventId was imported before with the same content: nothing changed.")] int AlreadyImported,
    [property: Description("Events not stored: a field is invalid, the eventId was used with other content, or the rules refused it.")] int Quarantined,
    IReadOnlyList<JmsEventOutcome> Events);

[Description("What became of one event.")]
public sealed record JmsEventOutcome(
    [property: Description("The event's eventId, when it gave one.")] string? EventId,
    [property: Description("imported, already-imported or quarantined.")] string Outcome,
    [property: Description("quarantined: the field at fault, when one is.")] string? Field,
    [property: Description("quarantined: a code (invalid-date, event-id-conflict, unknown-booking, time-went-backwards, ...).")] string? Code,
    [property: Description("quarantined: the reason in plain words.")] string? Reason);

[Description("A DHS biometric response for one booking.")]
public sealed record DhsResponseDocument(
    [property: Description("DHS's id for this message: 1-64 printable ASCII characters, no spaces.")] string MessageId,
    [property: Description("When DHS answered: an ISO 8601 instant with an offset or Z.")] string At,
    [property: Description("The booking the response is about.")] string BookingNumber,
    [property: Description("match or no-match.")] string Result,
    [property: Description("With a match, and only then: final-order, in-proceedings, no-lawful-status, lawful-status or us-citizen.")] string? RecordStatus);

[Description("What became of a DHS response.")]
public sealed record DhsAnswer(
    string? MessageId,
    [property: Description("imported, already-imported or quarantined.")] string Outcome,
    string? Field,
    string? Code,
    string? Reason);
