using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Tests;

/// <summary>
/// Dual notification (the model is California's TRUTH Act): where the agency's settings say so, the person is given a
/// copy of every ICE request about them, and is told (with their attorney) when ICE is to be told of their release,
/// each within 24 hours; late ones raised by the deadline monitor and cleared when given; recorded beside the custody
/// record and audited.
/// </summary>
public sealed class DualNotificationTests
{
    private static async Task<(LiaisonWebFactory App, string LodgedAt)> LodgedAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "consularAdvisal", ActForms.ConsularAdvisalDeclined());
        var lodged = await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B1" && e.Action == "lodge-detainer").Select(e => e.At).SingleAsync());
        return (app, InstantPattern.ExtendedIso.Format(lodged));
    }

    private static Task<List<AlertRecord>> NoticeAlertsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.Kind == AlertKinds.NoticeOverdue).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task OnceTheAgencyGivesCopies_EachIceRequestOwesThePersonACopyWithin24Hours_RaisedWhenLate_ClearedWhenGiven()
    {
        var (app, _) = await LodgedAsync();
        await using var __ = app;
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        // No rule, no notice owed: nothing shown, nothing raised.
        Assert.DoesNotContain("Notices to the person", await officer.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        app.Clock.Advance(Duration.FromHours(25));
        await app.RunDeadlineMonitorAsync();
        Assert.Empty(await NoticeAlertsAsync(app));

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("request-copies", "release-notices"), "/admin")).StatusCode);
        Assert.Equal("request-copies,release-notices", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.DualNotices).SingleAsync()));
        var settingsAudit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditLog.SettingsChange).Select(e => e.Details).ToListAsync());
        Assert.Contains(settingsAudit, d => d!.Contains("\"DualNotices\":\"request-copies,release-notices\"", StringComparison.Ordinal));

        // The rules decide from when they are on: the detainer lodged before owes no copy (settings never rewrite history).
        Assert.DoesNotContain("Copy of ICE's request (", WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1")), StringComparison.Ordinal);
        await app.BookAsync("B2");
        await app.SignWarrantAsync("B2");
        await officer.ActAsync("B2", "lodge", ActForms.Detainer());
        var lodgedAt = InstantPattern.ExtendedIso.Format(await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B2" && e.Action == "lodge-detainer").Select(e => e.At).SingleAsync()));
        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B2"));
        Assert.Contains("Copy of ICE's request (I-247A detainer, Tue 3 Mar 2026, 10:00 EST): not yet — due Wed 4 Mar 2026, 10:00 EST", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases/B2?handler=document&kind=dual-notice&language=es\" target=\"_blank\" rel=\"noopener\">Print the copy (Spanish)</a>", page, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(25));
        Assert.Contains("due Wed 4 Mar 2026, 10:00 EST (overdue)", WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B2")), StringComparison.Ordinal);
        await app.RunDeadlineMonitorAsync();
        Assert.Equal(Instant.FromUtc(2026, 3, 4, 15, 0), Assert.Single(await NoticeAlertsAsync(app)).DueAt);
        await app.RunDeadlineMonitorAsync();
        Assert.Single(await NoticeAlertsAsync(app)); // once per due instant

        page = WebUtility.HtmlDecode(await officer.ActAsync("B2", "notice", new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = lodgedAt }));
        Assert.Contains("Recorded: the person was given a copy of ICE's request. Custody and any hold are unchanged.", page, StringComparison.Ordinal);
        Assert.Contains("Copy of ICE's request (I-247A detainer, Tue 3 Mar 2026, 10:00 EST): given Wed 4 Mar 2026, 11:00 EST (later than 24 hours)", page, StringComparison.Ordinal);
        Assert.Equal("the notice was given", Assert.Single(await NoticeAlertsAsync(app)).ClearedBecause);
        Assert.Contains(AuditLog.NoticeGiven, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()));
        Assert.Equal(["book", "lodge-detainer", "notice"], await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B2" && e.Accepted).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync()));
        using (var scope = app.Services.CreateScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ProjectionCheck>().VerifyAsync("B2")); // a notice is not a custody step
        }

        page = WebUtility.HtmlDecode(await officer.ActAsync("B2", "notice", new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = lodgedAt }));
        Assert.Contains("Already recorded: the person was given a copy of ICE's request.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheJailMustTellIceOfARelease_ThePersonAndTheirAttorneyAreToldToo()
    {
        var (app, _) = await LodgedAsync();
        await using var __ = app;
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("release-notices"), "/admin");
        using var jail = await app.SignInAsync(Roles.JailStaff);
        app.Clock.Advance(Duration.FromHours(2));
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });

        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.DoesNotContain("Copy of ICE's request (", page, StringComparison.Ordinal); // copies are not this agency's rule
        Assert.Contains("Release notice (release eligible, Mon 2 Mar 2026, 11:00 EST): not yet — due Tue 3 Mar 2026, 11:00 EST", page, StringComparison.Ordinal);

        var eligibleAt = await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B1" && e.Action == "release-eligible").Select(e => e.At).SingleAsync());
        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "notice", new()
        {
            ["Form.NoticeKind"] = "release-notice",
            ["Form.NoticeAbout"] = InstantPattern.ExtendedIso.Format(eligibleAt),
            ["Form.Attorney"] = "Ana Ruiz, public defender",
        }));
        Assert.Contains("Recorded: the person and their attorney (Ana Ruiz, public defender) were told of the release ICE is told of.", page, StringComparison.Ordinal);
        Assert.Contains("given Mon 2 Mar 2026, 11:00 EST; attorney told: Ana Ruiz, public defender", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadNotice_IsRefusedNamingTheField_AndOnlyTheJailsRecordKeepersRecordThem()
    {
        var (app, lodgedAt) = await LodgedAsync();
        await using var _ = app;
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("request-copies"), "/admin");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var before = await app.WithDbAsync(db => db.CustodyEvents.CountAsync());

        foreach (var (fields, message) in new (Dictionary<string, string>, string)[]
        {
            (new() { ["Form.NoticeKind"] = "poster", ["Form.NoticeAbout"] = lodgedAt }, "Notice: \"poster\" is not one of request-copy, release-notice, interview-consent."),
            (new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = "yesterday" }, "Notice about: \"yesterday\" is not the instant of an entry on this record."),
            (new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = "2026-03-02T13:00:00Z" }, "No copy of an ICE request is owed for the entry of 2026-03-02T13:00:00Z."),
            (new() { ["Form.NoticeKind"] = "release-notice", ["Form.NoticeAbout"] = lodgedAt }, "No release notice is owed"),
        })
        {
            using var response = await officer.PostFormAsync("/cases/B1?handler=notice", fields, "/cases/B1");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        foreach (var role in new[] { Roles.IceOfficer, Roles.Auditor })
        {
            using var other = await app.SignInAsync(role);
            using var denied = await other.PostFormAsync("/cases/B1?handler=notice", new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = lodgedAt }, "/cases/B1");
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var badSetting = await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("request-copies", "interview-poster"), "/admin");
        Assert.Equal(HttpStatusCode.BadRequest, badSetting.StatusCode);
        Assert.Contains("Notices to the person: \"interview-poster\" is not one of request-copies, release-notices, interview-consent.", WebUtility.HtmlDecode(await badSetting.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("request-copies", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.DualNotices).SingleAsync()));
        Assert.Equal(before, await app.WithDbAsync(db => db.CustodyEvents.CountAsync()));
    }

    [Fact]
    public async Task WhereTheAgencyAsksConsent_TheFormComesBeforeEachIceInterview_AndAnInterviewWithoutItIsRaised()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("interview-consent"), "/admin");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "consularAdvisal", ActForms.ConsularAdvisalDeclined());

        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));
        Assert.Contains("Before the next ICE interview: give the person the interview consent form first; no answer is recorded.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/cases/B1?handler=document&kind=interview-consent&language=es\"", page, StringComparison.Ordinal);

        page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "notice", new() { ["Form.NoticeKind"] = "interview-consent", ["Form.Consent"] = "with-attorney" }));
        Assert.Contains("Recorded: the person was given the interview consent form and agreed only with their attorney present.", page, StringComparison.Ordinal);
        Assert.Contains("Before the next ICE interview: the person agreed only with their attorney present (Mon 2 Mar 2026, 09:00 EST).", page, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(30));
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "es", ["Form.Advisals"] = "rights" });
        app.Clock.Advance(Duration.FromHours(3));
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "es", ["Form.Advisals"] = "rights" });
        page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));
        Assert.Contains("Consent form before the interview of Mon 2 Mar 2026, 09:30 EST: answered Mon 2 Mar 2026, 09:00 EST: agreed only with their attorney present", page, StringComparison.Ordinal);
        Assert.Contains("Consent form before the interview of Mon 2 Mar 2026, 12:30 EST: not given before the interview", page, StringComparison.Ordinal);

        await app.RunDeadlineMonitorAsync();
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 17, 30), Assert.Single(await NoticeAlertsAsync(app)).DueAt);

        using var bad = await officer.PostFormAsync("/cases/B1?handler=notice", new() { ["Form.NoticeKind"] = "interview-consent", ["Form.Consent"] = "maybe" }, "/cases/B1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Consent: \"maybe\" is not one of agreed, with-attorney, declined.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
