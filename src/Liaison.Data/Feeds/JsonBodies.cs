using System.Text.Json;

namespace Liaison.Data.Feeds;

/// <summary>
/// Reads a JSON body another system sent (API, drop folder). The parser checks structure but not the bytes inside
/// strings, which fail only later when read (found by fuzzing: tests/fuzz-findings/json), so the whole body is
/// checked as UTF-8 first: a bad body is one answer up front, never an exception half-way through its events.
/// </summary>
public static class JsonBodies
{
    public const int MaxDepth = 16;

    /// <exception cref="JsonException">The body is not UTF-8 or not JSON (the message says where).</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            throw new JsonException("the body is not UTF-8");
        }

        return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
    }

    /// <summary>
    /// The checks every field of a JSON event or message gets before its value: one the body may hold
    /// (<paramref name="known"/>; <paramref name="fields"/> lists them for the reader), and given once.
    /// </summary>
    public static FieldProblem? Unexpected(JsonProperty property, bool known, ISet<string> seen, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return !known ? new FieldProblem(property.Name, "unknown-field", $"\"{JmsEvents.Shown(property.Name)}\" is not a field; the fields are {string.Join(", ", fields)}")
            : !seen.Add(property.Name) ? new FieldProblem(property.Name, "duplicate-field", $"{property.Name} appears twice")
            : null;
    }
}
