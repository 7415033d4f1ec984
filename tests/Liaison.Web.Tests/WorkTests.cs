using System.Net;
using Liaison.Data.Identity;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>Every role lands on work of its own: the supervisor's inbox, the oversight summary, an officer's certification warning.</summary>
public sealed class WorkTests
{
    [Fact]
    public async Task TheSupervisorsInbox_ListsClaimsToResolve_AndWarrantsToSign_UntilTheyAreDone()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", lastName: "Ruiz");
        await app.BookAsync("B2", lastName: "Lima");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);
        await officer.ActAsync("B1", "claim");
        await officer.ActAsync("B2", "lodge", new() { ["Form.Bases"] = "final-order", ["Form.Insist"] = "yes" }); // refused: no warrant

        var inbox = WebUtility.HtmlDecode(await supervisor.GetPageAsync("/work"));

        Assert.Contains("Citizenship claims to resolve <span class=\"count\">1</span>", inbox, StringComparison.Ordinal);
        Assert.Contains("<td>Ruiz, Maria</td>", inbox, StringComparison.Ordinal);
        Assert.Contains("<td>Mon 2 Mar 2026, 10:00 EST</td>", inbox, StringComparison.Ordinal); // ICE told within 1 hour of the claim
        Assert.Contains("Warrants to sign <span class=\"count\">1</span>", inbox, StringComparison.Ordinal);
        Assert.Contains("<td>Lima, Maria</td>", inbox, StringComparison.Ordinal);

        await app.SignWarrantAsync("B2");
        await supervisor.ActAsync("B1", "resolve", new() { ["Form.Finding"] = "not-us-citizen", ["Form.Evidence"] = "Birth certificate, Oaxaca" });
        inbox = WebUtility.HtmlDecode(await supervisor.GetPageAsync("/work"));
        Assert.Contains("No claim is waiting.", inbox, StringComparison.Ordinal);
        Assert.Contains("No booking is waiting for a warrant.", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProgramManager_SeesTheProgramAtAGlance_WithoutNames()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", lastName: "Ruiz");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "claim");
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        var response = await manager.GetAsync("/");
        Assert.Equal("/work", response.Headers.Location?.ToString());
        var page = WebUtility.HtmlDecode(await manager.GetPageAsync("/work"));

        Assert.Contains("<dt>Citizenship claims awaiting an ICE supervisor</dt><dd>1</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ruiz", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Citizenship claims to resolve", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerWhoseCertificationEndsWithin60Days_IsWarnedOnEveryPage_AndTheManagerSeesIt()
    {
        await using var app = await TestApp.StartAsync();
        app.Clock.Reset(Instant.FromUtc(2027, 2, 8, 15, 0)); // dso-1's JEM certification ends 1 Mar 2027: 21 days
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        var queue = WebUtility.HtmlDecode(await officer.GetPageAsync("/queue"));
        var work = WebUtility.HtmlDecode(await manager.GetPageAsync("/work"));

        Assert.Contains("Your JEM certification ends on 1 Mar 2027 (in 21 days).", queue, StringComparison.Ordinal);
        Assert.Contains("Dep. Moreno (dso-1): JEM ends 1 Mar 2027 — 21 days", work, StringComparison.Ordinal);
        Assert.DoesNotContain("certification ends on", WebUtility.HtmlDecode(await manager.GetPageAsync("/statistics")), StringComparison.Ordinal);
    }
}
