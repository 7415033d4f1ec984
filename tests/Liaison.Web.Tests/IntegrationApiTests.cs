using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Data.Feeds;
using Liaison.Data.Identity;
using Liaison.Data.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>The booking API over HTTP: keys, outcomes as the feed file's, retries and concurrent duplicates, the OpenAPI document.</summary>
public sealed partial class IntegrationApiTests
{
    private const string Events = "/api/v1/jms/events", Dhs = "/api/v1/dhs/responses";

    private static async Task<string> KeyAsync(LiaisonWebFactory app, string name, params string[] scopes)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var (outcome, key) = await scope.ServiceProvider.GetRequiredService<IntegrationKeys>().CreateAsync(name, scopes, "admin");
        Assert.True(outcome.Succeeded);
        return key!;
    }

    private static HttpClient Client(LiaisonWebFactory app, string? key)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string json, string mediaType = "application/json") =>
        client.PostAsync(new Uri(url, UriKind.Relative), new StringContent(json, Encoding.UTF8, mediaType));

    private static string Book(string eventId, string booking, string at = "2026-03-02T08:00:00-05:00", string extra = "") =>
        $$"""{"eventId":"{{eventId}}","at":"{{at}}","action":"book","bookingNumber":"{{booking}}","personId":"P-{{booking}}","lastName":"Ruiz","firstName":"Ana","dateOfBirth":"1990-04-02","birthCountry":"MX","charges":[{"code":"5404","level":"misdemeanor","status":"pending"}]{{extra}}}""";

    private static string Schedule(string eventId, string booking, string at = "2026-03-02T08:30:00-05:00") =>
        $$"""{"eventId":"{{eventId}}","at":"{{at}}","action":"release-scheduled","bookingNumber":"{{booking}}","expected":"2026-03-04T09:00:00-05:00"}""";

    private static JsonElement[] Outcomes(string body) => [.. JsonDocument.Parse(body).RootElement.GetProperty("events").EnumerateArray()];

    [Fact]
    public async Task AnAdministrator_CreatesAKey_ShownOnce_StoredHashed_Audited_AndRevokes()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        var response = await admin.PostFormAsync("/admin/integrations?handler=create", new() { ["Name"] = "Jail JMS", ["Scopes"] = IntegrationScopes.JmsEvents }, "/admin/integrations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var key = KeyPattern().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.StartsWith("lsk_", key, StringComparison.Ordinal);

        var page = await admin.GetPageAsync("/admin/integrations");
        Assert.Contains("Jail JMS", page, StringComparison.Ordinal);
        Assert.DoesNotContain(key, page, StringComparison.Ordinal);
        Assert.Contains("never", page, StringComparison.Ordinal); // not used yet
        var stored = await app.WithDbAsync(db => db.IntegrationKeys.SingleAsync());
        Assert.NotEqual(key, stored.SecretHash);
        Assert.DoesNotContain(stored.SecretHash, key, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == IntegrationKeys.KeyCreated && e.RecordId == stored.Id && e.Actor == "admin")));

        using var jms = Client(app, key);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(jms, Events, $"[{Book("E1", "B1")}]")).StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.IntegrationKeys.SingleAsync())).LastUsedAt);
        Assert.DoesNotContain("never", await admin.GetPageAsync("/admin/integrations"), StringComparison.Ordinal);

        response = await admin.PostFormAsync("/admin/integrations?handler=revoke", new() { ["Key"] = stored.Id }, "/admin/integrations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(jms, Events, $"[{Book("E2", "B2")}]")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == IntegrationKeys.KeyRevoked && e.RecordId == stored.Id)));
        Assert.Contains("Revoked", await admin.GetPageAsync("/admin/integrations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatingAKey_WithoutNameOrScope_SaysWhich_AndCreatesNothing()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        var response = await admin.PostFormAsync("/admin/integrations?handler=create", new() { ["Name"] = " " }, "/admin/integrations");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Name: 1-100 characters", page, StringComparison.Ordinal);
        Assert.Contains("Scopes: choose at least one", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.IntegrationKeys.CountAsync()));
    }

    [Fact]
    public async Task TheApi_RefusesNoKey_BadKeys_StaffSessions_AndKeysWithoutTheScope()
    {
        await using var app = await TestApp.StartAsync();
        var dhsOnly = await KeyAsync(app, "DHS relay", IntegrationScopes.DhsResponses);
        var body = $"[{Book("E1", "B1")}]";

        using var anonymous = Client(app, null);
        var response = await PostAsync(anonymous, Events, body);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        foreach (var bad in new[] { "lsk_nothing", dhsOnly[..^2] + "xx", "not-a-key", dhsOnly.Replace("lsk_", "lsk_0", StringComparison.Ordinal) })
        {
            using var client = Client(app, bad);
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, Events, body)).StatusCode);
        }

        using var staff = await app.SignInAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.Unauthorized, (await staff.Http.PostAsync(new Uri(Events, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"))).StatusCode);

        using var wrongScope = Client(app, dhsOnly);
        response = await PostAsync(wrongScope, Events, body);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not allowed to call this endpoint", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync()));
    }

    [Fact]
    public async Task Events_AreImported_InOrder_AuditedAsTheKey_AndBadOnesQuarantined_WithoutDroppingGoodOnes()
    {
        await using var app = await TestApp.StartAsync();
        using var jms = Client(app, await KeyAsync(app, "Jail JMS", IntegrationScopes.JmsEvents));
        var body = $$"""
            [{{Book("E1", "B1")}},
             {{Schedule("E2", "B1")}},
             {{Book("E3", "B2", extra: ",\"dateOfBirth2\":\"x\"")}},
             {{Book("E4", "B3").Replace("1990-04-02", "1990-02-30", StringComparison.Ordinal)}},
             {"eventId":"E5","at":"2026-03-02T08:45:00-05:00","action":"release","bookingNumber":"B9"},
             {"eventId":7},
             {{Book("E8", "B4").Replace("[{\"code\":\"5404\",\"level\":\"misdemeanor\",\"status\":\"pending\"}]", "\"5404:misdemeanor:pending\"", StringComparison.Ordinal)}},
             {{Book("E9", "B5", at: "2026-03-02T14:30:00Z")}}]
            """;
        var response = await PostAsync(jms, Events, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.Equal(8, answer.GetProperty("received").GetInt32());
        Assert.Equal(2, answer.GetProperty("imported").GetInt32());
        Assert.Equal(6, answer.GetProperty("quarantined").GetInt32());
        var outcomes = Outcomes(text);
        string? Get(int i, string name) => outcomes[i].TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        Assert.Equal(["imported", "imported", "quarantined", "quarantined", "quarantined", "quarantined", "quarantined", "quarantined"], outcomes.Select(o => o.GetProperty("outcome").GetString()));
        Assert.Equal(("E3", "dateOfBirth2", "unknown-field"), (Get(2, "eventId"), Get(2, "field"), Get(2, "code")));
        Assert.Equal(("dateOfBirth", "invalid-date"), (Get(3, "field"), Get(3, "code")));
        Assert.StartsWith("dateOfBirth \"1990-02-30\" is not a date", Get(3, "reason"), StringComparison.Ordinal);
        Assert.Equal((null, "unknown-booking"), (Get(4, "field"), Get(4, "code")));
        Assert.Equal((null, "eventId", "invalid-type"), (Get(5, "eventId"), Get(5, "field"), Get(5, "code")));
        Assert.Equal(("charges", "invalid-type"), (Get(6, "field"), Get(6, "code")));
        Assert.Equal(("at", "in-the-future"), (Get(7, "field"), Get(7, "code")));

        var booking = await app.WithDbAsync(db => db.Bookings.Include(b => b.Charges).SingleAsync());
        Assert.Equal(("B1", "Ruiz", "MX", "5404"), (booking.Id, booking.LastName, booking.BirthCountry, booking.Charges.Single().Code));
        Assert.Equal(["key:Jail JMS", "key:Jail JMS"], await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.BookingId == "B1").OrderBy(e => e.Sequence).Select(e => e.UserName!).ToListAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "custody.step" && e.Actor == "key:Jail JMS" && e.RecordId == "B1")));
    }

    [Fact]
    public async Task ARetriedDelivery_AnswersAsTheFirst_AndAResentEvent_IsAlreadyImported_OrAConflict()
    {
        await using var app = await TestApp.StartAsync();
        using var jms = Client(app, await KeyAsync(app, "Jail JMS", IntegrationScopes.JmsEvents));
        var body = $"[{Book("E1", "B1")},{Schedule("E2", "B1")}]";
        var first = await PostAsync(jms, Events, body);
        var firstText = await first.Content.ReadAsStringAsync();
        var stored = await app.WithDbAsync(db => db.CustodyEvents.CountAsync());

        var retry = await PostAsync(jms, Events, body);
        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.Equal(firstText, await retry.Content.ReadAsStringAsync());
        Assert.Equal(stored, await app.WithDbAsync(db => db.CustodyEvents.CountAsync()));

        // The same events in another delivery (spelled differently): already imported; the same id with other content: a conflict.
        var resent = await PostAsync(jms, Events, $"[ {Schedule("E2", "B1", at: "2026-03-02T13:30:00Z")} , {Schedule("E1", "B1")} ]");
        var outcomes = Outcomes(await resent.Content.ReadAsStringAsync());
        Assert.Equal("already-imported", outcomes[0].GetProperty("outcome").GetString());
        Assert.Equal(("quarantined", "event-id-conflict", "eventId"), (outcomes[1].GetProperty("outcome").GetString(), outcomes[1].GetProperty("code").GetString(), outcomes[1].GetProperty("field").GetString()));
        Assert.Equal(stored, await app.WithDbAsync(db => db.CustodyEvents.CountAsync()));
    }

    [Fact]
    public async Task ADeliveryTheRulesRefused_IsJudgedAgainWhenResent_OnceItsCauseIsFixed()
    {
        await using var app = await TestApp.StartAsync();
        using var jms = Client(app, await KeyAsync(app, "Jail JMS", IntegrationScopes.JmsEvents));
        var early = $"[{Schedule("S7", "B7")}]"; // the release schedule came before the booking
        var first = Outcomes(await (await PostAsync(jms, Events, early)).Content.ReadAsStringAsync());
        Assert.Equal(("quarantined", "unknown-booking"), (first[0].GetProperty("outcome").GetString(), first[0].GetProperty("code").GetString()));

        await PostAsync(jms, Events, $"[{Book("E7", "B7")}]");
        var resent = Outcomes(await (await PostAsync(jms, Events, early)).Content.ReadAsStringAsync());

        Assert.Equal("imported", resent[0].GetProperty("outcome").GetString());
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B7" && e.Accepted)));
    }

    [Fact]
    public async Task ConcurrentDuplicateDeliveries_StoreEachEventOnce_AndAllAnswerAlike()
    {
        await using var app = await TestApp.StartAsync();
        using var jms = Client(app, await KeyAsync(app, "Jail JMS", IntegrationScopes.JmsEvents));
        var events = Enumerable.Range(1, 20).Select(i => Book($"E{i}", $"B{i}")).Concat(Enumerable.Range(1, 20).Select(i => Schedule($"S{i}", $"B{i}"))).ToList();
        var body = $"[{string.Join(',', events)}]";

        var same = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(jms, Events, body)));
        var texts = await Task.WhenAll(same.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(same, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(texts.Distinct(StringComparer.Ordinal));
        Assert.Equal(40, JsonDocument.Parse(texts[0]).RootElement.GetProperty("imported").GetInt32());

        // Overlapping deliveries with different bodies, at once: every event stored once, each answered imported or already imported.
        var more = Enumerable.Range(21, 10).Select(i => Book($"E{i}", $"B{i}")).ToList();
        var overlapping = await Task.WhenAll(Enumerable.Range(0, 6).Select(n => PostAsync(jms, Events, $"[{string.Join(',', more.Skip(n % 3).Concat(more.Take(n % 3)))}]")));
        foreach (var response in overlapping)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.All(Outcomes(await response.Content.ReadAsStringAsync()), o => Assert.Contains(o.GetProperty("outcome").GetString(), new[] { "imported", "already-imported" }));
        }

        Assert.Equal(30, await app.WithDbAsync(db => db.Bookings.CountAsync()));
        Assert.Equal(50, await app.WithDbAsync(db => db.CustodyEvents.CountAsync()));
        Assert.Equal(50, await app.WithDbAsync(db => db.ExternalEvents.CountAsync()));
        Assert.Equal(50, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "custody.step")));
    }

    [Fact]
    public async Task BodiesTheApiCannotTake_AreRefused_WithTheReason_AndStoreNothing()
    {
        await using var app = await TestApp.StartAsync();
        using var jms = Client(app, await KeyAsync(app, "Jail JMS", IntegrationScopes.JmsEvents));
        async Task RefusedAsync(HttpStatusCode status, string body, string says, string mediaType = "application/json")
        {
            var response = await PostAsync(jms, Events, body, mediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(status == response.StatusCode, $"{(int)response.StatusCode} {text}");
            Assert.Contains(says, text, StringComparison.Ordinal);
        }

        await RefusedAsync(HttpStatusCode.BadRequest, "[{\"eventId\":", "cannot be read");
        var notUtf8 = await jms.PostAsync(new Uri(Events, UriKind.Relative), new ByteArrayContent([.. Encoding.UTF8.GetBytes("[{\"eventId\":\"E"), 0xFF, .. Encoding.UTF8.GetBytes("\"}]")])
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        }); // found by fuzzing: was a 500
        Assert.Equal(HttpStatusCode.BadRequest, notUtf8.StatusCode);
        Assert.Contains("not UTF-8", await notUtf8.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await RefusedAsync(HttpStatusCode.BadRequest, Book("E1", "B1"), "must be a JSON array");
        await RefusedAsync(HttpStatusCode.BadRequest, "[]", "send 1 to 1000");
        await RefusedAsync(HttpStatusCode.BadRequest, $"[{string.Join(',', Enumerable.Range(1, 1001).Select(i => Schedule($"S{i}", "B1")))}]", "send 1 to 1000");
        await RefusedAsync(HttpStatusCode.UnsupportedMediaType, $"[{Book("E1", "B1")}]", "application/json", "text/plain");
        await RefusedAsync(HttpStatusCode.RequestEntityTooLarge, $"[{Book("E1", "B1", extra: $",\"reason\":\"{new string('x', 2 * 1024 * 1024)}\"")}]", "larger than 2 MB");
        Assert.Equal(0, await app.WithDbAsync(db => db.Bookings.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiDeliveries.CountAsync()));
    }

    [Fact]
    public async Task DhsResponses_Apply_OncePerMessageId_WithTheSameAnswers_AsTheRestOfTheApi()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var dhs = Client(app, await KeyAsync(app, "DHS relay", IntegrationScopes.DhsResponses));
        const string match = """{"messageId":"M1","at":"2026-03-02T14:02:00Z","bookingNumber":"B1","result":"match","recordStatus":"lawful-status"}""";
        var response = await PostAsync(dhs, Dhs, match);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("""{"messageId":"M1","outcome":"imported"}""", text);
        var retry = await PostAsync(dhs, Dhs, match);
        Assert.Equal(text, await retry.Content.ReadAsStringAsync());
        response = await PostAsync(dhs, Dhs, match.Replace(",", " ,", StringComparison.Ordinal));
        Assert.Equal("""{"messageId":"M1","outcome":"already-imported"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && e.Action == "biometric-response")));
        Assert.Equal("key:DHS relay", await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.Action == "biometric-response").Select(e => e.UserName).SingleAsync()));

        async Task RefusedAsync(HttpStatusCode status, string body, string field, string code)
        {
            var refused = await PostAsync(dhs, Dhs, body);
            var answer = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal(("quarantined", code), (answer.GetProperty("outcome").GetString(), answer.GetProperty("code").GetString()));
            Assert.Equal(field, answer.TryGetProperty("field", out var f) ? f.GetString() : null);
        }

        await RefusedAsync(HttpStatusCode.UnprocessableEntity, match.Replace("lawful-status", "other", StringComparison.Ordinal), "recordStatus", "invalid-record-status");
        await RefusedAsync(HttpStatusCode.UnprocessableEntity, match.Replace("lawful-status", "final-order", StringComparison.Ordinal), "messageId", "event-id-conflict");
        await RefusedAsync(HttpStatusCode.UnprocessableEntity, """{"messageId":"M2","at":"2026-03-02T14:02:00Z","bookingNumber":"B1","result":"match"}""", "recordStatus", "missing-value");
        await RefusedAsync(HttpStatusCode.NotFound, """{"messageId":"M3","at":"2026-03-02T14:02:00Z","bookingNumber":"B404","result":"no-match"}""", null!, "unknown-booking");
        await RefusedAsync(HttpStatusCode.UnprocessableEntity, """{"messageId":"M4","at":"2026-03-02T14:02:00Z","bookingNumber":"B1","result":"no-match","extra":1}""", "extra", "unknown-field");
    }

    [Fact]
    public async Task TheWebApp_WatchesTheConfiguredDhsDropFolder()
    {
        var drop = Directory.CreateTempSubdirectory("liaison-dhs-drop-").FullName;
        try
        {
            await using var app = await TestApp.StartAsync(f => f.ConfigureServices = services =>
                services.Configure<DhsDropFolderOptions>(o => (o.Path, o.IntervalSeconds) = (drop, 1)));
            await app.BookAsync("B1");
            using var client = app.CreateClient(); // starts the host and its services
            await File.WriteAllTextAsync(Path.Combine(drop, "m1.json"), """{"messageId":"M1","at":"2026-03-02T14:01:00Z","bookingNumber":"B1","result":"no-match"}""");
            await File.WriteAllTextAsync(Path.Combine(drop, "m2.json"), """{"messageId":"M2","at":"2026-03-02T14:01:00Z","bookingNumber":"B1","result":"maybe"}""");
            var reason = Path.Combine(drop, "rejected", "m2.reason.txt");
            for (var waited = 0; (!File.Exists(Path.Combine(drop, "done", "m1.json")) || !File.Exists(reason)) && waited < 300; waited++)
            {
                await Task.Delay(100);
            }

            Assert.True(File.Exists(Path.Combine(drop, "done", "m1.json")));
            Assert.StartsWith("invalid-result: [result] result \"maybe\" must be match or no-match", await File.ReadAllTextAsync(reason), StringComparison.Ordinal);
            Assert.Equal("no-match", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.DhsResult).SingleAsync()));
        }
        finally
        {
            Directory.Delete(drop, recursive: true);
        }
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesBothEndpoints_WithTheFieldsTheReadersAccept_AndReadsAsAPage()
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = Client(app, null);
        var response = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty(Events).TryGetProperty("post", out _));
        Assert.True(paths.GetProperty(Dhs).TryGetProperty("post", out _));
        Assert.Equal(2, paths.EnumerateObject().Count()); // the pages are not part of the API
        var schemas = document.GetProperty("components").GetProperty("schemas");
        string[] PropertiesOf(string schema) => [.. schemas.GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(JmsJson.Fields.Keys.Order(StringComparer.Ordinal), PropertiesOf("JmsEventDocument"));
        Assert.Equal(DhsResponses.Fields.Order(StringComparer.Ordinal), PropertiesOf("DhsResponseDocument"));
        Assert.Equal(["code", "level", "status"], PropertiesOf("ChargeDocument"));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("integrationKey").GetProperty("scheme").GetString());

        var page = await anonymous.GetStringAsync(new Uri("/api", UriKind.Relative));
        Assert.Contains("<code>POST /api/v1/jms/events</code>", page, StringComparison.Ordinal);
        Assert.Contains("<code>dateOfBirth</code>", page, StringComparison.Ordinal);
        Assert.Contains("/openapi/v1.json", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("""<code id="new-key">([^<]+)</code>""")]
    private static partial Regex KeyPattern();
}
