using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liaison.Web.Tests.Browser;

/// <summary>
/// The case page in a real browser: a form sent twice records once, "Check first" keeps the form, a refusal keeps what
/// was typed, a screening outcome from the queue, a correction and its approval, and the printed record.
/// </summary>
[Collection(nameof(RunAlone))]
public sealed class CaseRecordBrowserTests(BrowserApp app)
{
    [Fact(Timeout = 120_000)]
    public async Task TheInterviewForm_SentTwiceAtOnce_RecordsOneInterview()
    {
        await app.BookAsync("BR-1", "Vega", "Rosa");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BR-1");
        await officer.Locator("#act-interview summary").ClickAsync();
        await officer.Locator("#claims").SelectOptionAsync("foreign-national");

        // A double click that reaches the server twice: the same form, with its request id, sent twice concurrently.
        var statuses = await officer.Locator("#act-interview form").EvaluateAsync<int[]>(
            "f => Promise.all([1, 2].map(() => fetch(f.action, { method: 'POST', body: new FormData(f), redirect: 'manual' }).then(r => r.status)))");
        Assert.Equal(2, statuses.Length);

        await officer.ReloadAsync();
        await Assertions.Expect(officer.Locator(".timeline li", new() { HasText = "Interview" })).ToHaveCountAsync(1);
        await Assertions.Expect(officer.Locator(".timeline li.refused")).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 120_000)]
    public async Task CheckFirst_SaysWhatWouldChange_KeepsTheValues_AndRecordsNothing()
    {
        await app.BookAsync("BR-2", "Soto", "Ana");
        var jail = await app.SignInAsync("records");
        await jail.GotoAsync("/cases/BR-2");
        await jail.Locator("#act-eligible summary").ClickAsync();
        await jail.Locator("#eligible-reason").SelectOptionAsync("court-order");
        await jail.Locator("#act-eligible button.secondary").ClickAsync();

        await Assertions.Expect(jail.Locator("#answer-eligible")).ToContainTextAsync("The engine would accept this. Custody: In jail → Release required.");
        await Assertions.Expect(jail.Locator("#eligible-reason")).ToHaveValueAsync("court-order");
        await Assertions.Expect(jail.Locator(".timeline li")).ToHaveCountAsync(1); // only the booking
        await BrowserApp.AssertAccessibleAsync(jail);
    }

    [Fact(Timeout = 120_000)]
    public async Task OnAPhone_NoPageIsWiderThanTheScreen_AndTheBoardsCountdownIsInView()
    {
        await app.BookAsync("BR-4", "Ibarra", "Noemi");
        await app.HoldForIceAsync("BR-4");
        var jail = await app.SignInAsync("records");
        var officer = await app.SignInAsync("moreno");
        var admin = await app.SignInAsync("admin");
        foreach (var (page, url) in new[] { (jail, "/board"), (jail, "/cases/BR-4"), (officer, "/queue"), (admin, "/admin/officers"), (admin, "/admin") })
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync(url);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{url} is {width} px wide at 390 px");
        }

        await jail.GotoAsync("/board");
        var countdown = jail.Locator("#held-title ~ * .countdown, section:has(#held-title) .countdown, section:has(#soon-title) .countdown").First;
        await Assertions.Expect(countdown).ToBeInViewportAsync();
        var box = await countdown.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.X + box.Width <= 390, $"the countdown ends at {box.X + box.Width} px");
        await BrowserApp.AssertAccessibleAsync(jail);
        await BrowserApp.ScreenshotAsync(jail, "board-phone");
    }

    [Fact(Timeout = 120_000)]
    public async Task ThePrintedCase_ShowsTheRecordWithoutNavigationOrForms()
    {
        await app.BookAsync("BR-3", "Ramos", "Luz");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BR-3");
        await officer.EmulateMediaAsync(new() { Media = Media.Print });

        await Assertions.Expect(officer.Locator("header.top")).ToBeHiddenAsync();
        await Assertions.Expect(officer.Locator("details.act").First).ToBeHiddenAsync();
        await Assertions.Expect(officer.Locator(".timeline")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator(".printed")).ToBeVisibleAsync();
        await Assertions.Expect(officer.Locator(".printed")).ToContainTextAsync("Printed");
        await BrowserApp.ScreenshotAsync(officer, "case-print");
    }

    [Fact(Timeout = 120_000)]
    public async Task AnOfficer_TakesABookingFromTheQueue_AndScreensItNoAction_WithTheReasonOnTheRecord()
    {
        await app.BookAsync("BR-5", "Quintero", "Lidia");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/queue?show=unassigned");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Take booking BR-5" }).ClickAsync();
        await officer.GotoAsync("/queue?show=mine");
        await Assertions.Expect(officer.Locator("table.grid tr", new() { HasText = "BR-5" })).ToContainTextAsync("You");
        await BrowserApp.AssertAccessibleAsync(officer);

        await officer.GetByRole(AriaRole.Link, new() { Name = "BR-5" }).ClickAsync();
        await officer.Locator("#act-screen summary").ClickAsync();
        await officer.GetByLabel("Screened: no action").CheckAsync();
        await officer.Locator("#act-screen button[type=submit]").ClickAsync(); // no reason yet: the page asks for one, keeps the choice
        await Assertions.Expect(officer.Locator("#answer-screen")).ToContainTextAsync("Reason");
        await Assertions.Expect(officer.GetByLabel("Screened: no action")).ToBeCheckedAsync();

        await officer.Locator("#screen-note").FillAsync("Born in Tucson; birth certificate seen.");
        await officer.Locator("#act-screen button[type=submit]").ClickAsync();
        await Assertions.Expect(officer.Locator("body")).ToContainTextAsync("Recorded: screened, no action.");
        await Assertions.Expect(officer.Locator(".timeline")).ToContainTextAsync("Born in Tucson; birth certificate seen.");
        await Assertions.Expect(officer.Locator("#act-screen")).ToHaveCountAsync(0);
        await BrowserApp.AssertAccessibleAsync(officer);

        await officer.GotoAsync("/queue?show=no-action");
        await Assertions.Expect(officer.Locator("table.grid tr", new() { HasText = "BR-5" })).ToContainTextAsync("Screened: no action");
        await BrowserApp.AssertAccessibleAsync(officer);
        await BrowserApp.ScreenshotAsync(officer, "queue-screened");
    }

    [Fact(Timeout = 120_000)]
    public async Task AMistakenEntry_IsCorrectedFromTheTimeline_TheOriginalStays_AndBothAreShown()
    {
        await app.BookAsync("BR-6", "Paredes", "Iris");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BR-6");
        await officer.Locator("#act-interview summary").ClickAsync();
        await officer.Locator("#lang").FillAsync("en");
        await officer.Locator("#claims").SelectOptionAsync("foreign-national");
        await officer.Locator("#act-interview button.primary").ClickAsync();
        await Assertions.Expect(officer.Locator(".timeline li", new() { HasText = "Interview" })).ToHaveCountAsync(1);

        await officer.GetByRole(AriaRole.Link, new() { Name = "Correct or void entry #2" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#correction-title")).ToContainTextAsync("Correct entry #2: Interview");
        await BrowserApp.AssertAccessibleAsync(officer);
        await officer.Locator("#correction #lang").FillAsync("es");
        await officer.Locator("#fix-reason").FillAsync("The interview was in Spanish; English was entered by mistake.");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Record the correction" }).ClickAsync();

        await Assertions.Expect(officer.Locator("body")).ToContainTextAsync("Corrected entry #2 (the original stays on the timeline).");
        var original = officer.Locator("#entry-2");
        await Assertions.Expect(original).ToContainTextAsync("Corrected by entry #3");
        await Assertions.Expect(original).ToContainTextAsync("English (en)");
        await Assertions.Expect(officer.Locator("#entry-3")).ToContainTextAsync("Spanish (es)");
        await Assertions.Expect(officer.Locator("#entry-3")).ToContainTextAsync("The interview was in Spanish; English was entered by mistake.");
        await BrowserApp.AssertAccessibleAsync(officer);
        await BrowserApp.ScreenshotAsync(officer, "case-corrected");
    }

    [Fact(Timeout = 120_000)]
    public async Task ACorrectionThatChangesCustody_WaitsInTheSupervisorsInbox_UntilApproved()
    {
        await app.BookAsync("BR-7", "Lozano", "Marta");
        await app.HoldForIceAsync("BR-7");
        var jail = await app.SignInAsync("records");
        await jail.GotoAsync("/cases/BR-7");
        var eligible = jail.Locator(".timeline li", new() { HasText = "Eligible for release" });
        var entry = (await eligible.GetAttributeAsync("id"))!.Replace("entry-", "", StringComparison.Ordinal);
        await eligible.GetByRole(AriaRole.Link, new() { NameRegex = new("Correct or void") }).ClickAsync();
        await jail.Locator("#void-reason").FillAsync("Bond was posted on another booking.");
        await jail.Locator("#correction input[name='Form.Confirmed']").CheckAsync();
        await jail.GetByRole(AriaRole.Button, new() { Name = $"Void entry #{entry}" }).ClickAsync();
        await Assertions.Expect(jail.Locator("body")).ToContainTextAsync($"Proposed: this correction of entry #{entry} changes custody or a deadline");
        await Assertions.Expect(jail.Locator(".badge", new() { HasText = "Held for ICE" }).First).ToBeVisibleAsync(); // the record stands until approved

        var supervisor = await app.SignInAsync("park");
        await supervisor.GotoAsync("/work");
        await Assertions.Expect(supervisor.Locator("body")).ToContainTextAsync("Corrections to approve");
        await BrowserApp.AssertAccessibleAsync(supervisor);
        await supervisor.Locator("a[href^='/cases/BR-7#proposal-']").ClickAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { NameRegex = new("Approve") }).First.ClickAsync();

        await Assertions.Expect(supervisor.Locator("body")).ToContainTextAsync("Approved and recorded");
        await Assertions.Expect(supervisor.Locator(".badge", new() { HasText = "In jail" }).First).ToBeVisibleAsync();
        await Assertions.Expect(supervisor.Locator($"#entry-{entry}")).ToContainTextAsync("voided");
        await BrowserApp.AssertAccessibleAsync(supervisor);
    }

    [Fact(Timeout = 120_000)]
    public async Task AnAlert_IsAcknowledgedOnTheCasePage_AndClearsItselfWhenIceTakesCustody()
    {
        await app.BookAsync("BR-8", "Serrano", "Elsa");
        await app.HoldForIceAsync("BR-8");
        await app.BookAsync("BR-9", "Acosta", "Nora");
        await app.HoldForIceAsync("BR-9");

        // The auditor reads the alert and is offered nothing it may not do.
        var auditor = await app.SignInAsync("auditor");
        await auditor.GotoAsync("/cases/BR-8");
        await Assertions.Expect(auditor.Locator("ul.alerts li")).ToContainTextAsync("Notify ICE of release");
        await Assertions.Expect(auditor.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" })).ToHaveCountAsync(0);

        var jail = await app.SignInAsync("records");
        await jail.GotoAsync("/cases/BR-8");
        await jail.Locator("ul.alerts li", new() { HasText = "Notify ICE of release" }).GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await jail.WaitForURLAsync(url => url.EndsWith("/cases/BR-8", StringComparison.Ordinal));
        await Assertions.Expect(jail.Locator("ul.alerts li", new() { HasText = "Notify ICE of release" })).ToHaveCountAsync(0);

        // ICE takes BR-9: its alerts end with custody, without anyone acknowledging them.
        await jail.GotoAsync("/alerts?booking=BR-9");
        await Assertions.Expect(jail.Locator("table.alerts-table tbody tr")).Not.ToHaveCountAsync(0);
        var ice = await app.SignInAsync("ito");
        await ice.GotoAsync("/cases/BR-9");
        await ice.Locator("#act-assume summary").ClickAsync();
        await ice.Locator("#act-assume input[name='Form.Confirmed']").CheckAsync();
        await ice.Locator("#act-assume button.primary").ClickAsync();
        await Assertions.Expect(ice.Locator(".flash")).ToContainTextAsync("Recorded: ICE took custody.");

        await jail.GotoAsync("/alerts?booking=BR-9");
        await Assertions.Expect(jail.Locator("table.alerts-table")).ToHaveCountAsync(0);
        await Assertions.Expect(jail.Locator("main")).ToContainTextAsync("cleared: custody ended");
        await BrowserApp.AssertAccessibleAsync(jail);
    }

    [Fact(Timeout = 120_000)]
    public async Task TheJail_RecordsTheConsularAdvisalAndNotice_ForAMandatoryCountryNational()
    {
        await app.BookAsync("BR-10", "Campbell", "Andre", nationality: "JM");
        var jail = await app.SignInAsync("records");
        await jail.GotoAsync("/cases/BR-10");
        var consular = jail.Locator("section.consular");
        await Assertions.Expect(consular).ToContainTextAsync("Mandatory-notification country");
        await Assertions.Expect(consular).ToContainTextAsync("Consulate told: not yet");

        await jail.Locator("#act-consularAdvisal summary").ClickAsync();
        await jail.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await jail.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Assertions.Expect(jail.Locator(".flash")).ToContainTextAsync("did not ask for their consulate to be told");
        await Assertions.Expect(consular).ToContainTextAsync("asked for the consulate: no");

        await jail.Locator("#act-consularNotice summary").ClickAsync();
        await jail.GetByRole(AriaRole.Button, new() { Name = "Record the notification" }).ClickAsync(); // the consulate is required: the browser asks first
        await Assertions.Expect(jail.Locator("section.consular")).ToContainTextAsync("Consulate told: not yet");
        await jail.Locator("#consular-post").FillAsync("Consulate General of Jamaica, Miami");
        await jail.Locator("#consular-method").SelectOptionAsync("fax");
        await jail.Locator("#consular-ref").FillAsync("FAX-0412");
        await BrowserApp.AssertAccessibleAsync(jail);
        await jail.GetByRole(AriaRole.Button, new() { Name = "Record the notification" }).ClickAsync();

        await Assertions.Expect(jail.Locator(".flash")).ToContainTextAsync("Recorded: the consulate was told.");
        await Assertions.Expect(consular).ToContainTextAsync("Consulate told: yes");
        await Assertions.Expect(jail.Locator(".timeline")).ToContainTextAsync("Consulate General of Jamaica, Miami");
        await BrowserApp.AssertAccessibleAsync(jail);
        await BrowserApp.ScreenshotAsync(jail, "case-consular");
    }

    [Fact(Timeout = 120_000)]
    public async Task AnOfficer_PrintsTheDetainerNotice_InThePersonsLanguage_FromTheCasePage()
    {
        await app.BookAsync("BR-11", "Pérez", "Lucía");
        await app.HoldForIceAsync("BR-11");
        var officer = await app.SignInAsync("moreno");
        await officer.GotoAsync("/cases/BR-11");
        var documents = officer.Locator("section.documents");
        await Assertions.Expect(documents.Locator("#document-language")).ToHaveValueAsync("es"); // the booking's language
        await BrowserApp.AssertAccessibleAsync(officer);
        await BrowserApp.ScreenshotAsync(officer, "case-documents");

        var notice = await officer.RunAndWaitForPopupAsync(() => documents.GetByRole(AriaRole.Button, new() { Name = "Detainer notice" }).ClickAsync());
        Assert.Contains("handler=document", notice.Url, StringComparison.Ordinal);
        Assert.Contains("kind=detainer-notice", notice.Url, StringComparison.Ordinal);
        Assert.Contains("language=es", notice.Url, StringComparison.Ordinal);

        // What the tab shows is the PDF the officer prints: fetched with the same session, read as a reader would.
        var pdf = await officer.APIRequest.GetAsync(notice.Url);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var text = Liaison.Documents.Tests.Poppler.Text(await pdf.BodyAsync());
        Assert.Contains("Pérez, Lucía", text, StringComparison.Ordinal);
        Assert.Contains("1-855-448-6903", text, StringComparison.Ordinal);
        Assert.Contains("La cárcel puede retenerlo por esta solicitud solo hasta el", text, StringComparison.Ordinal);
        await notice.CloseAsync();
    }

    [Fact(Timeout = 120_000)]
    public async Task WhereTheAgencyGivesCopies_TheJailRecordsThePersonsCopyOfIcesRequest_FromTheCasePage()
    {
        await app.BookAsync("BR-12", "Nguyen", "Van An", nationality: "VN");
        var askedAt = default(NodaTime.Instant);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<Liaison.Data.Agency.AgencySettingsService>();
            var now = await settings.SettingsAsync();
            await settings.SaveSettingsAsync(now.Name, now.TimeZoneId, Liaison.Domain.Jurisdictions.HoldPolicy.Calendar48h, now.AlertEmail, now.DisclosureThreshold, "request-copies", "admin");
            var custody = scope.ServiceProvider.GetRequiredService<Liaison.Data.Custody.CustodyService>();
            var asked = await custody.RecordNowAsync("BR-12", at => new Liaison.Domain.Custody.RequestNotification(askedAt = at, "ice-1", "BR-12", Liaison.Domain.Custody.DetainerForm.I247G),
                new Liaison.Data.Custody.ActingAs("ice-1", "ito"));
            Assert.True(asked.Succeeded, asked.Code);
        }

        var jail = await app.SignInAsync("records");
        await jail.GotoAsync("/cases/BR-12");
        var notices = jail.Locator("section.notices");
        await Assertions.Expect(notices).ToContainTextAsync("Copy of ICE's request (I-247G notification request");
        await Assertions.Expect(notices).ToContainTextAsync("not yet — due");
        await Assertions.Expect(notices.GetByRole(AriaRole.Link, new() { Name = "Print the copy (Spanish)" })).ToBeVisibleAsync(); // the booking's language
        await BrowserApp.AssertAccessibleAsync(jail);

        await notices.GetByRole(AriaRole.Button, new() { Name = "Record that the person was given the copy" }).ClickAsync();
        await Assertions.Expect(jail.Locator(".flash")).ToContainTextAsync("Recorded: the person was given a copy of ICE's request.");
        await Assertions.Expect(notices).ToContainTextAsync("given");
        await Assertions.Expect(jail.Locator(".timeline")).ToContainTextAsync("Notice given to the person");
        // The shared clock's time depends on which tests ran first, and may be either side of the change to daylight time.
        var shown = NodaTime.Text.ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu, HH:mm x", null)
            .Format(askedAt.InZone(NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"]));
        await Assertions.Expect(jail.Locator(".timeline")).ToContainTextAsync($"copy of ICE's request of {shown}");
        await BrowserApp.AssertAccessibleAsync(jail);
        await BrowserApp.ScreenshotAsync(jail, "case-notices");
    }
}
