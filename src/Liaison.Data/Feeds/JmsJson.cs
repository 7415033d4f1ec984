using System.Collections.Frozen;
using System.Text.Json;
using NodaTime;

namespace Liaison.Data.Feeds;

/// <summary>
/// The booking API's events (interfaces.md): the feed's columns in camelCase, <c>charges</c> as an array of
/// <c>{"code","level","status"}</c>. Each event is read into the feed's columns and checked by <see cref="JmsEvents"/>,
/// so the API accepts and refuses exactly what the file does; a problem names the JSON field.
/// </summary>
public static class JmsJson
{
    /// <summary>JSON field → feed column.</summary>
    public static readonly FrozenDictionary<string, string> Fields = JmsEvents.Columns.ToFrozenDictionary(FieldOf, c => c, StringComparer.Ordinal);

    /// <summary>The camelCase name of a feed column (<c>date_of_birth</c> → <c>dateOfBirth</c>).</summary>
    public static string FieldOf(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>One event of the array: the event, or its first problem with the JSON field it is about.</summary>
    public static (JmsEvent? Event, FieldProblem? Problem) Read(JsonElement element, DateTimeZone zone)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, new FieldProblem("", "invalid-event", $"the event is a JSON {Kind(element)}, not an object"));
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var known = Fields.TryGetValue(property.Name, out var column);
            if (JsonBodies.Unexpected(property, known, seen, Fields.Keys.Order(StringComparer.Ordinal)) is { } unexpected)
            {
                return (null, unexpected);
            }

            column ??= ""; // known: Unexpected said so

            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    values[column] = null;
                    break;
                case JsonValueKind.String when column != "charges":
                    values[column] = value.GetString();
                    break;
                case JsonValueKind.Array when column == "charges":
                    var (text, problem) = Charges(value);
                    if (problem is not null)
                    {
                        return (null, problem);
                    }

                    values[column] = text;
                    break;
                default:
                    return (null, new FieldProblem(property.Name, "invalid-type",
                        $"{property.Name} is a JSON {Kind(value)}; it must be {(column == "charges" ? "an array of {\"code\",\"level\",\"status\"}" : "a string")}"));
            }
        }

        var (read, fieldProblem) = JmsEvents.Read(column => values.GetValueOrDefault(column), zone);
        return fieldProblem is null ? (read, null) : (null, fieldProblem.NamedAs(FieldOf(fieldProblem.Column)));
    }

    /// <summary>The charges array as the feed's <c>CODE:level:status;...</c>, each member checked for shape first.</summary>
    private static (string? Text, FieldProblem? Problem) Charges(JsonElement array)
    {
        var parts = new List<string>();
        var index = 0;
        foreach (var charge in array.EnumerateArray())
        {
            string? Part(string name) =>
                charge.ValueKind == JsonValueKind.Object && charge.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
                && v.GetString() is { Length: > 0 } s && !s.Contains(':') && !s.Contains(';') ? s : null;

            var (code, level, status) = (Part("code"), Part("level"), Part("status"));
            if (code is null || level is null || status is null || charge.EnumerateObject().Count() != 3)
            {
                return (null, new FieldProblem("charges", "invalid-charges",
                    $"charges[{index}] must be {{\"code\",\"level\",\"status\"}}: a 4-digit NCIC code, felony/misdemeanor/infraction, pending/convicted"));
            }

            parts.Add($"{code}:{level}:{status}");
            index++;
        }

        return parts.Count == 0 ? (null, null) : (string.Join(';', parts), null);
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
