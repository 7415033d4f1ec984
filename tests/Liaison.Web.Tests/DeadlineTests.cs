using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>The deadline monitor and the release board: warnings once each, expiry to the minute, e-mail through SMTP.</summary>
public sealed class DeadlineTests
{
    private static async Task<LiaisonWebFactory> HeldAsync(int smtpPort = 0)
    {
        var app = await TestApp.StartAsync(smtpPort);
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "serveDetainer");
        await officer.ActAsync("B1", "notifyIce", ActForms.ToldOfDetainer()); // as the agreement asks
        await officer.ActAsync("B1", "consularAdvisal", ActForms.ConsularAdvisalDeclined()); // no consular duty left to raise alerts of its own
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" }); // deadline: Start + 48 h
        return app;
    }

    [Fact]
    public async Task Monitor_RaisesEachWarningExactlyOnce_EvenWhenRunAgainAfterARestart()
    {
        await using var app = await HeldAsync();

        Assert.Equal(0, await app.RunDeadlineMonitorAsync());
        app.Clock.Advance(Duration.FromHours(24));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        Assert.Equal(0, await app.RunDeadlineMonitorAsync()); // a second pass, or a restarted instance, adds nothing
        app.Clock.Advance(Duration.FromHours(20));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        app.Clock.Advance(Duration.FromHours(3));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());

        var kinds = await app.WithDbAsync(db => db.Alerts.Where(a => a.BookingId == "B1").Select(a => a.Kind).ToListAsync());
        Assert.Equal(1, kinds.Count(k => k == AlertKinds.Deadline24h));
        Assert.Equal(1, kinds.Count(k => k == AlertKinds.Deadline4h));
        Assert.Equal(1, kinds.Count(k => k == AlertKinds.Deadline1h));
    }

    [Fact]
    public async Task AtTheDeadline_TheBoardSaysReleaseNow_AndLateMinutesCountFromTheDeadline()
    {
        await using var app = await HeldAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);

        app.Clock.Advance(Duration.FromHours(48) + Duration.FromMinutes(10));
        // Even before the monitor's pass, the board shows the person as due for release.
        Assert.Contains("Immigration hold ended", await jail.GetPageAsync("/board"), StringComparison.Ordinal);

        await app.RunDeadlineMonitorAsync();
        var row = await app.WithDbAsync(db => db.Bookings.SingleAsync(b => b.Id == "B1"));
        Assert.Equal("release-required", row.Custody);
        Assert.Equal(LiaisonWebFactory.Start + Duration.FromHours(48), row.OverDetentionSince);
        Assert.Equal(1, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.BookingId == "B1" && a.Kind == "hold-expired")));

        app.Clock.Advance(Duration.FromMinutes(5));
        var page = await jail.ActAsync("B1", "release");
        Assert.Contains("Over-detention recorded: 15 min.", page, StringComparison.Ordinal);
        Assert.Contains("No one is waiting to be released.", await jail.GetPageAsync("/board"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineAlerts_AreEmailedOnce_WithoutPersonalData()
    {
        await using var smtp = new TestSmtp();
        var (port, store) = (smtp.Port, smtp);
        await using var app = await HeldAsync(port);
        app.Clock.Advance(Duration.FromHours(25));
        await app.RunDeadlineMonitorAsync();
        await app.RunDeadlineMonitorAsync();

        var mail = Assert.Single(store.Messages);
        Assert.Contains("Subject: [Liaison] Hold ends within 24 hours: booking B1", mail, StringComparison.Ordinal);
        Assert.Contains("desk@test.example", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Garcia", mail, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(await app.WithDbAsync(db => db.Alerts.Where(a => a.Kind == AlertKinds.Deadline24h).Select(a => a.EmailedAt).SingleAsync()));
    }

    [Fact]
    public async Task DutyAlerts_AreEmailedOnce_NamingTheBookingAndTheDueTime()
    {
        await using var smtp = new TestSmtp();
        var (port, store) = (smtp.Port, smtp);
        await using var app = await TestApp.StartAsync(port);
        await app.BookAsync("B1");
        using (var officer = await app.SignInAsync(Roles.DesignatedOfficer))
        {
            await officer.ActAsync("B1", "claim");
        }

        app.Clock.Advance(Duration.FromMinutes(30));
        await app.RunDeadlineMonitorAsync();
        app.Clock.Advance(Duration.FromMinutes(30));
        await app.RunDeadlineMonitorAsync();
        await app.RunDeadlineMonitorAsync();

        var subjects = store.Messages.Select(m => m.Split("\r\n").Single(l => l.StartsWith("Subject:", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                "Subject: [Liaison] Citizenship claim: supervisor review required: booking B1",
                "Subject: [Liaison] ICE was not told in time: tell ICE now: booking B1",
                "Subject: [Liaison] Tell ICE: half the time allowed has passed: booking B1",
            ],
            subjects);
        Assert.All(store.Messages, m => Assert.DoesNotContain("Garcia", m, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(store.Messages, m => m.Contains("ICE to be told by: Mon 2 Mar 2026 10:00 (America/New_York)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AlertInbox_ListsAndAcknowledges()
    {
        await using var app = await HeldAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);
        app.Clock.Advance(Duration.FromHours(47) + Duration.FromMinutes(30));
        await app.RunDeadlineMonitorAsync();

        var inbox = await jail.GetPageAsync("/alerts");
        Assert.Contains("Hold ends within 1 hour", inbox, StringComparison.Ordinal);

        var id = await app.WithDbAsync(db => db.Alerts.Where(a => a.Kind == AlertKinds.Deadline1h).Select(a => a.Id).SingleAsync());
        var response = await jail.PostFormAsync("/alerts?handler=acknowledge", new() { ["alertId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "/alerts");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("records", await app.WithDbAsync(db => db.Alerts.Where(a => a.Id == id).Select(a => a.AcknowledgedBy).SingleAsync()));
    }
}
