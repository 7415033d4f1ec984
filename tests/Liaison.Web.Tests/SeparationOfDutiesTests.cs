using System.Net;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>No single person changes the rules alone (two-person rule), and the program manager reads but does not record certifications.</summary>
public sealed class SeparationOfDutiesTests
{
    private static async Task<LiaisonWebFactory> StartWithTwoPersonRuleAsync()
    {
        var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Data.Administration.RuleChanges>().SetTwoPersonRuleAsync(true);
        return app;
    }

    [Fact]
    public async Task ASettingsChange_IsOnlyProposed_UntilAnotherPersonApprovesIt()
    {
        await using var app = await StartWithTwoPersonRuleAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var admin = await app.SignInAsync(Roles.Administrator);

        var proposed = await manager.PostFormAsync("/admin?handler=settings", new() { ["Settings.Name"] = "Test County", ["Settings.TimeZoneId"] = "America/Chicago", ["Settings.HoldPolicy"] = "business-48h", ["Settings.AlertEmail"] = "" }, "/admin");

        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        Assert.Equal("America/New_York", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.TimeZoneId).SingleAsync())); // nothing applied yet
        var id = await app.WithDbAsync(db => db.ProposedChanges.Select(p => p.Id).SingleAsync());
        var page = await manager.GetPageAsync("/admin");
        Assert.Contains("waiting for another person", page, StringComparison.Ordinal);

        var selfApproval = await manager.PostFormAsync("/admin?handler=approve", new() { ["proposalId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin");
        Assert.Equal(HttpStatusCode.BadRequest, selfApproval.StatusCode);
        Assert.Contains("you proposed this change; another person must approve it", await selfApproval.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("America/New_York", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.TimeZoneId).SingleAsync()));

        var approved = await admin.PostFormAsync("/admin?handler=approve", new() { ["proposalId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal("America/Chicago", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.TimeZoneId).SingleAsync()));
        Assert.Equal("manager, approved by admin", await app.WithDbAsync(db => db.JurisdictionVersions.OrderByDescending(v => v.EffectiveAt).Select(v => v.ChangedBy).FirstAsync()));
        var trail = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action.StartsWith("change.") || e.Action == "settings.change").OrderBy(e => e.ChainIndex).Select(e => new { e.Action, e.Actor }).ToListAsync());
        Assert.Equal([("settings.change", "system"), ("change.proposed", "manager"), ("change.approved", "admin"), ("settings.change", "admin")], trail.Select(t => (t.Action, t.Actor)));
    }

    [Fact]
    public async Task AnAgreement_ProposedAndRejected_IsNeverAdded()
    {
        await using var app = await StartWithTwoPersonRuleAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        await admin.PostFormAsync("/admin/agreements?handler=add", new() { ["Id"] = "moa-wso", ["Model"] = "WSO", ["Effective"] = "2026-03-01" }, "/admin/agreements");
        var id = await app.WithDbAsync(db => db.ProposedChanges.Select(p => p.Id).SingleAsync());
        var rejected = await manager.PostFormAsync("/admin?handler=reject", new() { ["proposalId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Agreements.AnyAsync(a => a.Id == "moa-wso")));
        Assert.Equal("rejected", await app.WithDbAsync(db => db.ProposedChanges.Select(p => p.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/admin?handler=approve", new() { ["proposalId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/admin")).StatusCode);
    }

    [Fact]
    public async Task SwitchingTheRuleOff_IsAuditedAndStaysVisible_AndChangesThenApplyAtOnce()
    {
        await using var app = await StartWithTwoPersonRuleAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        await admin.PostFormAsync("/admin?handler=twoPersonRule", new() { ["on"] = "false" }, "/admin");
        var page = await admin.GetPageAsync("/admin");
        await admin.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "2026-12-24", ["HolidayName"] = "Christmas Eve" }, "/admin");

        Assert.Contains("Two-person rule off.", page, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Holidays.AnyAsync()));
        Assert.Contains("\"twoPersonRule\":false", (await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "settings.change" && e.Actor == "admin").Select(e => e.Details).ToListAsync()))[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProgramManager_ReadsCertifications_ButCannotRecordThem()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        var page = await manager.GetPageAsync("/admin/officers");
        var add = await manager.PostFormAsync("/admin/officers?handler=addCertification", new() { ["OfficerId"] = "dso-2", ["Model"] = "JEM", ["Completed"] = "2026-01-05", ["Expires"] = "2028-01-05", ["LetterNumber"] = "L-1", ["LetterDate"] = "2026-01-10", ["LetterSignedBy"] = "FOD" }, "/admin/officers");

        Assert.Contains("Dep. Lapsed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=addCertification", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.StartsWith("/account/denied", add.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Certifications.CountAsync(c => c.OfficerId == "dso-2")));
    }
}
