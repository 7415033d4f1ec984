using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;

namespace Liaison.Web.Pages.ApiDocs;

/// <summary>
/// The integration API for people: the OpenAPI document (<c>/openapi/v1.json</c>) rendered as a page, so what it
/// says and what a program reads are one source. Server-rendered, no script; open to anyone, as the document is.
/// </summary>
public sealed class IndexModel([FromKeyedServices("v1")] IOpenApiDocumentProvider documents) : PageModel
{
    public sealed record Property(string Name, string Type, bool Required, string? Description);

    public sealed record Schema(string Name, string? Description, IReadOnlyList<Property> Properties);

    public sealed record Answer(string Status, string? Description, string? Type);

    public sealed record Operation(string Method, string Path, string? Summary, string? Description, string? Body, IReadOnlyList<Answer> Responses);

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public IReadOnlyList<Schema> Schemas { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var document = await documents.GetOpenApiDocumentAsync(ct);
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new Microsoft.OpenApi.OpenApiJsonWriter(text));
        using var json = JsonDocument.Parse(text.ToString());
        var root = json.RootElement;
        Title = Text(root.GetProperty("info"), "title") ?? "API";
        Description = Text(root.GetProperty("info"), "description");
        var operations = new List<Operation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var body = operation.Value.TryGetProperty("requestBody", out var b) && b.TryGetProperty("content", out var c)
                    ? c.EnumerateObject().Select(m => TypeOf(m.Value.GetProperty("schema"))).FirstOrDefault()
                    : null;
                var responses = operation.Value.TryGetProperty("responses", out var r)
                    ? r.EnumerateObject().Select(s => new Answer(s.Name, Text(s.Value, "description"),
                        s.Value.TryGetProperty("content", out var content) ? content.EnumerateObject().Select(m => TypeOf(m.Value.GetProperty("schema"))).FirstOrDefault() : null)).ToList()
                    : [];
                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, Text(operation.Value, "summary"), Text(operation.Value, "description"), body, responses));
            }
        }

        Operations = operations;
        Schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas)
            ? [.. schemas.EnumerateObject().Select(s => new Schema(s.Name, Text(s.Value, "description"), PropertiesOf(s.Value)))]
            : [];
    }

    private static List<Property> PropertiesOf(JsonElement schema)
    {
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        return schema.TryGetProperty("properties", out var properties)
            ? [.. properties.EnumerateObject().Select(p => new Property(p.Name, TypeOf(p.Value), required.Contains(p.Name) && !Nullable(p.Value), Text(p.Value, "description")))]
            : [];
    }

    /// <summary>A schema as a reader names it: a type, a schema's name, or "array of" either.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return reference.GetString()!.Split('/')[^1];
        }

        var types = schema.TryGetProperty("type", out var type)
            ? type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList() : [type.GetString()!]
            : [];
        if (types.Contains("array") && schema.TryGetProperty("items", out var items))
        {
            return "array of " + TypeOf(items);
        }

        // .NET documents a number as ["integer", "string"] (it may read one from a string): a reader sees a number.
        if (types.Contains("integer") || types.Contains("number"))
        {
            types.Remove("string");
        }

        return types.Count > 0 ? string.Join(" or ", types) : "object";
    }

    private static bool Nullable(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "null");

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
