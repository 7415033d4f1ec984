using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liaison.Data.Custody;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Data.Feeds;

/// <summary>A DHS biometric response for a booking, valid, with DHS's message id.</summary>
public sealed record DhsMessage(string MessageId, Instant At, string BookingNumber, BiometricResult Result, RecordStatus? RecordStatus, string ContentHash)
{
    public const string Channel = "dhs";

    /// <summary>The engine step, given by DHS (<paramref name="by"/> names the integration key or the drop folder).</summary>
    public Submission ToSubmission(string? by) =>
        new(new BiometricResponse(At, "dhs", BookingNumber, Result, RecordStatus), new ActingAs("dhs", by)) { Key = new ExternalKey(Channel, MessageId, ContentHash) };
}

/// <summary>
/// A DHS response message (interfaces.md), the same through the API and the drop folder:
/// <c>{"messageId","at","bookingNumber","result","recordStatus"}</c>, <c>result</c> <c>match</c> or <c>no-match</c>,
/// <c>recordStatus</c> given with a match and only then. A problem names the field.
/// </summary>
public static class DhsResponses
{
    public static readonly IReadOnlyList<string> Fields = ["messageId", "at", "bookingNumber", "result", "recordStatus"];

    public static (DhsMessage? Message, FieldProblem? Problem) Read(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return (null, new FieldProblem("", "invalid-message", "the message must be a JSON object"));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in message.EnumerateObject())
        {
            if (JsonBodies.Unexpected(property, Fields.Contains(property.Name), seen, Fields) is { } unexpected)
            {
                return (null, unexpected);
            }

            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return (null, new FieldProblem(property.Name, "invalid-type", $"{property.Name} must be a string"));
            }

            if (property.Value.GetString() is { Length: > 0 } text)
            {
                values[property.Name] = text;
            }
        }

        string? Value(string field) => values.GetValueOrDefault(field);
        FieldProblem Missing(string field) => new(field, "missing-value", $"{field} is missing; every message needs one");

        if (Value("messageId") is not { } id)
        {
            return (null, Missing("messageId"));
        }

        if (!JmsEvents.IsEventId(id))
        {
            return (null, new FieldProblem("messageId", "invalid-message-id", $"messageId \"{JmsEvents.Shown(id)}\" must be 1-64 printable ASCII characters without spaces"));
        }

        var (at, atProblem) = JmsEvents.ReadInstant("at", Value("at"), "every message needs one");
        if (atProblem is not null)
        {
            return (null, atProblem);
        }

        if (Value("bookingNumber") is not { } booking)
        {
            return (null, Missing("bookingNumber"));
        }

        if (!JmsEvents.IsBookingNumber(booking))
        {
            return (null, new FieldProblem("bookingNumber", "invalid-booking-number", $"bookingNumber \"{JmsEvents.Shown(booking)}\" must be 1-32 characters of A-Z, a-z, 0-9 and -"));
        }

        if (Value("result") is not { } resultText)
        {
            return (null, Missing("result"));
        }

        if (!Codes.TryParse<BiometricResult>(resultText, out var result))
        {
            return (null, new FieldProblem("result", "invalid-result", $"result \"{JmsEvents.Shown(resultText)}\" must be match or no-match"));
        }

        RecordStatus? status = null;
        var statusText = Value("recordStatus");
        if (result == BiometricResult.Match)
        {
            if (statusText is null)
            {
                return (null, new FieldProblem("recordStatus", "missing-value", "recordStatus is missing; a match needs the record's status"));
            }

            if (!Codes.TryParse<RecordStatus>(statusText, out var parsed))
            {
                return (null, new FieldProblem("recordStatus", "invalid-record-status",
                    $"recordStatus \"{JmsEvents.Shown(statusText)}\" must be one of {string.Join(", ", Codes.All<RecordStatus>())}"));
            }

            status = parsed;
        }
        else if (statusText is not null)
        {
            return (null, new FieldProblem("recordStatus", "invalid-record-status", "recordStatus is given only with a match"));
        }

        var content = $"{id}\u001f{at!.Value.ToUnixTimeTicks()}\u001f{booking}\u001f{Codes.Of(result)}\u001f{(status is { } s ? Codes.Of(s) : "")}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return (new DhsMessage(id, at.Value, booking, result, status, hash), null);
    }
}
