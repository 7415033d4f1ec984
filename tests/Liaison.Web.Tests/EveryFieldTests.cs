using System.Net;
using System.Reflection;
using Liaison.Data.Identity;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>
/// Input that cannot hurt: every field every page binds (found by reflection over the page models, so a new field
/// is covered the day it is added) has a documented limit, and a value over it, or with a NUL or a text-direction
/// character, answers 400 naming the field, never 500, with nothing stored.
/// </summary>
public sealed class EveryFieldTests
{
    private static readonly Assembly Web = typeof(LiaisonWebApp).Assembly;

    public static IEnumerable<(Type Page, string Handler, string Field)> Fields()
    {
        foreach (var page in Web.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract))
        {
            var bound = page.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null)
                .SelectMany(p => Simple(p.PropertyType) ? [p.Name] : p.PropertyType.GetProperties().Where(q => q.CanWrite && Simple(q.PropertyType)).Select(q => $"{p.Name}.{q.Name}"))
                .ToList();
            foreach (var handler in page.GetMethods().Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var name = handler.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal);
                var parameters = handler.GetParameters().Where(p => Simple(p.ParameterType)).Select(p => p.Name!);
                foreach (var field in bound.Concat(parameters).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    yield return (page, name.Length == 0 ? "" : char.ToLowerInvariant(name[0]) + name[1..], field);
                }
            }
        }
    }

    [Fact]
    public void EveryBoundField_HasADocumentedLimit()
    {
        var fields = Fields().Select(f => f.Field).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        Assert.NotEmpty(fields);
        var unlimited = fields.Where(f => !FieldLimits.Fields.ContainsKey(f)).ToList();
        Assert.True(unlimited.Count == 0, "no limit for " + string.Join(", ", unlimited));
        var documented = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md"));
        var undocumented = FieldLimits.Fields.Keys.Where(f => !documented.Contains($"`{f}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "not in docs/security.md: " + string.Join(", ", undocumented));
    }

    [Fact]
    public async Task AHostileValue_InAnyFieldOfAnyPage_IsRefusedNamingTheField_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync(f => f.PublicPostsPerHour = 10_000); // every public field is tried, more than an hour's posts
        await app.BookAsync("B1");
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .GroupBy(e => e.DisplayName ?? "") // pages have one name each; the health endpoints share one
            .ToDictionary(g => g.Key, g => "/" + (g.First().RoutePattern.RawText ?? "").Replace("{id}", "B1", StringComparison.Ordinal));
        var clients = new Dictionary<string, (PageClient Client, string Token)>();
        async Task<(PageClient Client, string Token)> ClientAsync(string? role)
        {
            var key = role ?? "anonymous";
            if (!clients.TryGetValue(key, out var entry))
            {
                var client = role is null ? new PageClient(app.CreateClient(new() { AllowAutoRedirect = false })) : await app.SignInAsync(role);
                entry = clients[key] = (client, await client.TokenAsync(role is null ? "/account/sign-in" : "/account/password"));
            }

            return entry;
        }

        var before = await StoredAsync(app);
        var wrong = new List<string>();
        var tried = 0;
        foreach (var (page, handler, field) in Fields())
        {
            var path = ViewPath(page);
            var url = routes[path] + (handler.Length > 0 ? $"?handler={handler}" : "");
            var (client, token) = await ClientAsync(RoleFor(path));
            var limit = FieldLimits.For(field);
            var hostile = (tried++ % 3) switch
            {
                0 => new string('x', limit.MaxLength + 1),
                1 => "a\0b",
                _ when limit.Text == FieldText.Secret => "a\u0007b",
                _ => "Dep. \u202ESmith",
            };

            var response = await client.PostWithTokenAsync(url, [new(field, hostile)], token);
            var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains($"{limit.Label}: ", StringComparison.Ordinal))
            {
                wrong.Add($"{url} {field}: {(int)response.StatusCode} {string.Join(" | ", System.Text.RegularExpressions.Regex.Matches(body, "<li>([^<]*)</li>").Select(m => m.Groups[1].Value))}");
            }
        }

        foreach (var (client, _) in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(tried > 200, $"only {tried} fields tried");
        Assert.Empty(wrong);
        Assert.Equal(before, await StoredAsync(app));
    }

    [Fact]
    public async Task AnOversizedRequest_IsRefusedBeforeItIsRead_WithAReason()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var token = await officer.TokenAsync("/cases/B1");

        var huge = await officer.PostWithTokenAsync("/cases/B1?handler=lodge", ActForms.Detainer().With("Form.WarrantNumber", new string('W', 4 * 1024 * 1024)), token);
        var many = await officer.PostWithTokenAsync("/cases/B1?handler=lodge", Enumerable.Range(0, 300).Select(i => new KeyValuePair<string, string>("Form.Advisals", $"a{i}")), token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Contains("The request is larger than 256 KB.", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Contains("at most 256 fields", await many.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task ALongValue_NeverBecomesACookie_ThatBreaksLaterRequests()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var response = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = new string('u', 40 * 1024), ["DisplayName"] = "X", ["Role"] = Roles.Auditor, ["Password"] = "a long enough passphrase" }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("User name: at most 64 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.All(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => Assert.True(c.Length < 4096));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredFormToken_AnswersAPageThatSaysSo_NotAnEmpty400()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostWithTokenAsync("/cases/B1?handler=lodge", [new("Form.Bases", "final-order")], "not-a-token");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form had expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Who may post to the page at <paramref name="path"/> (null: anyone); the guard runs after authorisation.</summary>
    private static string? RoleFor(string path) => path switch
    {
        "/Account/SignIn" or "/Account/Code" or "/Account/Enrol" => null,
        "/Admin/Users" or "/Admin/Officers" or "/Admin/Integrations" => Roles.Administrator,
        _ when path.StartsWith("/Admin", StringComparison.Ordinal) => Roles.ProgramManager,
        "/Statistics/Index" or "/Statistics/Reconciliation" or "/Statistics/Survey" => Roles.ProgramManager,
        "/Transparency/Index" or "/Complaints/File" or "/Complaints/Status" or "/Survey/Answer" => null,
        "/ComplaintRecords/Complaint" => Roles.ProgramManager,
        _ => Roles.DesignatedOfficer,
    };

    /// <summary>Liaison.Web.Pages.Admin.UsersModel → /Admin/Users.</summary>
    private static string ViewPath(Type page) =>
        page.Namespace!["Liaison.Web.Pages".Length..].Replace('.', '/') + "/" + page.Name[..^"Model".Length];

    private static bool Simple(Type type) => type == typeof(string) || type == typeof(int) || type == typeof(List<string>) || Nullable.GetUnderlyingType(type) is not null || type.IsPrimitive;

    private static Task<(int Events, int Changes)> StoredAsync(LiaisonWebFactory app) => app.WithDbAsync(async db =>
        (await db.CustodyEvents.CountAsync() + await db.Complaints.CountAsync(), await db.AuditEntries.CountAsync(e => e.Action.EndsWith(".change") || e.Action.StartsWith("custody.") || e.Action.StartsWith("complaint.") || e.Action == "alert.acknowledge")));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Liaison.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Liaison.slnx not found above the test folder.");
    }
}
