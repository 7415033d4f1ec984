using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Liaison.Data.Integrations;
using Microsoft.AspNetCore.Http.Features;

namespace Liaison.Web.Api;

/// <summary>
/// The booking API (interfaces.md): <c>POST /api/v1/jms/events</c> and <c>POST /api/v1/dhs/responses</c>, for
/// systems holding an integration key. Bodies are read here and checked by the same code as the feed file; what is
/// valid goes through the custody write path. A byte-identical retry is answered from the first answer, unless the
/// rules refused something in it (then it is judged again: the cause may have been fixed, say the booking booked).
/// </summary>
public static class IntegrationApi
{
    /// <summary>A request body larger than this is refused (413): about 1,000 events with long names.</summary>
    public const long MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>Events per request; more is refused (400): send them in several requests.</summary>
    public const int MaxEvents = 1_000;

    /// <summary>Answers are application/json, never HTML: quotes and apostrophes in reasons stay readable.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Identical deliveries in this process wait for each other, so the second is answered from the first.</summary>
    private static readonly SemaphoreSlim[] Stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// The endpoints match any body type, so that a wrong one gets this API's own 415 (after the key is checked), not
    /// routing's; the document names only JSON.
    /// </summary>
    private const string AnyType = "*/*";

    private static Task JsonOnly(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.RequestBody?.Content?.Remove(AnyType);
        return Task.CompletedTask;
    }

    public static void MapIntegrationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").DisableAntiforgery().WithTags("Integration");
        api.MapPost("/jms/events", JmsEventsAsync)
            .RequireAuthorization(Policies.JmsEventsApi)
            .WithName("PostJmsEvents")
            .WithSummary("Send jail events")
            .WithDescription("The jail's four facts (book, release-scheduled, release-eligible, release), applied in order by the same rules as the feed file. " +
                "The answer gives each event's outcome in the same order: imported, already-imported (its eventId was imported before with the same content), " +
                "or quarantined with a code and reason. A retry of the same body gets the first answer again and changes nothing. " +
                $"At most {MaxEvents} events and {MaxBodyBytes / 1024 / 1024} MB per request.")
            .Accepts<IReadOnlyList<JmsEventDocument>>("application/json", AnyType).AddOpenApiOperationTransformer(JsonOnly)
            .Produces<JmsEventsAnswer>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapPost("/dhs/responses", DhsResponseAsync)
            .RequireAuthorization(Policies.DhsResponsesApi)
            .WithName("PostDhsResponse")
            .WithSummary("Send a DHS biometric response")
            .WithDescription("One response for one booking, identified by DHS's messageId: a second delivery of the same message changes nothing. " +
                "200 when imported or already imported; 404 when the booking is unknown; 422 when a field is invalid or the rules refuse it " +
                "(event-id-conflict: the messageId was used before with different content).")
            .Accepts<DhsResponseDocument>("application/json", AnyType).AddOpenApiOperationTransformer(JsonOnly)
            .Produces<DhsAnswer>()
            .Produces<DhsAnswer>(StatusCodes.Status404NotFound)
            .Produces<DhsAnswer>(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static Task<IResult> JmsEventsAsync(HttpContext context, IntegrationFeeds feeds) =>
        DeliverAsync(context, feeds, "jms-events", async (body, by, ct) =>
        {
            if (body.ValueKind != JsonValueKind.Array)
            {
                return BadRequest("The body must be a JSON array of events.");
            }

            var count = body.GetArrayLength();
            if (count is 0 or > MaxEvents)
            {
                return BadRequest($"The body has {count} events; send 1 to {MaxEvents} per request.");
            }

            var answers = await feeds.JmsEventsAsync(body, by, ct);
            var answer = new JmsEventsAnswer(count, answers.Count(a => a.Outcome == EventAnswer.Imported), answers.Count(a => a.Outcome == EventAnswer.AlreadyImported),
                answers.Count(a => a.Outcome == EventAnswer.Quarantined), [.. answers.Select(a => new JmsEventOutcome(a.Id, a.Outcome, a.Field, a.Code, a.Reason))]);
            return new Answer(StatusCodes.Status200OK, JsonSerializer.Serialize(answer, Json), null) { Final = answers.All(a => a.Final) };
        });

    private static Task<IResult> DhsResponseAsync(HttpContext context, IntegrationFeeds feeds) =>
        DeliverAsync(context, feeds, "dhs-responses", async (body, by, ct) =>
        {
            var (answer, result) = await feeds.DhsResponseAsync(body, by, ct);
            var status = result is null ? StatusCodes.Status422UnprocessableEntity : StepResultHttp.StatusOf(result);
            return new Answer(status, JsonSerializer.Serialize(new DhsAnswer(answer.Id, answer.Outcome, answer.Field, answer.Code, answer.Reason), Json), null) { Final = answer.Final };
        });

    /// <summary>
    /// One delivery: the body read within its limit, a byte-identical earlier delivery's answer given again, otherwise
    /// <paramref name="apply"/> and its answer kept for retries.
    /// </summary>
    private static async Task<IResult> DeliverAsync(HttpContext context, IntegrationFeeds feeds, string endpoint,
        Func<JsonElement, string, CancellationToken, Task<Answer>> apply)
    {
        var ct = context.RequestAborted;
        if (!context.Request.HasJsonContentType())
        {
            return Results.Problem("Send the body as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes + 1; // the server's own guard; the read below stops at the limit whatever the server
        }

        var body = await ReadAtMostAsync(context.Request, MaxBodyBytes, ct);
        if (body is null)
        {
            return Results.Problem($"The body is larger than {MaxBodyBytes / 1024 / 1024} MB; send fewer events per request.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large");
        }

        var hash = SHA256.HashData(body);
        var deliveryId = $"{endpoint}:{Convert.ToHexStringLower(hash)}";
        var stripe = Stripes[hash[0] % Stripes.Length];
        await stripe.WaitAsync(ct);
        try
        {
            if (await feeds.AnsweredAsync(deliveryId, ct) is { } earlier)
            {
                return Results.Text(earlier.Response, "application/json", statusCode: earlier.Status);
            }

            JsonDocument document;
            try
            {
                document = Data.Feeds.JsonBodies.Parse(body);
            }
            catch (JsonException e)
            {
                return BadRequestResult($"The body cannot be read: {e.Message}");
            }

            using (document)
            {
                var answer = await apply(document.RootElement, context.User.Identity!.Name!, ct);
                if (answer.Json is not { } json)
                {
                    return BadRequestResult(answer.Problem!);
                }

                if (answer.Final)
                {
                    await feeds.RememberAsync(deliveryId, answer.Status, json, ct);
                }
                return Results.Text(json, "application/json", statusCode: answer.Status);
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>The request body, or null when it is longer than <paramref name="max"/> bytes (said or found while reading).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, long max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    /// <summary>A body this API cannot take at all (400): not remembered, as the same body gets the same answer anyway.</summary>
    private static Answer BadRequest(string detail) => new(StatusCodes.Status400BadRequest, null, detail);

    private static IResult BadRequestResult(string detail) =>
        Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    /// <summary>A delivery's answer: a JSON body (kept for retries when <see cref="Final"/>), or a problem with the request itself.</summary>
    private sealed record Answer(int Status, string? Json, string? Problem)
    {
        public bool Final { get; init; }
    }
}
