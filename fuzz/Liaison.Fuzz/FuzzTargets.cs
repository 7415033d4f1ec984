using System.Text;
using System.Text.Json;
using Liaison.Data.Feeds;
using Liaison.Data.Niem;
using NodaTime;

namespace Liaison.Fuzz;

/// <summary>
/// What each harness feeds its input to, and the only exceptions that are answers rather than bugs. Anything else
/// escaping a reader is a finding: the fuzzer saves the input, and tests/fuzz-findings keeps it as a regression test.
/// </summary>
public static class FuzzTargets
{
    public static readonly IReadOnlyList<string> Names = ["csv", "json", "xml"];

    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static void Run(string target, byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (target)
        {
            case "csv":
                Csv(input);
                break;
            case "json":
                Json(input);
                break;
            case "xml":
                Xml(input);
                break;
            default:
                throw new ArgumentException($"unknown target {target}; the targets are {string.Join(", ", Names)}", nameof(target));
        }
    }

    /// <summary>The feed file as the importer reads it: strict UTF-8, the header's columns, every record's fields.</summary>
    private static void Csv(byte[] input)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            return; // the importer refuses such a file before reading it
        }

        var records = new CsvRecords(new StringReader(text));
        if (records.Next() is not { } header)
        {
            return;
        }

        Dictionary<string, int> columns;
        try
        {
            columns = FeedImporter.Header(header.Fields);
        }
        catch (FeedUnusableException)
        {
            return;
        }

        while (records.Next() is { } record)
        {
            if (record.Fields.Length == header.Fields.Length)
            {
                JmsEvents.Read(c => columns.TryGetValue(c, out var at) ? record.Fields[at] : null, Zone);
            }
        }
    }

    /// <summary>The API's bodies: an array of jail events, or a DHS message.</summary>
    private static void Json(byte[] input)
    {
        JsonDocument document;
        try
        {
            document = JsonBodies.Parse(input);
        }
        catch (JsonException)
        {
            return; // the API answers 400
        }

        using (document)
        {
            if (document.RootElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in document.RootElement.EnumerateArray())
                {
                    JmsJson.Read(element, Zone);
                }
            }

            DhsResponses.Read(document.RootElement);
        }
    }

    /// <summary>A NIEM document: read, validated, and its booking facts read when valid.</summary>
    private static void Xml(byte[] input)
    {
        using var text = new StreamReader(new MemoryStream(input), new UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            var (document, _) = NiemExchange.Load(text);
            if (document is not null)
            {
                NiemExchange.Read(document, Zone);
            }
        }
        catch (DecoderFallbackException)
        {
            // import niem answers "not UTF-8"
        }
    }
}
