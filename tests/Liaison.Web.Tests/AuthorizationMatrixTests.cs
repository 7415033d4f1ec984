using System.Net;
using Liaison.Data.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>
/// Least privilege, pinned: every endpoint the app maps (read from ASP.NET Core's endpoint data source, so a new page
/// without an entry here fails) × every role and an anonymous visitor → what a GET answers.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Anonymous = "anonymous";

    private static readonly string[] CaseRoles = [Roles.DesignatedOfficer, Roles.IceOfficer, Roles.IceSupervisor, Roles.JailStaff, Roles.ProgramManager, Roles.Auditor];
    private static readonly string[] Screeners = [Roles.DesignatedOfficer, Roles.IceOfficer, Roles.IceSupervisor, Roles.ProgramManager, Roles.Auditor];
    private static readonly string[] Everyone = [.. Roles.All];

    /// <summary>Route pattern → the URL tried and who may open it (everyone else is denied; anonymous visitors are sent to sign in).</summary>
    private static readonly Dictionary<string, (string Url, string[] Allowed)> Matrix = new()
    {
        [""] = ("/", Everyone),
        ["account/sign-in"] = ("/account/sign-in", [Anonymous, .. Everyone]),
        ["account/denied"] = ("/account/denied", [Anonymous, .. Everyone]),
        ["account/sign-out"] = ("/account/sign-out", Everyone),
        // The second step opens only with the cookie a right password gives; without it everyone is sent to sign in.
        ["account/code"] = ("/account/code", []),
        ["account/enrol"] = ("/account/enrol", []),
        ["account/password"] = ("/account/password", Everyone),
        ["account/confirm"] = ("/account/confirm", Everyone),
        ["error"] = ("/error", [Anonymous, .. Everyone]),
        ["health"] = ("/health", [Anonymous, .. Everyone]),
        ["healthz"] = ("/healthz", [Anonymous, .. Everyone]),
        ["readyz"] = ("/readyz", [Anonymous, .. Everyone]),
        ["queue"] = ("/queue", Screeners),
        // Each role's own work: what it shows depends on the role (the supervisor's inbox names people; others see counts).
        ["work"] = ("/work", Everyone),
        ["board"] = ("/board", [.. Screeners, Roles.JailStaff]),
        ["cases/{id}"] = ("/cases/B1", CaseRoles),
        ["search"] = ("/search?q=garcia", CaseRoles),
        // Alerts name bookings and deadlines, not people; administrators see the record checks there.
        ["alerts"] = ("/alerts", [.. CaseRoles, Roles.Administrator]),
        ["admin"] = ("/admin", [Roles.ProgramManager, Roles.Administrator]),
        ["admin/agreements"] = ("/admin/agreements", [Roles.ProgramManager, Roles.Administrator]),
        ["admin/officers"] = ("/admin/officers", [Roles.ProgramManager, Roles.Administrator]),
        ["admin/users"] = ("/admin/users", [Roles.Administrator]),
        ["admin/integrations"] = ("/admin/integrations", [Roles.Administrator]),
        // The integration API's documentation is public, as the software is; the API itself takes keys only (IntegrationApiTests).
        ["api"] = ("/api", [Anonymous, .. Everyone]),
        ["openapi/{documentName}.json"] = ("/openapi/v1.json", [Anonymous, .. Everyone]),
        ["audit"] = ("/audit", [Roles.Auditor, Roles.Administrator]),
        // Results: the program's oversight roles see the dashboard; everyone, signed in or not, the published figures.
        ["statistics"] = ("/statistics", [Roles.ProgramManager, Roles.Auditor, Roles.Administrator]),
        ["statistics/reconciliation"] = ("/statistics/reconciliation", [Roles.ProgramManager, Roles.Auditor, Roles.Administrator]),
        ["statistics/reporting"] = ("/statistics/reporting", [Roles.ProgramManager, Roles.Auditor, Roles.Administrator]),
        ["statistics/survey"] = ("/statistics/survey", [Roles.ProgramManager, Roles.Auditor, Roles.Administrator]),
        // The community survey: anyone with an invitation answers (the code is checked when the answer is sent).
        ["survey/{lang?}"] = ("/survey/es", [Anonymous, .. Everyone]),
        ["transparency/{lang?}"] = ("/transparency/es", [Anonymous, .. Everyone]),
        // Complaints: anyone may file and follow one and print the poster; what was filed, only those who work or audit complaints.
        ["complaints/{lang?}"] = ("/complaints/es", [Anonymous, .. Everyone]),
        ["complaints/status/{lang?}"] = ("/complaints/status/es", [Anonymous, .. Everyone]),
        ["complaints/poster/{lang?}"] = ("/complaints/poster", [Anonymous, .. Everyone]),
        ["complaint-records"] = ("/complaint-records", [Roles.ProgramManager, Roles.Auditor]),
        ["complaint-records/{id}"] = ("/complaint-records/1", [Roles.ProgramManager, Roles.Auditor]),
        ["api/public/statistics.csv"] = ("/api/public/statistics.csv", [Anonymous, .. Everyone]),
        ["api/public/statistics.json"] = ("/api/public/statistics.json", [Anonymous, .. Everyone]),
    };

    /// <summary>The integration API: an integration key only, whoever is signed in (IntegrationApiTests check the keys).</summary>
    private static readonly string[] ApiRoutes = ["api/v1/dhs/responses", "api/v1/jms/events"];

    /// <summary>Answered by the address asking, not by who is signed in (OperationsTests check the addresses).</summary>
    private static readonly string[] AddressRoutes = ["metrics"];

    [Fact]
    public async Task TheApi_RefusesEveryStaffSession()
    {
        await using var app = await TestApp.StartAsync();
        foreach (var role in Roles.All)
        {
            using var client = await app.SignInAsync(role);
            foreach (var route in ApiRoutes)
            {
                var response = await client.Http.PostAsync(new Uri("/" + route, UriKind.Relative), new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{role} POST /{route}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task EveryEndpoint_IsInTheMatrix()
    {
        await using var app = await TestApp.StartAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.Trim('/') ?? "")
            .Where(r => r != "index")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Matrix.Keys.Concat(ApiRoutes).Concat(AddressRoutes).Order(StringComparer.Ordinal), routes);
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachRoleAsTheMatrixSays()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Data.Complaints.ComplaintService>().FileAsync(new("en", "A complaint.", null, null, null, null, null)); // C-000001
        }

        var clients = new Dictionary<string, PageClient> { [Anonymous] = new(app.CreateClient(new() { AllowAutoRedirect = false })) };
        foreach (var role in Roles.All)
        {
            clients[role] = await app.SignInAsync(role);
        }

        var wrong = new List<string>();
        foreach (var (route, (url, allowed)) in Matrix)
        {
            foreach (var (who, client) in clients)
            {
                if (route == "account/sign-out" && who != Anonymous)
                {
                    continue; // a GET of sign-out only goes home; checked below so the other sessions stay signed in
                }

                var response = await client.GetAsync(url);
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
                var denied = response.StatusCode == HttpStatusCode.Redirect && (location.StartsWith("/account/denied", StringComparison.Ordinal) || location.StartsWith("/account/sign-in", StringComparison.Ordinal));
                var expectedAllowed = allowed.Contains(who);
                if (denied == expectedAllowed || response.StatusCode >= HttpStatusCode.InternalServerError)
                {
                    wrong.Add($"{who} GET {url}: {(int)response.StatusCode} {location}");
                }
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.Empty(wrong);
    }
}
