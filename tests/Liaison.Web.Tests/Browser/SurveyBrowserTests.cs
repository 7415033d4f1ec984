using System.Text.RegularExpressions;
using Liaison.Data.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NodaTime;

namespace Liaison.Web.Tests.Browser;

/// <summary>
/// The community trust survey in a real browser: the program manager opens a round, prints invitations and imports the
/// population margins; two people answer, in Spanish and in English, each with a code from the sheet; the code cannot
/// be used twice; the program manager sees the weighted results. Every page passes axe.
/// </summary>
[Collection(nameof(RunAlone))]
public sealed partial class SurveyBrowserTests(BrowserApp app)
{
    private async Task<IPage> VisitorAsync(string language)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static async Task AnswerAsync(IPage page, IReadOnlyList<(string Statement, string Answer)> answers, IReadOnlyList<(string Question, string Answer)> about)
    {
        foreach (var (statement, answer) in answers.Concat(about))
        {
            await page.GetByRole(AriaRole.Group, new() { Name = statement }).GetByLabel(answer, new() { Exact = true }).CheckAsync();
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task TheProgramManagerRunsARound_AndPeopleAnswerInSpanishAndEnglish_OncePerCode()
    {
        var month = app.Clock.GetCurrentInstant().InUtc().Date.PlusMonths(2); // a month no other test fields a round in
        var manager = await app.SignInAsync("manager");
        await manager.GotoAsync("/statistics/survey");
        await manager.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser round");
        await manager.GetByLabel("Month it is fielded in").FillAsync($"{month.Year:0000}-{month.Month:00}");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Open", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash.ok")).ToContainTextAsync("Opened Browser round");
        await manager.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = "census.csv",
            MimeType = "text/csv",
            Buffer = "dimension,category,population\nethnicity,hispanic,400\nethnicity,not-hispanic,600\n"u8.ToArray(),
        });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash.ok")).ToContainTextAsync("Imported 2 margins");
        var round = manager.GetByRole(AriaRole.Region, new() { Name = "Browser round" });
        await round.GetByLabel("Invitations").FillAsync("3");
        await round.GetByRole(AriaRole.Button, new() { Name = "Issue" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".invitation")).ToHaveCountAsync(3);
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "survey-invitations");
        var codes = (await manager.Locator(".invitation .tracking-code").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.All(codes, c => Assert.Matches(CodePattern(), c));

        // Spanish, chosen by the browser's language; one statement left unanswered, one characteristic declined.
        var ana = await VisitorAsync("es-MX");
        await ana.GotoAsync("/survey");
        await Assertions.Expect(ana.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Encuesta comunitaria");
        await BrowserApp.AssertAccessibleAsync(ana);
        await BrowserApp.ScreenshotAsync(ana, "survey-es");
        await ana.GetByLabel("El código de su invitación").FillAsync(codes[0].ToLowerInvariant());
        await AnswerAsync(ana,
            [("Los agentes tratan a las personas con dignidad y respeto.", "De acuerdo"), ("Los agentes de este condado toman decisiones justas cuando tratan con la gente.", "Ni de acuerdo ni en desacuerdo"),
             ("Si yo fuera víctima de un delito, lo denunciaría a la oficina del sheriff.", "Muy de acuerdo"), ("Si viera que se comete un delito, lo denunciaría a la oficina del sheriff.", "De acuerdo")],
            [("¿Es usted hispano o latino?", "Sí, hispano o latino"), ("Su edad", "Prefiero no decirlo")]);
        await ana.GetByRole(AriaRole.Button, new() { Name = "Enviar mis respuestas" }).ClickAsync();
        await Assertions.Expect(ana.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gracias");
        await BrowserApp.AssertAccessibleAsync(ana);

        // The same code again: refused, in Spanish.
        await ana.GotoAsync("/survey/es");
        await ana.GetByLabel("El código de su invitación").FillAsync(codes[0]);
        await AnswerAsync(ana, [("Los agentes tratan a las personas con dignidad y respeto.", "Muy en desacuerdo")], []);
        await ana.GetByRole(AriaRole.Button, new() { Name = "Enviar mis respuestas" }).ClickAsync();
        await Assertions.Expect(ana.Locator(".flash.error")).ToContainTextAsync("Este código ya se usó");
        await BrowserApp.AssertAccessibleAsync(ana);

        var joe = await VisitorAsync("en-US");
        await joe.GotoAsync("/survey");
        await joe.GetByLabel("The code on your invitation").FillAsync(codes[1]);
        await AnswerAsync(joe,
            [("Deputies treat people with dignity and respect.", "Strongly agree"), ("Deputies explain their decisions to the people they deal with.", "Agree"),
             ("If I were the victim of a crime, I would report it to the sheriff's office.", "Agree"), ("If I saw a crime happen, I would report it to the sheriff's office.", "Agree")],
            [("Are you Hispanic or Latino?", "No")]);
        await joe.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        await Assertions.Expect(joe.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");

        // Two answers: weighted, but every group (and everyone) rests on fewer than k, so all is suppressed.
        await manager.GotoAsync("/statistics/survey");
        await Assertions.Expect(manager.Locator("tr", new() { HasText = "Browser round" })).ToContainTextAsync("66.7%");
        await Assertions.Expect(manager.Locator("#results-heading")).ToContainTextAsync("Results: Browser round");
        await Assertions.Expect(manager.Locator("[data-scale=trust-procedural-justice]")).ToContainTextAsync("suppressed");
        await Assertions.Expect(manager.Locator("main")).ToContainTextAsync("Weighted to the population by ethnicity (raking): 2 of 2 responses used");
        await BrowserApp.AssertAccessibleAsync(manager);

        // Forty more answers (through the same service as the form): now everyone, and each ethnicity, is estimated.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var surveys = scope.ServiceProvider.GetRequiredService<SurveyService>();
            var id = (await surveys.OverviewAsync()).Rounds.Single(r => r.Round.Name == "Browser round").Round.Id;
            var (more, _) = await surveys.IssueBatchAsync(id, 40, SurveyService.Email, "manager");
            for (var i = 0; i < more.Count; i++)
            {
                var hispanic = i % 2 == 0;
                var value = ((hispanic ? 2 : 4) + (i % 4 / 2)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                Assert.Empty(await surveys.RespondAsync(new SurveySubmission(more[i], hispanic ? "es" : "en",
                    new Dictionary<string, string?> { ["pj-fair"] = value, ["pj-respect"] = value, ["wr-victim"] = "4", ["wr-witness"] = "5" },
                    new Dictionary<string, string?> { ["ethnicity"] = hispanic ? "hispanic" : "not-hispanic" })));
            }
        }

        await manager.ReloadAsync();
        await Assertions.Expect(manager.Locator("[data-scale=trust-procedural-justice] strong")).ToHaveTextAsync(new Regex(@"^3\.\d\d$"));
        await Assertions.Expect(manager.Locator("tr[data-group=ethnicity-hispanic]").First).Not.ToContainTextAsync("suppressed");
        await Assertions.Expect(manager.Locator("svg.chart.intervals")).ToHaveCountAsync(2);
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "survey");
    }

    [GeneratedRegex("^TS-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex CodePattern();
}
