using System.Net;
using Liaison.Data.Identity;

namespace Liaison.Web.Tests;

/// <summary>Sessions end when they should: a copied cookie dies with sign-out; only the methods the app uses are answered.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task ACookieCopiedBeforeSignOut_NoLongerWorksAfterIt()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        await officer.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        var signIn = await officer.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("moreno") });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("liaison=", StringComparison.Ordinal)).Split(';')[0];
        using var copy = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/queue", UriKind.Relative))).StatusCode);

        var signedOut = await officer.PostFormAsync("/account/sign-out", [], "/queue");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var replayed = await copy.GetAsync(new Uri("/queue", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Contains("/account/sign-in", replayed.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASessionUnusedFor30Minutes_Locks_AndSigningInAgainReturnsToThePage()
    {
        await using var app = await TestApp.StartAsync(f => f.SessionsOnFakeClock = true);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        app.Clock.Advance(NodaTime.Duration.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/queue")).StatusCode); // used within 30 minutes: still open

        app.Clock.Advance(NodaTime.Duration.FromMinutes(31));
        var locked = await officer.GetAsync("/board");

        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        Assert.Contains("/account/sign-in?ReturnUrl=%2Fboard", locked.Headers.Location!.ToString(), StringComparison.Ordinal);
        await officer.PostFormAsync("/account/sign-in?ReturnUrl=%2Fboard", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password }, "/account/sign-in");
        var back = await officer.PostFormAsync("/account/code?ReturnUrl=%2Fboard", new() { ["Code"] = await app.CodeAsync("moreno") }, "/account/code?ReturnUrl=%2Fboard");
        Assert.Equal("/board", back.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ASessionInUse_EndsAfterOneShift()
    {
        await using var app = await TestApp.StartAsync(f => f.SessionsOnFakeClock = true);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        for (var minutes = 20; minutes < 10 * 60; minutes += 20)
        {
            app.Clock.Advance(NodaTime.Duration.FromMinutes(20));
            Assert.True((await officer.GetAsync("/queue")).StatusCode == HttpStatusCode.OK, $"closed after {minutes} minutes of use");
        }

        app.Clock.Advance(NodaTime.Duration.FromMinutes(20)); // 10 h 00 min after signing in
        app.Clock.Advance(NodaTime.Duration.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/queue")).StatusCode);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    public async Task MethodsTheAppDoesNotUse_AreRefused(string method)
    {
        await using var app = await TestApp.StartAsync();
        using var client = await app.SignInAsync(Roles.DesignatedOfficer);

        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri("/queue", UriKind.Relative));
        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("GET, HEAD, POST", string.Join(", ", response.Content.Headers.Allow));
    }
}

public sealed class DeactivatedOfficerSessionTests
{
    [Fact]
    public async Task ADeactivatedOfficer_IsSignedOutAtOnce_AndCannotSignInAgain()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var admin = await app.SignInAsync(Roles.Administrator);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/queue")).StatusCode);

        await admin.PostFormAsync("/admin/officers?handler=setActive", new() { ["officerId"] = "dso-1", ["active"] = "false" }, "/admin/officers");

        var after = await officer.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/sign-in", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var again = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var signIn = await again.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        Assert.Contains("officer record has been deactivated", await signIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
