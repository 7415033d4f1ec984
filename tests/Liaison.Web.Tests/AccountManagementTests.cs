using System.Net;
using System.Text.RegularExpressions;
using Liaison.Data.Identity;

namespace Liaison.Web.Tests;

/// <summary>Administrators disable and re-enable accounts, change roles, reset passwords and second factors; each ends the account's sessions.</summary>
public sealed partial class AccountManagementTests
{
    [Fact]
    public async Task DisablingAnAccount_EndsItsSessions_AndRefusesItsSignIn_UntilReEnabled()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var disabled = await admin.PostFormAsync("/admin/users?handler=disable", new() { ["Account"] = "moreno" }, "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("/account/sign-in", (await officer.GetAsync("/queue")).Headers.Location!.ToString(), StringComparison.Ordinal);
        var refused = await SignInWithPasswordAsync(app, "moreno");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("disabled by an administrator", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await admin.PostFormAsync("/admin/users?handler=enable", new() { ["Account"] = "moreno" }, "/admin/users");
        using var back = await app.SignInAsync(Roles.DesignatedOfficer);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/queue")).StatusCode);
    }

    [Fact]
    public async Task AWrongPassword_ForADisabledAccount_SaysOnlyThatTheNameOrPasswordIsWrong()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        await admin.PostFormAsync("/admin/users?handler=disable", new() { ["Account"] = "moreno" }, "/admin/users");
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = "not the password" });

        Assert.Contains("The user name or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministrator_CannotDisableOrDemoteThemselves()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var disable = await admin.PostFormAsync("/admin/users?handler=disable", new() { ["Account"] = "admin" }, "/admin/users");
        var demote = await admin.PostFormAsync("/admin/users?handler=role", new() { ["Account"] = "admin", ["Role"] = Roles.Auditor }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, disable.StatusCode);
        Assert.Contains("you cannot disable your own account", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, demote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task AnAccountCannotBeBoundToAnotherKindOfOfficer_OrToAnOfficerWhoAlreadyHasOne()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        // The impersonation attempt: a designated-officer account acting as the ICE supervisor.
        var impersonator = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "fake", ["DisplayName"] = "Fake", ["Role"] = Roles.DesignatedOfficer, ["OfficerId"] = "sup-1", ["Password"] = "a long enough passphrase" }, "/admin/users");
        var second = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "twin", ["DisplayName"] = "Twin", ["Role"] = Roles.IceSupervisor, ["OfficerId"] = "sup-1", ["Password"] = "a long enough passphrase" }, "/admin/users");
        var moved = await admin.PostFormAsync("/admin/users?handler=role", new() { ["Account"] = "lapsed", ["Role"] = Roles.IceSupervisor, ["OfficerId"] = "sup-1" }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, impersonator.StatusCode);
        Assert.Contains("Officer: sup-1 is not a designated officer", WebUtility.HtmlDecode(await impersonator.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Officer: sup-1 already has an account", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Null(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(db.Users, u => u.UserName == "fake")));
    }

    [Fact]
    public async Task ChangingARole_EndsTheAccountsSessions_AndItSignsInWithTheNewRole()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var lapsed = await app.SignInAsync(Roles.DesignatedOfficer, "lapsed");

        var changed = await admin.PostFormAsync("/admin/users?handler=role", new() { ["Account"] = "lapsed", ["Role"] = Roles.JailStaff, ["OfficerId"] = "dso-2" }, "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await lapsed.GetAsync("/board")).StatusCode);
        using var again = await app.SignInAsync(Roles.JailStaff, "lapsed");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/board")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await again.GetAsync("/queue")).StatusCode); // no longer a screener
        Assert.Null(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == "lapsed")).ContinueWith(t => t.Result.OfficerId, TaskScheduler.Default));
    }

    [Fact]
    public async Task APasswordReset_GivesAOneTimePassword_ThatOpensOnlyThePasswordPage_UntilReplaced()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var records = await app.SignInAsync(Roles.JailStaff);

        var reset = await admin.PostFormAsync("/admin/users?handler=resetPassword", new() { ["Account"] = "records" }, "/admin/users");
        var oneTime = OneTimePattern().Match(await reset.Content.ReadAsStringAsync()).Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(19, oneTime.Length);
        Assert.Equal(HttpStatusCode.Redirect, (await records.GetAsync("/board")).StatusCode); // the old session ended
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInWithPasswordAsync(app, "records")).StatusCode); // the old password too

        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "records", ["Password"] = oneTime });
        await client.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("records") });
        var board = await client.GetAsync("/board");
        Assert.Equal("/account/password?ReturnUrl=%2Fboard", board.Headers.Location?.OriginalString);

        var common = await client.PostFormAsync("/account/password", new() { ["CurrentPassword"] = oneTime, ["NewPassword"] = "password2026!" });
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        Assert.Contains("New password: it is one of the passwords guessers try first", await common.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var replaced = await client.PostFormAsync("/account/password?ReturnUrl=%2Fboard", new() { ["CurrentPassword"] = oneTime, ["NewPassword"] = "seven quiet harbour lamps" }, "/account/password");
        Assert.Equal("/board", replaced.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/board")).StatusCode);
        Assert.DoesNotContain(await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AuditEntries.Select(e => e.Details))), d => d != null && d.Contains(oneTime, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResettingASecondFactor_EndsTheSessions_AndTheOwnerEnrolsAgain()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var oldCode = await app.CodeAsync("moreno");

        var reset = await admin.PostFormAsync("/admin/users?handler=resetFactor", new() { ["Account"] = "moreno" }, "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/queue")).StatusCode);
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var password = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        Assert.Equal("/account/enrol", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/account/code", new() { ["Code"] = oldCode }, "/account/enrol")).StatusCode); // no code step until enrolled again
        Assert.Equal(10, (await app.EnrolAsync(client)).Count);
    }

    private static async Task<HttpResponseMessage> SignInWithPasswordAsync(LiaisonWebFactory app, string userName)
    {
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        return await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = userName, ["Password"] = LiaisonWebFactory.Password });
    }

    [GeneratedRegex("<code>([a-z0-9-]{19})</code>")]
    private static partial Regex OneTimePattern();
}
