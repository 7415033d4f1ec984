using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Alerts that mean something: they clear themselves when their cause ends, are raised once per kind, are ordered
/// and coloured by severity, can be filtered, carry a full local date, and are acknowledged from the case page by
/// those who may; the auditor sees no button it may not use.
/// </summary>
public sealed class AlertLifecycleTests
{
    private static async Task<LiaisonWebFactory> HeldForIceAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "serveDetainer");
        await officer.ActAsync("B1", "notifyIce", ActForms.ToldOfDetainer());
        await jail.ActAsync("B1", "schedule", new() { ["Form.Expected"] = "2026-03-02T10:00" });
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        return app;
    }

    private static Task<List<AlertRecord>> AlertsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.BookingId == "B1").OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task ScheduledThenEligible_RaisesOneNotifyIceOfReleaseAlert()
    {
        await using var app = await HeldForIceAsync();

        var alerts = await AlertsAsync(app);

        Assert.Single(alerts, a => a.Kind == AlertKinds.NotifyIceOfRelease);
    }

    [Fact]
    public async Task TakingCustody_ClearsTheCasesAlerts_AndTheInboxListsThemAsClosedWithTheReason()
    {
        await using var app = await HeldForIceAsync();
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        Assert.Contains("Notify ICE of release", await ice.GetPageAsync("/cases/B1"), StringComparison.Ordinal);

        var page = await ice.ActAsync("B1", "assume");

        Assert.DoesNotContain("<ul class=\"alerts\">", page, StringComparison.Ordinal);
        Assert.All(await AlertsAsync(app), a => Assert.Equal("custody ended", a.ClearedBecause));
        using var jail = await app.SignInAsync(Roles.JailStaff);
        var inbox = await jail.GetPageAsync("/alerts");
        Assert.Contains("No open alerts.", inbox, StringComparison.Ordinal);
        Assert.Contains("cleared: custody ended", inbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACitizenshipClaim_ClearsTheHoldWarnings_ItEnded()
    {
        await using var app = await HeldForIceAsync();
        app.Clock.Advance(Duration.FromHours(25)); // within 24 hours of the deadline
        await app.RunDeadlineMonitorAsync();
        Assert.Contains(await AlertsAsync(app), a => a.Kind == AlertKinds.Deadline24h && a.IsOpen);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        await officer.ActAsync("B1", "claim");

        var warning = Assert.Single(await AlertsAsync(app), a => a.Kind == AlertKinds.Deadline24h);
        Assert.Equal("the hold ended", warning.ClearedBecause);
        Assert.Contains(await AlertsAsync(app), a => a.Kind == AlertKinds.CitizenshipReviewRequired && a.IsOpen);
    }

    [Fact]
    public async Task ANearerWarning_ReplacesTheEarlierOnes_AndAnExpiredHoldComesFirst()
    {
        await using var app = await HeldForIceAsync();
        await app.BookAsync("B2");
        app.Clock.Advance(Duration.FromHours(47) + Duration.FromMinutes(30));
        await app.RunDeadlineMonitorAsync();

        var open = (await AlertsAsync(app)).Where(a => a.IsOpen).Select(a => a.Kind).ToList();
        Assert.Contains(AlertKinds.Deadline1h, open);
        Assert.DoesNotContain(AlertKinds.Deadline4h, open);
        Assert.DoesNotContain(AlertKinds.Deadline24h, open);

        app.Clock.Advance(Duration.FromHours(1));
        await app.RunDeadlineMonitorAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);
        var inbox = WebUtility.HtmlDecode(await jail.GetPageAsync("/alerts"));
        var rows = System.Text.RegularExpressions.Regex.Matches(inbox, "<tr class=\"sev-(\\d) alert-([a-z0-9-]+)\">").Select(m => m.Groups[2].Value).ToList();
        Assert.Equal(AlertKinds.HoldExpired, rows[0]);
        Assert.DoesNotContain(AlertKinds.Deadline1h, rows); // the hold ended: its warning cleared
        Assert.Contains("<td>Wed 4 Mar 2026, 09:00 EST</td>", inbox, StringComparison.Ordinal); // a full local date, not "(Wed 09:00)"
    }

    [Fact]
    public async Task TheInbox_FiltersBySeverityAndBooking()
    {
        await using var app = await HeldForIceAsync();
        app.Clock.Advance(Duration.FromHours(49));
        await app.RunDeadlineMonitorAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var expired = await jail.GetPageAsync("/alerts?severity=4");
        var notices = await jail.GetPageAsync("/alerts?severity=0");
        var other = await jail.GetPageAsync("/alerts?booking=B9");

        Assert.Contains("alert-hold-expired", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("alert-notify-ice-of-release", expired, StringComparison.Ordinal);
        Assert.Contains("alert-notify-ice-of-release", notices, StringComparison.Ordinal);
        Assert.Contains("No open alerts match the filter.", other, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await jail.GetAsync("/alerts?severity=9")).StatusCode);
    }

    [Fact]
    public async Task AnAlert_IsAcknowledgedFromTheCasePage_AndTheAuditorSeesNoButtons()
    {
        await using var app = await HeldForIceAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var auditor = await app.SignInAsync(Roles.Auditor);
        Assert.DoesNotContain(">Acknowledge</button>", await auditor.GetPageAsync("/alerts"), StringComparison.Ordinal);
        Assert.DoesNotContain(">Acknowledge</button>", await auditor.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        var alert = Assert.Single(await AlertsAsync(app), a => a.IsOpen);

        var response = await jail.PostFormAsync("/alerts?handler=acknowledge", new() { ["alertId"] = alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["returnTo"] = "/cases/B1" }, "/cases/B1");
        var offsite = await jail.PostFormAsync("/alerts?handler=acknowledge", new() { ["alertId"] = alert.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["returnTo"] = "//evil.example/cases/B1" }, "/cases/B1");

        Assert.Equal("/cases/B1", response.Headers.Location?.ToString());
        Assert.Equal("/alerts", offsite.Headers.Location?.ToString());
        Assert.Equal("records", Assert.Single(await AlertsAsync(app)).AcknowledgedBy);
    }
}
