using Microsoft.Playwright;

namespace Liaison.Web.Tests.Browser;

/// <summary>The case page in a real browser: a form sent twice records once, "Check first" keeps the form, and the printed record.</summary>
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
}
