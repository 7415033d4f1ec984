using System.Net;
using System.Text.RegularExpressions;
using Liaison.Data;
using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Officers;
using Liaison.Data.Persistence;
using Liaison.Domain.Bookings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Liaison.Web.Tests;

/// <summary>
/// The real web app over HTTP on a real SQLite file in a fresh folder, with a fake clock the test moves.
/// The deadline monitor's timer is off: tests run its pass explicitly (<see cref="RunDeadlineMonitorAsync"/>).
/// </summary>
public sealed partial class LiaisonWebFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery staple";

    /// <summary>Monday 2 March 2026, 09:00 in New York.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 14, 0);

    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "liaison-web-tests-" + Guid.NewGuid().ToString("N"));

    public FakeClock Clock { get; } = new(Start);

    public int SmtpPort { get; set; }

    /// <summary>Users by role, each linked to the officer record of the same name where the role acts as an officer.</summary>
    public static readonly IReadOnlyDictionary<string, (string User, string? Officer)> Accounts = new Dictionary<string, (string, string?)>
    {
        [Roles.DesignatedOfficer] = ("moreno", "dso-1"),
        [Roles.JailStaff] = ("records", null),
        [Roles.IceOfficer] = ("ito", "ice-1"),
        [Roles.IceSupervisor] = ("park", "sup-1"),
        [Roles.ProgramManager] = ("manager", null),
        [Roles.Auditor] = ("auditor", null),
        [Roles.Administrator] = ("admin", null),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Liaison:DataDirectory", _dataDir);
        builder.UseSetting("DeadlineMonitor:Enabled", "false");
        builder.UseSetting("Smtp:Host", SmtpPort > 0 ? "127.0.0.1" : "");
        builder.UseSetting("Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "none");
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }

    /// <summary>Migrates and seeds a small agency: New York, calendar-48h, a JEM agreement, the officers of the shared scenarios, one user per role.</summary>
    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        await DataServices.MigrateAsync(db);
        db.AgencySettings.Add(new AgencySettings { Name = "Test County", TimeZoneId = "America/New_York", HoldPolicy = "calendar-48h", AlertEmail = "desk@test.example" });
        db.Agreements.Add(new AgreementRecord { Id = "moa-jem", Model = "JEM", Effective = new LocalDate(2025, 2, 26) });
        db.Officers.AddRange(
            new OfficerRecord { Id = "dso-1", Name = "Dep. Moreno", Kind = "designated-officer", Certifications = [new CertificationRecord { Model = "JEM", Completed = new LocalDate(2025, 3, 1), Expires = new LocalDate(2027, 3, 1) }] },
            new OfficerRecord { Id = "dso-2", Name = "Dep. Lapsed", Kind = "designated-officer", Certifications = [new CertificationRecord { Model = "JEM", Completed = new LocalDate(2023, 1, 10), Expires = new LocalDate(2025, 1, 10) }] },
            new OfficerRecord { Id = "ice-1", Name = "Officer Ito", Kind = "ice-officer" },
            new OfficerRecord { Id = "sup-1", Name = "SDDO Park", Kind = "ice-supervisor" });
        await db.SaveChangesAsync();

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        foreach (var role in Roles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        foreach (var (role, (userName, officer)) in Accounts)
        {
            await CreateUserAsync(users, userName, role, officer);
        }

        await CreateUserAsync(users, "lapsed", Roles.DesignatedOfficer, "dso-2");
    }

    private static async Task CreateUserAsync(UserManager<LiaisonUser> users, string userName, string role, string? officer)
    {
        var user = new LiaisonUser { UserName = userName, DisplayName = userName, OfficerId = officer };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>A client signed in as the user of <paramref name="role"/> (or a named user), with cookies and no auto-redirect.</summary>
    public async Task<PageClient> SignInAsync(string role, string? userName = null)
    {
        var client = new PageClient(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = userName ?? Accounts[role].User, ["Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>Books a person as the jail system would, through the same use case as every entry point.</summary>
    public async Task BookAsync(string id, string lastName = "Garcia", string firstName = "Maria", string? aNumber = null, LocalDate? dob = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var outcome = await custody.BookAsync(
            new NewBooking(id, "P-" + id, lastName, firstName, dob ?? new LocalDate(1990, 5, 17), aNumber, "MX", "MX", "es", [new Charge("5404", "Driving under the influence", "misdemeanor", "pending")]),
            new ActingAs("jms", null));
        Assert.True(outcome.Accepted);
    }

    public async Task RecordDhsMatchAsync(string id)
    {
        await using var scope = Services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var outcome = await custody.RecordAsync(id, at => new Domain.Custody.BiometricResponse(at, "dhs", id, BiometricResult.Match, RecordStatus.NoLawfulStatus), new ActingAs("dhs", null));
        Assert.True(outcome!.Accepted);
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
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
    }
}

/// <summary>An HTTP client that posts forms the way a browser does, antiforgery token included.</summary>
public sealed partial class PageClient(HttpClient http) : IDisposable
{
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
        var page = await http.GetStringAsync(new Uri(tokenFrom ?? url.Split('?')[0], UriKind.Relative));
        var token = TokenPattern().Match(page);
        Assert.True(token.Success, "no antiforgery token on " + (tokenFrom ?? url));
        var pairs = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).ToList();
        pairs.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
        return await http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(pairs));
    }

    /// <summary>Posts an act on a case page and returns the case page as shown afterwards (with its flash message).</summary>
    public async Task<string> ActAsync(string bookingId, string handler, Dictionary<string, string>? fields = null)
    {
        var response = await PostFormAsync($"/cases/{bookingId}?handler={handler}", fields ?? [], $"/cases/{bookingId}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await GetPageAsync($"/cases/{bookingId}");
    }

    public void Dispose() => http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
