using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;

namespace Liaison.Web.Tests.Browser;

/// <summary>
/// The complaint journey in a real browser: a member of the public files in Spanish (with a photo) and follows the
/// code; someone files in English on a Friday; the program manager works it, the deadline monitor raises ICE's referral
/// clock after the weekend, recording the referral clears it; the Spanish filer sees the finding in Spanish.
/// </summary>
[Collection(nameof(RunAlone))]
public sealed partial class ComplaintBrowserTests(BrowserApp app)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private async Task<IPage> VisitorAsync(string language)
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    [Fact(Timeout = 180_000)]
    public async Task APersonFilesAndFollowsAComplaint_AndStaffKeepTheAgreementsClocks_InEnglishAndSpanish()
    {
        // Spanish: the browser's language chooses the form; a photo goes with it; the receipt shows the code, in this browser only.
        var ana = await VisitorAsync("es-MX");
        await ana.GotoAsync("/complaints");
        await Assertions.Expect(ana.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Presentar una queja");
        await BrowserApp.AssertAccessibleAsync(ana);
        await BrowserApp.ScreenshotAsync(ana, "complaint-es");
        await ana.GetByLabel("Qué pasó").FillAsync("En la admisión el agente no me dio copia de la solicitud de ICE y no hubo intérprete.");
        await ana.GetByLabel("Documentos o fotos (opcional)").SetInputFilesAsync(new FilePayload { Name = "copia.png", MimeType = "image/png", Buffer = Png });
        await ana.GetByRole(AriaRole.Button, new() { Name = "Enviar la queja" }).ClickAsync();
        await Assertions.Expect(ana.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Su queja fue recibida");
        var code = (await ana.Locator(".tracking-code").InnerTextAsync()).Trim();
        Assert.Matches("^LC-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        var anasNumber = NumberPattern().Match(await ana.Locator(".receipt").InnerTextAsync()).Value;
        await BrowserApp.AssertAccessibleAsync(ana);
        var filed = await app.WithDbAsync(db => db.Complaints.CountAsync());
        await ana.ReloadAsync(); // the receipt again, not the complaint filed twice
        await Assertions.Expect(ana.Locator(".tracking-code")).ToHaveTextAsync(code);
        Assert.Equal(filed, await app.WithDbAsync(db => db.Complaints.CountAsync()));

        await ana.GetByRole(AriaRole.Link, new() { Name = "Seguir una queja que presentó" }).First.ClickAsync();
        await ana.GetByLabel("Código de seguimiento").FillAsync(code.ToLowerInvariant());
        await ana.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
        await Assertions.Expect(ana.Locator(".stage")).ToHaveTextAsync("Recibida: en espera de que se asigne a un investigador");
        await BrowserApp.AssertAccessibleAsync(ana);

        // English, on a Friday at noon in the facility's zone: ICE is owed it by Tuesday noon, the weekend not counted.
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];
        var today = app.Clock.GetCurrentInstant().InZone(zone).Date;
        var friday = today.Next(IsoDayOfWeek.Friday).At(new LocalTime(12, 0)).InZoneStrictly(zone).ToInstant();
        app.Clock.Advance(friday - app.Clock.GetCurrentInstant());
        var joe = await VisitorAsync("en-US");
        await joe.GotoAsync("/complaints");
        await joe.GetByLabel("What happened").FillAsync("The designated officer at intake laughed at my accent and refused an interpreter.");
        await joe.GetByLabel("Name").FillAsync("Joe Q. Public");
        await joe.GetByRole(AriaRole.Button, new() { Name = "Send the complaint" }).ClickAsync();
        await Assertions.Expect(joe.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your complaint was received");
        var joesNumber = NumberPattern().Match(await joe.Locator(".receipt").InnerTextAsync()).Value;

        var manager = await app.SignInAsync("manager");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Complaints", Exact = true }).ClickAsync();
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "complaints");
        await manager.GetByRole(AriaRole.Link, new() { Name = joesNumber }).ClickAsync();
        await Assertions.Expect(manager.Locator("blockquote.narrative")).ToContainTextAsync("refused an interpreter");
        await manager.GetByLabel("Investigator (user name)").FillAsync("park");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToHaveTextAsync("Assigned.");
        var tuesdayNoon = today.Next(IsoDayOfWeek.Friday).PlusDays(4).At(new LocalTime(12, 0)).InZoneStrictly(zone);
        await Assertions.Expect(manager.Locator("table.clocks tr", new() { HasText = "referred to ICE" })).ToContainTextAsync(tuesdayNoon.ToString("ddd d MMM uuuu, HH':'mm", System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.AssertAccessibleAsync(manager);

        // Tuesday 12:01: late. The deadline monitor raises it in the alert inbox of those who read complaints.
        app.Clock.Advance(tuesdayNoon.ToInstant() + Duration.FromMinutes(1) - app.Clock.GetCurrentInstant());
        await app.RunDeadlineMonitorAsync();
        await manager.GotoAsync("/alerts");
        var alert = manager.Locator("tr", new() { HasText = joesNumber });
        await Assertions.Expect(alert).ToContainTextAsync("Complaint overdue");
        await alert.GetByRole(AriaRole.Link, new() { Name = joesNumber }).ClickAsync();
        await Assertions.Expect(manager.Locator("table.clocks tr", new() { HasText = "referred to ICE" })).ToContainTextAsync("overdue");
        await manager.Locator("summary", new() { HasText = "Refer, or send results" }).ClickAsync();
        await manager.GetByLabel("Sent to").SelectOptionAsync("ice");
        await manager.GetByLabel("Their reference (optional)").FillAsync("ERO-77");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToHaveTextAsync("Referral recorded.");
        await Assertions.Expect(manager.Locator("table.clocks tr", new() { HasText = "referred to ICE" })).ToContainTextAsync("late");
        await manager.GotoAsync("/alerts");
        await Assertions.Expect(manager.Locator("table").First).Not.ToContainTextAsync(joesNumber);

        // Ana's complaint, worked to its end: a finding, the results to ICE, closed.
        await manager.GotoAsync("/complaint-records");
        await manager.GetByRole(AriaRole.Link, new() { Name = anasNumber }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Link, new() { Name = "copia.png" })).ToBeVisibleAsync();
        await manager.GetByLabel("Investigator (user name)").FillAsync("park");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Assign" }).ClickAsync();
        await manager.Locator("summary", new() { HasText = "Refer, or send results" }).ClickAsync();
        await manager.GetByLabel("Sent to").SelectOptionAsync("ice");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Start the investigation" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToHaveTextAsync("Investigation started.");
        await manager.Locator("summary", new() { HasText = "Record the finding" }).ClickAsync();
        await manager.GetByLabel("Finding", new() { Exact = true }).SelectOptionAsync("not-sustained");
        await manager.GetByLabel("Summary", new() { Exact = true }).FillAsync("No recording of the intake; the officer denies it.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record the finding" }).ClickAsync();
        await manager.Locator("summary", new() { HasText = "Refer, or send results" }).ClickAsync();
        await manager.GetByLabel("Sent to").SelectOptionAsync("ice");
        await manager.GetByLabel("These are the investigation's results").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToHaveTextAsync("Results sent recorded.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Close the complaint" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToHaveTextAsync("Closed.");
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "complaint");

        await ana.GotoAsync("/complaints/status/es");
        await ana.GetByLabel("Código de seguimiento").FillAsync(code);
        await ana.GetByRole(AriaRole.Button, new() { Name = "Consultar" }).ClickAsync();
        await Assertions.Expect(ana.Locator(".stage")).ToHaveTextAsync("Cerrada");
        await Assertions.Expect(ana.Locator(".finding")).ToHaveTextAsync("No comprobada: las pruebas no permiten confirmarla ni descartarla");
        await Assertions.Expect(ana.Locator("main")).Not.ToContainTextAsync("officer denies");
        await BrowserApp.AssertAccessibleAsync(ana);

        var poster = await VisitorAsync("en-US");
        await poster.GotoAsync("/complaints/poster");
        await Assertions.Expect(poster.Locator(".qr-code svg")).ToHaveCountAsync(2);
        await BrowserApp.AssertAccessibleAsync(poster);
        await BrowserApp.ScreenshotAsync(poster, "complaint-poster");
    }

    [GeneratedRegex("C-[0-9]{6}")]
    private static partial Regex NumberPattern();
}
