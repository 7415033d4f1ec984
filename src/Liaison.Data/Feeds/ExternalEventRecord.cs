using NodaTime;

namespace Liaison.Data.Feeds;

/// <summary>
/// An event another system sent (a JMS event id, a DHS message id), remembered so that a second delivery of it
/// changes nothing: stored in the same transaction as what the event did. A refused event is remembered too, so
/// that a retry that is refused again stores no second refusal; it may still apply later (say, once its booking exists).
/// </summary>
public sealed class ExternalEventRecord
{
    /// <summary>jms or dhs: each system's ids are unique only among its own.</summary>
    public string Channel { get; set; } = "";

    public string EventId { get; set; } = "";

    /// <summary>SHA-256 of the event's content (every field its action uses), hex.</summary>
    public string ContentHash { get; set; } = "";

    public string BookingId { get; set; } = "";

    /// <summary>imported or refused.</summary>
    public string Result { get; set; } = "";

    public string? RefusalCode { get; set; }

    public Instant RecordedAt { get; set; }

    public const string Imported = "imported";
    public const string Refused = "refused";
}
