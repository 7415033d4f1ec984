using System.Net;
using System.Text.RegularExpressions;
using Liaison.Data;
using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain.Bookings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Liaison.Web.Tests;

/// <summary>
/// The real web app over HTTP on a real database (a SQLite file in a fresh folder, or a fresh PostgreSQL database:
/// <see cref="TestDatabase"/>), with a fake clock the test moves.
/// The deadline monitor's timer is off: tests run its pass explicitly (<see cref="RunDeadlineMonitorAsync"/>).
/// </summary>
public sealed partial class LiaisonWebFactory : WebApplicationFactory<Program>
{
    public const string Password = TestCounty.Password;

    /// <summary>Monday 2 March 2026, 09:00 in New York.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 14, 0);

    private readonly bool _ownsDatabase;

    /// <summary>
    /// An app on a fresh database, or on <paramref name="shared"/> (another instance's: several apps on one database,
    /// which the caller disposes), its clock at <paramref name="start"/> (default <see cref="Start"/>).
    /// </summary>
    public LiaisonWebFactory(TestDatabase? shared = null, Instant? start = null)
    {
        _ownsDatabase = shared is null;
        Database = shared ?? new TestDatabase("liaison-web-tests-");
        Clock = new FakeClock(start ?? Start);
    }

    public TestDatabase Database { get; }

    public FakeClock Clock { get; }

    /// <summary>The options that open this app's database from the liaison program.</summary>
    public string[] DatabaseArgs => Database.CliArgs;

    public int SmtpPort { get; set; }

    /// <summary>Addresses of the reverse proxies this app trusts (Liaison:TrustedProxies), for tests of forwarded headers.</summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>Posts to the public complaint forms each address may send an hour (Liaison:PublicForms:PostsPerHour).</summary>
    public int PublicPostsPerHour { get; set; } = Security.PublicFormLimits.DefaultPostsPerHour;

    /// <summary>
    /// Whether sessions age on the fake clock (idle lock, shift length). Off by default: most tests move the clock by
    /// hours or days to reach deadlines while one signed-in client acts, as many officers would over those days.
    /// </summary>
    public bool SessionsOnFakeClock { get; set; }

    /// <summary>Extra service changes for one test (decorators, counters).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public static IReadOnlyDictionary<string, (string User, string? Officer)> Accounts => TestCounty.Accounts;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Liaison:DataDirectory", Database.DataDirectory);
        builder.UseSetting("Liaison:Postgres", Database.Postgres ?? "");
        builder.UseSetting("DeadlineMonitor:Enabled", "false");
        builder.UseSetting("ProjectionCheck:Enabled", "false");
        builder.UseSetting("Smtp:Host", SmtpPort > 0 ? "127.0.0.1" : "");
        builder.UseSetting("Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "none");
        builder.UseSetting("Liaison:TrustedProxies", TrustedProxies);
        builder.UseSetting("Liaison:PublicForms:PostsPerHour", PublicPostsPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IClock>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestPeer>();
            if (!SessionsOnFakeClock)
            {
                SessionsOnRealTime(services);
            }

            ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>
    /// Sessions age on real time, not on the fake clock: for tests that move the clock by hours to reach deadlines
    /// while one signed-in client acts (SessionTests cover the idle lock and the shift on the fake clock).
    /// </summary>
    public static void SessionsOnRealTime(IServiceCollection services)
    {
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme })
        {
            services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(scheme, o => o.TimeProvider = TimeProvider.System);
        }
    }

    /// <summary>Migrates and seeds the test county (see <see cref="TestCounty"/>).</summary>
    public Task InitializeAsync() => TestCounty.SeedAsync(Services);

