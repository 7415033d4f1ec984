using Microsoft.Playwright;
using NodaTime;

namespace Liaison.Web.Tests.Browser;

/// <summary>Browser tests run alone, after the others: a loaded 2-core machine makes page timings unfair.</summary>
[CollectionDefinition(nameof(RunAlone), DisableParallelization = true)]
public sealed class RunAlone;

/// <summary>The main journeys in a real browser: sign in, work a case to hand-over, see a refusal reason, the board after expiry, accessibility.</summary>
[Collection(nameof(RunAlone))]
public sealed class JourneyTests(BrowserApp app)
{
    [Fact(Timeout = 120_000)]
    public async Task Officer_WorksACase_FromScreeningToHandOver()
    {
        await app.BookAsync("BJ-1", "Hernandez", "Luis");
        var officer = await app.SignInAsync("moreno");
        var jail = await app.SignInAsync("records");
        var ice = await app.SignInAsync("ito");

        // The ICE supervisor signs the warrant in Liaison, with their own account.
        var supervisor = await app.SignInAsync("park");
        await supervisor.GotoAsync("/cases/BJ-1");
        await supervisor.Locator("#act-signWarrant summary").ClickAsync();
        await supervisor.Locator("#act-signWarrant select[name='Form.WarrantForm']").SelectOptionAsync("I-205");
        await supervisor.Locator("#act-signWarrant input[name='Form.WarrantNumber']").FillAsync("W-2001");
        await supervisor.Locator("#act-signWarrant button[type=submit]").ClickAsync();
        await Assertions.Expect(supervisor.Locator(".flash")).ToHaveTextAsync("Signed: I-205 W-2001. Designated officers can now lodge or serve it.");

        await Assertions.Expect(officer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/queue$"));
        await officer.GetByRole(AriaRole.Link, new() { Name = "BJ-1" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Name = "Hernandez, Luis" })).ToBeVisibleAsync();

        await officer.Locator("#act-lodge summary").ClickAsync();
        await officer.Locator("#act-lodge input[value=final-order]").CheckAsync();
        await officer.Locator("#act-lodge select[name='Form.SignedWarrant']").SelectOptionAsync(new SelectOptionValue { Label = "I-205 W-2001, signed by SDDO Park" });
        await officer.Locator("#act-lodge button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".flash")).ToContainTextAsync("Recorded: Detainer lodged.");

        await officer.Locator("#act-serveDetainer summary").ClickAsync();
        await officer.Locator("#act-serveDetainer button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".flash")).ToContainTextAsync("Recorded: Detainer served.");

        await jail.GotoAsync("/cases/BJ-1");
        await jail.Locator("#act-eligible summary").ClickAsync();
        await jail.Locator("#act-eligible button.primary").ClickAsync();
        await Assertions.Expect(jail.Locator(".badge").First).ToHaveTextAsync("Held for ICE");
        // The countdown ticks in the page (seconds appear once the script runs).
        await Assertions.Expect(jail.Locator(".hold .countdown .left")).ToContainTextAsync(" s");
        await BrowserApp.ScreenshotAsync(jail, "case");

        await ice.GotoAsync("/cases/BJ-1");
        await ice.Locator("#act-assume summary").ClickAsync();
        await ice.Locator("#act-assume button.primary").ClickAsync();
        // Taking custody cannot be undone: the browser will not send the form until it is confirmed.
        await Assertions.Expect(ice.Locator(".badge").First).ToHaveTextAsync("Held for ICE");
        await ice.Locator("#act-assume input[name='Form.Confirmed']").CheckAsync();
        await ice.Locator("#act-assume button.primary").ClickAsync();
        await Assertions.Expect(ice.Locator(".flash")).ToContainTextAsync("Recorded: ICE took custody.");
        await Assertions.Expect(ice.Locator(".badge").First).ToHaveTextAsync("Transferred to ICE");
    }

    [Fact(Timeout = 120_000)]
    public async Task Officer_SeesWhyAnActIsRefused()
    {
        await app.BookAsync("BJ-2", "Lopez", "Ana");
        var lapsed = await app.SignInAsync("lapsed");
        await lapsed.GotoAsync("/cases/BJ-2");

        await Assertions.Expect(lapsed.Locator(".unavailable")).ToContainTextAsync("holds no JEM certification valid on");

        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BJ-2");
        await officer.Locator("#act-lodge summary").ClickAsync();
        await officer.Locator("#act-lodge input[value=pending-proceedings]").CheckAsync();
        await officer.Locator("#act-lodge button.primary").ClickAsync(); // a basis, but no warrant

        // The slip is named inside the form, which stays open with what was ticked; nothing is on the record yet.
        await Assertions.Expect(officer.Locator("#answer-lodge")).ToContainTextAsync("warrant is required");
        await Assertions.Expect(officer.Locator("#act-lodge input[value=pending-proceedings]")).ToBeCheckedAsync();
        await Assertions.Expect(officer.Locator(".timeline li.refused")).ToHaveCountAsync(0);

        await officer.Locator("#act-lodge input[name='Form.Insist']").CheckAsync();
        await officer.Locator("#act-lodge button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".flash")).ToContainTextAsync("Refused: A signed I-200 or I-205 warrant is required.");
        await Assertions.Expect(officer.Locator(".timeline li.refused").First).ToContainTextAsync("missing-warrant");
    }

    [Fact(Timeout = 120_000)]
    public async Task ReleaseBoard_AfterAHoldExpires_SaysReleaseNow()
    {
        await app.BookAsync("BJ-3", "Reyes", "Jorge");
        await TestCounty.SignWarrantAsync(app.Services, "BJ-3", "I-200", "W-3003");
        var ice = await app.SignInAsync("ito");
        var jail = await app.SignInAsync("records");
        await ice.GotoAsync("/cases/BJ-3");
        await ice.Locator("#act-serveWarrant summary").ClickAsync();
        await ice.Locator("#act-serveWarrant select[name='Form.SignedWarrant']").SelectOptionAsync(new SelectOptionValue { Label = "I-200 W-3003, signed by SDDO Park" });
        await ice.Locator("#act-serveWarrant button.primary").ClickAsync();
        await jail.GotoAsync("/cases/BJ-3");
        await jail.Locator("#act-eligible summary").ClickAsync();
        await jail.Locator("#act-eligible button.primary").ClickAsync();

        await jail.GotoAsync("/board");
        await Assertions.Expect(jail.Locator("#held-title")).ToContainTextAsync("Held for ICE");
        await BrowserApp.ScreenshotAsync(jail, "board-held");

        app.Clock.Advance(Duration.FromHours(48) + Duration.FromMinutes(20));
        await app.RunDeadlineMonitorAsync();
        await jail.ReloadAsync();

        var releaseNow = jail.Locator("section.danger");
        await Assertions.Expect(releaseNow.GetByRole(AriaRole.Link, new() { Name = "BJ-3" })).ToBeVisibleAsync();
        await Assertions.Expect(releaseNow).ToContainTextAsync("Immigration hold ended");
        await BrowserApp.ScreenshotAsync(jail, "board");

        await jail.GotoAsync("/alerts");
        await Assertions.Expect(jail.Locator("table")).ToContainTextAsync("Hold expired: release now");
        await BrowserApp.ScreenshotAsync(jail, "alerts");
    }

    [Fact(Timeout = 120_000)]
    public async Task Officer_SeesTheDutyToTellIce_CountingDown_AndRecordsTellingIce()
    {
        await app.BookAsync("BJ-5", "Ortiz", "Elena");
        await TestCounty.SignWarrantAsync(app.Services, "BJ-5", "I-200", "W-5005");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BJ-5");
        await officer.Locator("#act-lodge summary").ClickAsync();
        await Assertions.Expect(officer.Locator("#lodge-form-hint")).ToContainTextAsync("it holds no one");
        await officer.Locator("#act-lodge input[value=final-order]").CheckAsync();
        await officer.Locator("#act-lodge select[name='Form.SignedWarrant']").SelectOptionAsync(new SelectOptionValue { Label = "I-200 W-5005, signed by SDDO Park" });
        await officer.Locator("#act-lodge button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".flash")).ToContainTextAsync("Recorded: Detainer lodged.");

        // The duty counts down in the page, from the server's clock.
        await Assertions.Expect(officer.Locator(".duties li.duty")).ToContainTextAsync("Tell ICE of the detainer");
        await Assertions.Expect(officer.Locator(".duties li.duty .left")).ToContainTextAsync(" s left");
        await officer.Locator("#act-notifyIce summary").ClickAsync();
        await BrowserApp.AssertAccessibleAsync(officer);
        await BrowserApp.ScreenshotAsync(officer, "case-duty");
        await officer.GotoAsync("/queue");
        await Assertions.Expect(officer.Locator("section.duties")).ToContainTextAsync("BJ-5");
        await BrowserApp.AssertAccessibleAsync(officer);

        await officer.GotoAsync("/cases/BJ-5");
        await officer.Locator("#act-notifyIce summary").ClickAsync();
        await officer.Locator("#notify-method").SelectOptionAsync("enforce");
        await officer.Locator("#notify-to").FillAsync("ERO duty officer");
        await officer.Locator("#notify-ref").FillAsync("ENF-5005");
        await officer.Locator("#act-notifyIce button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".flash")).ToContainTextAsync("Recorded: ICE told.");
        await Assertions.Expect(officer.Locator(".duties")).ToHaveCountAsync(0);
        await Assertions.Expect(officer.Locator(".timeline li").First).ToContainTextAsync("ENFORCE entry");
        await Assertions.Expect(officer.Locator(".timeline li").First).ToContainTextAsync("ERO duty officer");
        await Assertions.Expect(officer.Locator(".timeline li").First).ToContainTextAsync("ENF-5005");
    }

    [Fact(Timeout = 180_000)]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolations()
    {
        await app.BookAsync("BJ-4", "Cruz", "Rosa");
        var anonymous = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl })).NewPageAsync();
        await anonymous.GotoAsync("/account/sign-in");
        await BrowserApp.AssertAccessibleAsync(anonymous);
        await BrowserApp.ScreenshotAsync(anonymous, "sign-in");
        await anonymous.GotoAsync("/api"); // the integration API's reference, readable without an account
        await BrowserApp.AssertAccessibleAsync(anonymous);
        await BrowserApp.ScreenshotAsync(anonymous, "api");

        var officer = await app.SignInAsync("moreno");
        foreach (var (url, shot) in new[] { ("/queue", "queue"), ("/cases/BJ-4", "case-screening"), ("/search?q=cruz", "search"), ("/alerts", null), ("/board", null), ("/cases/B404", "not-found"), ("/no-such-page", null) })
        {
            await officer.GotoAsync(url);
            if (await officer.Locator("details.act").CountAsync() > 0)
            {
                await officer.Locator("details.act").First.EvaluateAsync("d => d.open = true"); // check the open form too
            }

            await BrowserApp.AssertAccessibleAsync(officer);
            if (shot is not null)
            {
                await BrowserApp.ScreenshotAsync(officer, shot);
            }
        }

        var admin = await app.SignInAsync("admin");
        foreach (var (url, shot) in new[] { ("/admin", "admin"), ("/admin/agreements", "admin-agreements"), ("/admin/officers", "admin-officers"), ("/admin/users", "admin-users"), ("/admin/integrations", "admin-integrations"), ("/audit", "audit") })
        {
            await admin.GotoAsync(url);
            await BrowserApp.AssertAccessibleAsync(admin);
            await BrowserApp.ScreenshotAsync(admin, shot);
        }

        var auditor = await app.SignInAsync("auditor");
        await auditor.GotoAsync("/account/denied");
        await BrowserApp.AssertAccessibleAsync(auditor);
        await auditor.GotoAsync("/work");
        await BrowserApp.AssertAccessibleAsync(auditor);
        await BrowserApp.ScreenshotAsync(auditor, "work-oversight");

        var supervisor = await app.SignInAsync("park");
        await Assertions.Expect(supervisor.GetByRole(AriaRole.Heading, new() { Name = "Your work" })).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(supervisor);
        await BrowserApp.ScreenshotAsync(supervisor, "work-supervisor");
    }

    [Fact(Timeout = 180_000)]
    public async Task TheProgramManager_PublishesAMonth_AndAnyoneReadsIt_WithoutSigningIn()
    {
        var manager = await app.SignInAsync("manager");
        await manager.GotoAsync("/statistics");
        await Assertions.Expect(manager.Locator("svg.chart")).ToHaveCountAsync(4);
        await Assertions.Expect(manager.Locator("svg.chart title").First).ToHaveTextAsync("Detainers lodged");
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "statistics");

        await manager.Locator("#note").FillAsync("Shared with the ICE field office beforehand");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Publish 2026-02" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToContainTextAsync("Published 2026-02");

        var anonymous = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl })).NewPageAsync();
        await anonymous.GotoAsync("/transparency");
        await Assertions.Expect(anonymous.Locator("table").Last).ToContainTextAsync("Shared with the ICE field office beforehand");
        await Assertions.Expect(anonymous.Locator("svg.chart")).ToHaveCountAsync(4);
        await BrowserApp.AssertAccessibleAsync(anonymous);
        await BrowserApp.ScreenshotAsync(anonymous, "transparency");

        // The same page in the reader's language: chosen from the page itself; Arabic reads right to left.
        await anonymous.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await Assertions.Expect(anonymous.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("la colaboración 287(g) en cifras");
        await Assertions.Expect(anonymous.Locator("table").Last).ToContainTextAsync("Shared with the ICE field office beforehand");
        await BrowserApp.AssertAccessibleAsync(anonymous);
        await anonymous.GetByRole(AriaRole.Link, new() { Name = "العربية" }).ClickAsync();
        await Assertions.Expect(anonymous.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Assertions.Expect(anonymous.Locator("svg.chart")).ToHaveCountAsync(4);
        await BrowserApp.AssertAccessibleAsync(anonymous);
        await BrowserApp.ScreenshotAsync(anonymous, "transparency-ar");

        // ICE's figures beside the agency's own: upload, then read the mismatches first.
        await manager.GotoAsync("/statistics");
        await manager.GetByRole(AriaRole.Link, new() { Name = "ICE's published figures beside the agency's own" }).ClickAsync();
        await manager.Locator("#ice-file").SetInputFilesAsync(new FilePayload
        {
            Name = "ice-fy2026.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("measure,period,value,source\nbookings,2026-02,999999,ICE monthly report\ndetainers-lodged,2026-02,0,ICE monthly report\n"),
        });
        await manager.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Assertions.Expect(manager.Locator(".flash")).ToContainTextAsync("Imported 2 figures from ice-fy2026.csv");
        await Assertions.Expect(manager.Locator("tbody tr").First).ToContainTextAsync("mismatch");
        await BrowserApp.AssertAccessibleAsync(manager);
        await BrowserApp.ScreenshotAsync(manager, "reconciliation");
    }
}
