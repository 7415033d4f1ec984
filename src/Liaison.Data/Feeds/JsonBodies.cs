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
}
