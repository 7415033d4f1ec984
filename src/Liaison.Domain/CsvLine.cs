namespace Liaison.Domain;

/// <summary>One CSV record as a line (RFC 4180 quoting where needed), without the line break: every CSV Liaison writes.</summary>
public static class CsvLine
{
    public static string Of(IEnumerable<string> fields) => string.Join(',', fields.Select(Quote));

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
