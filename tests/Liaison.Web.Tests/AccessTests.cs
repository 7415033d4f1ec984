using System.Net;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>Sign-in and authorisation on the server: every page checks the role; acting needs an officer or jail identity.</summary>
public sealed class AccessTests
{
    [Theory]
    [InlineData("/queue")]
    [InlineData("/board")]
    [InlineData("/cases/B1")]
    [InlineData("/search")]
    [InlineData("/alerts")]
    [InlineData("/admin")]
    public async Task EveryPage_SendsAnonymousVisitorsToSignIn(string url)
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithAWrongPassword_IsRefusedWithAMessage()
    {
        await using var app = await TestApp.StartAsync();
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        var response = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = "wrong password here" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("user name or password is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.DesignatedOfficer, "/queue")]
    [InlineData(Roles.IceSupervisor, "/work")]
    [InlineData(Roles.JailStaff, "/board")]
    [InlineData(Roles.ProgramManager, "/work")]
    [InlineData(Roles.Administrator, "/admin")]
    [InlineData(Roles.Auditor, "/work")]
    public async Task EachRole_StartsOnItsOwnPage(string role, string start)
    {
        await using var app = await TestApp.StartAsync();
        using var client = await app.SignInAsync(role);

        var response = await client.GetAsync("/");

        Assert.Equal(start, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData(Roles.JailStaff, "/queue", false)]
    [InlineData(Roles.JailStaff, "/admin", false)]
    [InlineData(Roles.Auditor, "/admin", false)]
    [InlineData(Roles.DesignatedOfficer, "/admin", false)]
    [InlineData(Roles.Auditor, "/queue", true)]
    [InlineData(Roles.Auditor, "/board", true)]
    [InlineData(Roles.JailStaff, "/board", true)]
    [InlineData(Roles.ProgramManager, "/admin/officers", true)]
    public async Task Pages_AreOpenOnlyToTheirRoles(string role, string url, bool allowed)
    {
        await using var app = await TestApp.StartAsync();
        using var client = await app.SignInAsync(role);

        var response = await client.GetAsync(url);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Auditor_CannotAct_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var page = await auditor.GetPageAsync("/cases/B1");
        var response = await auditor.PostFormAsync("/cases/B1?handler=release", [], "/cases/B1");

        Assert.Contains("reads cases; it does not act on them", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.Http.PostAsync(new Uri("/cases/B1?handler=claim", UriKind.Relative), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task Pages_SendSecurityHeaders()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
