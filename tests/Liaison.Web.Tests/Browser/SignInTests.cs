using Liaison.Data.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liaison.Web.Tests.Browser;

/// <summary>A new account's first sign-in in a real browser: password, the QR enrolment page, a code, the recovery codes.</summary>
[Collection(nameof(RunAlone))]
public sealed class SignInTests(BrowserApp app)
{
    [Fact(Timeout = 120_000)]
    public async Task ANewAccount_EnrolsWithTheQrPage_ThenSignsInWithACode()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync("vega", "Rae Vega", Roles.Auditor, null, "marble kettle orchard dune");
            Assert.True(created.Succeeded);
        }

        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/audit");
        await page.GetByLabel("User name").FillAsync("vega");
        await page.GetByLabel("Password").FillAsync("marble kettle orchard dune");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up your second factor" })).ToBeVisibleAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.True(await qr.EvaluateAsync<int>("img => img.naturalWidth") > 100); // a real image, not a broken one
        await BrowserApp.AssertAccessibleAsync(page);
        await BrowserApp.ScreenshotAsync(page, "enrol");

        var key = (await page.Locator("code.key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await page.GetByLabel("Code from your app").FillAsync(Totp.Code(key, app.Clock.GetCurrentInstant()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.recovery-codes li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to Liaison" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/audit$")); // back where they were going
        await context.CloseAsync();

        // The next sign-in asks for the code.
        var next = await (await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl })).NewPageAsync();
        await next.GotoAsync("/account/sign-in");
        await next.GetByLabel("User name").FillAsync("vega");
        await next.GetByLabel("Password").FillAsync("marble kettle orchard dune");
        await next.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(next.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
        await BrowserApp.AssertAccessibleAsync(next);
        await next.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(key, app.Clock.GetCurrentInstant()));
        await next.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(next.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
    }
}
