using System.Text;

namespace Liaison.Data.Feeds;

/// <summary>One CSV record: its number in the file (the header is record 1) and its fields as given.</summary>
public sealed record CsvRecord(long Number, string[] Fields);

/// <summary>
/// Reads RFC 4180 records one at a time, in constant memory: quoted fields may hold commas, doubled quotes and
/// line breaks; LF or CRLF ends a record; a leading byte-order mark is skipped by the decoder. A quote inside an
/// unquoted field, or text after a closing quote, is kept as given (the field's own check then names it).
/// </summary>
public sealed class CsvRecords(TextReader reader)
{
    private readonly StringBuilder _field = new();
    private long _number;

    /// <summary>The next record, or null at the end of the input. A final line break does not make an empty record.</summary>
    public CsvRecord? Next()
    {
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;
        var started = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (!started && fields.Count == 0)
                {
                    return null;
                }

                fields.Add(_field.ToString());
                return new CsvRecord(++_number, [.. fields]);
            }

            started = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch != '"')
                {
                    _field.Append(ch);
                }
                else if (reader.Peek() == '"')
                {
                    reader.Read();
                    _field.Append('"');
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"' when _field.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break; // the LF that follows ends the record
                case '\n':
                    fields.Add(_field.ToString());
                    return new CsvRecord(++_number, [.. fields]);
                default:
                    _field.Append(ch);
                    break;
            }
        }
    }

    /// <summary>One record as a CSV line (RFC 4180 quoting where needed), without the line break.</summary>
    public static string Line(IEnumerable<string> fields) => Domain.CsvLine.Of(fields);
}
