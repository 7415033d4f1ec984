using System.Net;
using System.Reflection;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>
/// One seam for every read and write: pages go through the application services (which audit), and the rules
/// that decide live in the engine, so an API or importer calling the same services meets the same rules.
/// </summary>
public sealed class SeamTests
{
    [Fact]
    public void NoPageOrWebService_TalksToTheDatabaseContext()
    {
        var offenders = typeof(LiaisonWebApp).Assembly.GetTypes()
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(LiaisonDbContext))))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task ADeactivatedOfficer_IsRefusedByTheEngine_WhateverEntryPointAsks()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var admin = await app.SignInAsync(Roles.Administrator);

        var deactivated = await admin.PostFormAsync("/admin/officers?handler=setActive", new() { ["officerId"] = "dso-1", ["active"] = "false" }, "/admin/officers");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        // The web app no longer lets the officer in (SessionTests); an importer or API would call the service
        // directly, with no page in between: the engine still refuses, and the attempt is on the timeline.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
            var result = await custody.RecordNowAsync("B1", at => new ServeDetainer(at, "dso-1", "B1"), new ActingAs("dso-1", "moreno"));
            Assert.Equal((StepResultKind.Refused, "not-authorized"), (result.Kind, result.Code));
            Assert.Equal("Officer dso-1 has been deactivated by the agency and may take no new step.", result.Reason);
        }

        var events = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.BookingId == "B1").OrderBy(e => e.Sequence)
            .Select(e => new { e.Action, e.Accepted, e.RefusalCode }).ToListAsync());
        Assert.Equal([("book", true, (string?)null), ("serve-detainer", false, "not-authorized")], events.Select(e => (e.Action, e.Accepted, e.RefusalCode)));

        await admin.PostFormAsync("/admin/officers?handler=setActive", new() { ["officerId"] = "dso-1", ["active"] = "true" }, "/admin/officers");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        Assert.Contains("Recorded: ", await officer.ActAsync("B1", "lodge", ActForms.Detainer()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccount_ActsOnlyAsAnOfficerOfItsOwnRole()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var impersonator = await admin.PostFormAsync("/admin/users?handler=add", new()
        {
            ["UserName"] = "impostor",
            ["DisplayName"] = "Not Park",
            ["Role"] = Roles.DesignatedOfficer,
            ["OfficerId"] = "sup-1",
            ["Password"] = "a long enough passphrase",
        }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, impersonator.StatusCode);
        Assert.Contains("Officer: sup-1 is not a designated officer", await impersonator.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "impostor")));
    }

    [Fact]
    public async Task TheQueueAndTheBoard_AreAuditedReads()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var records = await app.SignInAsync(Roles.JailStaff);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        await officer.GetPageAsync("/queue");
        await records.GetPageAsync("/board");

        var reads = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "list.read")
            .OrderBy(e => e.ChainIndex).Select(e => new { e.Actor, e.RecordType, e.Details }).ToListAsync());
        Assert.Equal(
            [("moreno", "queue", """{"view":"Awaiting","sort":"Oldest","page":1,"shown":["B1"]}"""), ("records", "board", """{"mustRelease":0,"held":0}""")],
            reads.Select(r => (r.Actor, r.RecordType, r.Details)));
    }
}
