using System.Net;
using System.Text.RegularExpressions;
using Liaison.Data.Identity;
using Liaison.Data.Trust;
using Liaison.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>
/// The community trust survey through the real HTTP stack, on either database: the program manager opens a round,
/// issues invitations (printed, or a CSV for a mail merge) and imports the population margins (a bad file refused line
/// by line, nothing stored); the public answers in its language, once per code; the weighted results on the staff page;
/// a closed round published with the month, small groups suppressed; and nothing that links an answer to its code.
/// </summary>
public sealed partial class SurveyPageTests
{
    private static PageClient Public(LiaisonWebFactory app) => new(app.CreateClient(new() { AllowAutoRedirect = false }));

    private static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static Task<HttpResponseMessage> AnswerAsync(PageClient client, string lang, string code, int pj, int wr, string? ethnicity, string? age = "35-54") =>
        client.PostFormAsync($"/survey/{lang}", new()
        {
            ["InvitationCode"] = code,
            ["item-pj-fair"] = pj.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["item-pj-respect"] = pj.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["item-pj-explain"] = "",
            ["item-wr-victim"] = wr.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["item-wr-witness"] = wr.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["about-ethnicity"] = ethnicity ?? "",
            ["about-age"] = age ?? "",
        });

    private static async Task<IReadOnlyList<string>> IssueAsync(PageClient manager, int round, int count)
    {
        var response = await manager.PostFormAsync("/statistics/survey?handler=batch", new() { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture), ["count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture), ["channel"] = "print" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "invitation codes must not be cached");
        return [.. CodePattern().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Value).Distinct()];
    }

    private static async Task<HttpResponseMessage> ImportAsync(PageClient client, string csv) =>
        await client.PostFileWithTokenAsync("/statistics/survey?handler=import", "file", "margins.csv", System.Text.Encoding.UTF8.GetBytes(csv), await client.TokenAsync("/statistics/survey"));

    [Fact]
    public async Task TheProgramManagerRunsARound_ThePublicAnswersOncePerCode_AndTheClosedRoundIsPublishedWeighted()
    {
        await using var app = await TestApp.StartAsync(f => f.PublicPostsPerHour = 10_000);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var auditor = await app.SignInAsync(Roles.Auditor);
        using var visitor = Public(app);

        Assert.Contains("No round yet.", await manager.GetPageAsync("/statistics/survey"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/statistics/survey?handler=open", new() { ["name"] = "Winter 2026", ["month"] = "2026-02" })).StatusCode);
        var twice = await manager.PostFormAsync("/statistics/survey?handler=open", new() { ["name"] = "Again", ["month"] = "2026-02" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("Month: a round is already fielded in 2026-02", await BodyAsync(twice), StringComparison.Ordinal);
        var round = await app.WithDbAsync(db => db.SurveyRounds.Select(r => r.Id).SingleAsync());

        // Printed invitations: the codes on the sheet, kept only as hashes.
        var codes = await IssueAsync(manager, round, 30);
        Assert.Equal(30, codes.Count);
        Assert.Equal(30, await app.WithDbAsync(db => db.SurveyTokens.CountAsync()));
        Assert.True(await app.WithDbAsync(db => db.SurveyTokens.AnyAsync(t => t.Hash == PublicCode.Hash(codes[0]))));
        Assert.False(await app.WithDbAsync(db => db.SurveyTokens.AnyAsync(t => t.Hash == codes[0])));
        // A mail merge: a CSV of codes and the address.
        var mail = await manager.PostFormAsync("/statistics/survey?handler=batch", new() { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture), ["count"] = "5", ["channel"] = "e-mail" });
        Assert.Equal("text/csv", mail.Content.Headers.ContentType?.MediaType);
        var lines = (await mail.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,address", lines[0]);
        Assert.Equal(5, lines.Skip(1).Count(l => CodePattern().IsMatch(l) && l.EndsWith("/survey", StringComparison.Ordinal)));
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == SurveyService.BatchAction && e.Actor == "manager")));
        var tooMany = await manager.PostFormAsync("/statistics/survey?handler=batch", new() { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture), ["count"] = "2001", ["channel"] = "print" });
        Assert.Contains("Count: 1 to 2,000 invitations in one batch.", await BodyAsync(tooMany), StringComparison.Ordinal);

        // Margins: a bad file refused line by line, nothing stored; then a good one.
        var bad = await ImportAsync(manager, "dimension,category,population\nethnicity,hispanic,x\nage,18-34,100\nregion,north,5\nethnicity,not-hispanic,5\n");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = await BodyAsync(bad);
        Assert.Contains("line 2, population: \"x\" is not a whole number of people, zero or more.", refused, StringComparison.Ordinal);
        Assert.Contains("line 4, dimension: \"region\" is not one of age, sex, ethnicity, language.", refused, StringComparison.Ordinal);
        Assert.Contains("age: no line for 35-54, 55-plus; a dimension needs every one of its categories", refused, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyMargins.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(manager, "dimension,category,population\nethnicity,hispanic,5000\nethnicity,not-hispanic,5000\n")).StatusCode);

        // The public answers, in Spanish and English: 12 Hispanic respondents (2 and 3), 14 others (4 and 5).
        for (var i = 0; i < 26; i++)
        {
            var hispanic = i < 12;
            var answered = await AnswerAsync(visitor, hispanic ? "es" : "en", codes[i], (hispanic ? 2 : 4) + (i % 2), 4, hispanic ? "hispanic" : "not-hispanic");
            Assert.Equal(HttpStatusCode.SeeOther, answered.StatusCode); // to the thanks, so that reloading it sends nothing again
            var thanks = await visitor.GetAsync(answered.Headers.Location!.OriginalString);
            Assert.Equal(hispanic ? "/survey/es?handler=thanks" : "/survey/en?handler=thanks", answered.Headers.Location.OriginalString);
            Assert.Contains(hispanic ? "<h1>Gracias</h1>" : "<h1>Thank you</h1>", await BodyAsync(thanks), StringComparison.Ordinal);
        }

        var again = await AnswerAsync(visitor, "es", codes[0], 1, 1, "hispanic");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Este código ya se usó: cada invitación cuenta una sola vez.", await BodyAsync(again), StringComparison.Ordinal);
        var unknown = await AnswerAsync(visitor, "en", "TS-0000-0000", 1, 1, null);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("The code was not recognised.", await BodyAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(26, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));

        // The staff page: weighted, half and half: (2.5 + 4.5) / 2 = 3.5, though the sample's mean is 3.58.
        var results = WebUtility.HtmlDecode(await auditor.GetPageAsync("/statistics/survey"));
        Assert.Contains("Weighted to the population by ethnicity (raking): 26 of 26 responses used", results, StringComparison.Ordinal);
        Assert.Matches("data-scale=\"trust-procedural-justice\"><strong>3.50</strong>", results);
        Assert.Matches("<tr data-group=\"ethnicity-hispanic\"><th scope=\"row\">Yes, Hispanic or Latino</th><td class=\"n\">2.50</td>", results);
        Assert.Contains("<td class=\"n\">suppressed</td><td class=\"n\">suppressed</td><td class=\"n\">fewer than 10</td>", results, StringComparison.Ordinal); // nobody aged 18-34
        Assert.DoesNotContain("handler=batch", results, StringComparison.Ordinal);
        var denied = await auditor.PostFormAsync("/statistics/survey?handler=close", new() { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains("/account/denied", denied.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);

        // Closed: no more answers; published with February, the groups under k suppressed.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/statistics/survey?handler=close", new() { ["round"] = round.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);
        var late = await AnswerAsync(visitor, "en", codes[29], 3, 3, null);
        Assert.Contains("This round of the survey has closed.", await BodyAsync(late), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<Liaison.Data.Statistics.StatisticsService>();
        await statistics.PublishAsync(new NodaTime.YearMonth(2026, 2), null, "manager");
        var rows = (await statistics.PublishedRowsAsync()).Where(r => r.Measure == "trust-procedural-justice").ToList();
        Assert.Equal(Liaison.Domain.Trust.SurveyResult.Categories, rows.Select(r => r.Category));
        Assert.Equal("3.5", rows.Single(r => r.Category == "all").Value);
        Assert.Equal("2.5", rows.Single(r => r.Category == "ethnicity-hispanic").Value);
        Assert.Equal("suppressed", rows.Single(r => r.Category == "age-18-34").Value);
        Assert.Equal("suppressed", rows.Single(r => r.Category == "sex-female-high").Value); // nobody gave their sex
        var page = await BodyAsync(await visitor.GetAsync("/transparency/es"));
        Assert.Contains("<h2>Encuesta comunitaria</h2>", page, StringComparison.Ordinal);
        Assert.Matches("<tr data-group=\"all\"><th scope=\"row\">Todos</th>\\s*<td class=\"n\">3.5 \\([\\d.]+–[\\d.]+\\)</td>", page);
        Assert.Matches("<tr data-group=\"age-18-34\"><th scope=\"row\">De 18 a 34</th>\\s*<td class=\"n\">suprimido</td>", page);
    }

    [Fact]
    public async Task AnAnswerOffTheScale_IsRefusedNamingNothingStored_AndTheCodeIsNotSpent()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var visitor = Public(app);
        await manager.PostFormAsync("/statistics/survey?handler=open", new() { ["name"] = "Spring", ["month"] = "2026-03" });
        var code = (await IssueAsync(manager, await app.WithDbAsync(db => db.SurveyRounds.Select(r => r.Id).SingleAsync()), 1))[0];

        var response = await visitor.PostFormAsync("/survey/en", new() { ["InvitationCode"] = code, ["item-pj-fair"] = "7", ["about-sex"] = "other" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Contains("One of the answers is not among those offered; choose again.", body, StringComparison.Ordinal);
        Assert.Contains("One of the answers about you is not among those offered; choose again.", body, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.SurveyTokens.AnyAsync(t => t.Used)));
        var empty = await visitor.PostFormAsync("/survey/en", new() { ["InvitationCode"] = code });
        Assert.Contains("Answer at least one of the statements.", await BodyAsync(empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoAnswersSentAtOnceWithOneCode_OnlyOneCounts()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/statistics/survey?handler=open", new() { ["name"] = "Spring", ["month"] = "2026-03" });
        var code = (await IssueAsync(manager, await app.WithDbAsync(db => db.SurveyRounds.Select(r => r.Id).SingleAsync()), 1))[0];

        async Task<int> AnswerAsync()
        {
            await using var scope = app.Services.CreateAsyncScope();
            var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
            var problems = await surveys.RespondAsync(new SurveySubmission(code, "en", new Dictionary<string, string?> { ["pj-fair"] = "4" }, new Dictionary<string, string?>()));
            return problems.Count == 0 ? 1 : 0;
        }

        var accepted = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(AnswerAsync)));

        Assert.Equal(1, accepted.Sum());
        Assert.Equal(1, await app.WithDbAsync(db => db.SurveyResponses.CountAsync()));
    }

    /// <summary>What the promise of anonymity rests on: an invitation keeps no time of use, an answer nothing of its invitation.</summary>
    [Fact]
    public async Task NothingStored_LinksAnAnswerToItsInvitation()
    {
        await using var app = await TestApp.StartAsync();
        var columns = await app.WithDbAsync(db => Task.FromResult((
            Token: db.Model.FindEntityType(typeof(SurveyTokenRecord))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList(),
            Response: db.Model.FindEntityType(typeof(SurveyResponseRecord))!.GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal).ToList())));

        Assert.Equal(["BatchId", "Hash", "Id", "RoundId", "Used"], columns.Token);
        Assert.Equal(["Age", "Ethnicity", "HomeLanguage", "Id", "Language", "RoundId", "Sex"], columns.Response);
    }

    [GeneratedRegex("TS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")]
    private static partial Regex CodePattern();
}
