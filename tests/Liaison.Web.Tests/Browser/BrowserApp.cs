using Deque.AxeCore.Playwright;
using Liaison.Data.Alerts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

using NodaTime.Testing;

[assembly: AssemblyFixture(typeof(Liaison.Web.Tests.Browser.BrowserApp))]

namespace Liaison.Web.Tests.Browser;

/// <summary>
/// The app on real Kestrel (loopback, a free port, a real SQLite file) and one headless Debian Chromium
/// shared by every browser test. Set LIAISON_SCREENSHOTS to a folder to save a screenshot of each main page.
/// </summary>
public sealed partial class BrowserApp : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly TestDatabase _database = new("liaison-browser-");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public FakeClock Clock { get; } = new(LiaisonWebFactory.Start);

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        _app = LiaisonWebApp.Build(
            ["--urls=http://127.0.0.1:0", .. _database.AppArgs, "--DeadlineMonitor:Enabled=false", "--ProjectionCheck:Enabled=false", "--environment=Production"],
            b =>
            {
                b.Services.AddSingleton<NodaTime.IClock>(Clock);
                LiaisonWebFactory.SessionsOnRealTime(b.Services); // journeys move the clock by hours to reach deadlines
            });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
        await TestCounty.SeedAsync(_app.Services);

        var chromium = Environment.GetEnvironmentVariable("LIAISON_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {chromium} (Debian: apt-get install -y chromium; ./test.sh installs it).");
        }

        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs, Timeout = 60_000 });
    }

    /// <summary>A new browser context (its own cookies) signed in through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1360, Height = 900 }, TimezoneId = "America/New_York" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(TestCounty.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code", new() { Exact = true }).FillAsync(await TestCounty.CodeAsync(Services, userName));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // Polls the address rather than waiting for a navigation event: a navigation already finished before the wait
            // began is not missed (WaitForURL with Commit once timed out at /work, already there). The next page's own
            // checks wait for what they need.
            await Assertions.Expect(page).ToHaveURLAsync(SignedInAddress());
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"Sign-in as {userName} did not leave the sign-in pages; at {page.Url} it shows: {await page.InnerTextAsync("main")}", e);
        }
        return page;
    }

    /// <summary>Any address but the sign-in pages'.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^(?!.*/account/)")]
    private static partial System.Text.RegularExpressions.Regex SignedInAddress();

    public async Task<T> WithDbAsync<T>(Func<Liaison.Data.Persistence.LiaisonDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<Liaison.Data.Persistence.LiaisonDbContext>());
    }

    public Task BookAsync(string id, string lastName = "Garcia", string firstName = "Maria", string nationality = "MX") =>
        TestCounty.BookAsync(Services, id, lastName, firstName, nationality: nationality);

    /// <summary>A booked person held for ICE: SDDO Park signs an I-200, ICE serves it, the jail says they may go (through the write path).</summary>
    public async Task HoldForIceAsync(string id)
    {
        await TestCounty.SignWarrantAsync(Services, id, "I-200", $"W-{id}");
        await using var scope = Services.CreateAsyncScope();
        var warrants = scope.ServiceProvider.GetRequiredService<Liaison.Data.Custody.WarrantSignatures>();
        var warrant = await warrants.WarrantAsync(id, Liaison.Domain.Custody.WarrantForm.I200, $"W-{id}");
        var custody = scope.ServiceProvider.GetRequiredService<Liaison.Data.Custody.CustodyService>();
        var served = await custody.RecordNowAsync(id, at => new Liaison.Domain.Custody.ServeWarrant(at, "ice-1", id, warrant), new Liaison.Data.Custody.ActingAs("ice-1", "ito"));
        var eligible = await custody.RecordNowAsync(id, at => new Liaison.Domain.Custody.ReleaseEligible(at, "jms", id, "bond-posted"), new Liaison.Data.Custody.ActingAs("jms", "records"));
        Assert.True(served.Succeeded && eligible.Succeeded, $"{served.Code} {eligible.Code}");
    }

    public async Task RunDeadlineMonitorAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeadlineMonitor>().RunOnceAsync();
    }

    /// <summary>Fails on any serious or critical accessibility violation (axe-core), naming rule and element.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page.Url}:\n" + string.Join("\n", bad));
    }

    /// <summary>Saves a screenshot when LIAISON_SCREENSHOTS names a folder (used to refresh docs/screenshots).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("LIAISON_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