    /// <summary>A client signed in as the user of <paramref name="role"/> (or a named user), with cookies and no auto-redirect.</summary>
    public async Task<PageClient> SignInAsync(string role, string? userName = null, CookieContainer? cookies = null)
    {
        var client = cookies is null
            ? new PageClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }))
            : ClientWith(cookies);
        var user = userName ?? Accounts[role].User;
        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = user, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/code", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        response = await client.PostFormAsync("/account/code", new() { ["Code"] = await CodeAsync(user) }, tokenFrom: "/account/code");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>A client of this app that keeps its cookies in <paramref name="cookies"/> (shared with another instance's client: one browser, two instances).</summary>
    public PageClient ClientWith(CookieContainer cookies) => new(CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies)));

    /// <summary>
    /// Enrols the account signed in half-way on <paramref name="client"/> (password accepted, no second factor yet)
    /// as a person would: reads the key the enrolment page shows, types the code an app would compute from it.
    /// Returns the recovery codes the page then shows.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnrolAsync(PageClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetPageAsync("/account/enrol");
        var key = KeyPattern().Match(page);
        Assert.True(key.Success, "no key on the enrolment page");
        var response = await client.PostFormAsync("/account/enrol", new() { ["Code"] = Totp.Code(key.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal), Clock.GetCurrentInstant()) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. RecoveryPattern().Matches(body).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("""<code class="key">([a-z2-7 ]+)</code>""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("""<li><code>([^<]+)</code></li>""")]
    private static partial Regex RecoveryPattern();

    /// <summary>The code <paramref name="userName"/>'s authenticator app shows now (on the fake clock).</summary>
    public Task<string> CodeAsync(string userName) => TestCounty.CodeAsync(Services, userName);

    public Task BookAsync(string id, string lastName = "Garcia", string firstName = "Maria", string? aNumber = null, LocalDate? dob = null, string nationality = "MX", string language = "es") =>
        TestCounty.BookAsync(Services, id, lastName, firstName, aNumber, dob, nationality, language);

    /// <summary>SDDO Park (sup-1) signs a warrant for booking <paramref name="id"/> in Liaison, as on the case page.</summary>
    public Task SignWarrantAsync(string id, string form = "I-205", string number = "W-100") => TestCounty.SignWarrantAsync(Services, id, form, number);

    public async Task RecordDhsMatchAsync(string id, RecordStatus status = RecordStatus.NoLawfulStatus)
    {
        await using var scope = Services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var result = await custody.RecordNowAsync(id, at => new Domain.Custody.BiometricResponse(at, "dhs", id, BiometricResult.Match, status), new ActingAs("dhs", null));
        Assert.Equal(StepResultKind.Applied, result.Kind);
    }

    public async Task<int> RunDeadlineMonitorAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Data.Alerts.DeadlineMonitor>().RunOnceAsync();
    }

    public async Task<T> WithDbAsync<T>(Func<LiaisonDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

/// <summary>
/// The in-memory test server has no TCP peer; a request's <see cref="Header"/> says which address it came from,
/// so tests can play a reverse proxy, an outsider and a member of staff. Runs before everything else.
/// </summary>
internal sealed class TestPeer : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].FirstOrDefault() ?? "192.0.2.1");
            await nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>An HTTP client that posts forms the way a browser does, antiforgery token included.</summary>
public sealed partial class PageClient(HttpClient http) : IDisposable
{
    /// <summary>Headers sent with every request of this client.</summary>
    public System.Net.Http.Headers.HttpRequestHeaders Headers => http.DefaultRequestHeaders;

    public HttpClient Http => http;

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="url"/>'s page (or the form page) for its antiforgery token, then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return await PostWithTokenAsync(url, fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), await TokenAsync(tokenFrom ?? url.Split('?')[0]));
    }

    /// <summary>The antiforgery token of the form on <paramref name="page"/> (good for every form of this client's session).</summary>
    public async Task<string> TokenAsync(string page)
    {
        var token = TokenPattern().Match(await http.GetStringAsync(new Uri(page, UriKind.Relative)));
        Assert.True(token.Success, "no antiforgery token on " + page);
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>Posts <paramref name="fields"/> (repeats allowed) with a token already read.</summary>
    public Task<HttpResponseMessage> PostWithTokenAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string token) =>
        http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));

    /// <summary>Posts a file as a browser's upload form does (multipart), with a token already read.</summary>
    public Task<HttpResponseMessage> PostFileWithTokenAsync(string url, string field, string fileName, byte[] content, string token)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        return http.PostAsync(new Uri(url, UriKind.Relative), form);
    }

    /// <summary>
    /// Posts an act on a case page as a browser does (a fresh request id; an act that cannot be undone confirmed) and
    /// returns the case page as shown afterwards (with its flash message).
    /// </summary>
    public async Task<string> ActAsync(string bookingId, string handler, Dictionary<string, string>? fields = null)
    {
        var sent = new Dictionary<string, string>(fields ?? []);
        sent.TryAdd("Form.RequestId", Guid.NewGuid().ToString("N"));
        if (handler is "assume" or "release" or "claim")
        {
            sent.TryAdd("Form.Confirmed", "yes");
        }

        var response = await PostFormAsync($"/cases/{bookingId}?handler={handler}", sent, $"/cases/{bookingId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetPageAsync($"/cases/{bookingId}");
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
