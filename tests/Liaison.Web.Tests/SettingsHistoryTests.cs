using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>Settings never rewrite history: a change applies from its instant on, never moves a running deadline, never changes a closed case.</summary>
public sealed class SettingsHistoryTests
{
    private static readonly Dictionary<string, string> Warrant = new() { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-9" };

    private static Dictionary<string, string> Settings(string policy) => new()
    {
        ["Settings.Name"] = "Test County",
        ["Settings.TimeZoneId"] = "America/New_York",
        ["Settings.HoldPolicy"] = policy,
        ["Settings.AlertEmail"] = "desk@test.example",
    };

    [Fact]
    public async Task ChangingPolicyAndHolidaysMidHold_MovesNoDeadline_AndChangesNoClosedCase()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);

        // B2 under the first settings (48 elapsed hours): held from Monday 09:00, released 28 minutes late.
        await app.BookAsync("B2", lastName: "Closed");
        await app.SignWarrantAsync("B2", "I-200", "W-9");
        await ice.ActAsync("B2", "serveWarrant", Warrant);
        await jail.ActAsync("B2", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        app.Clock.Advance(Duration.FromHours(48) + Duration.FromMinutes(28));
        await app.RunDeadlineMonitorAsync();
        Assert.Contains("Over-detention recorded: 28 min.", await jail.ActAsync("B2", "release"), StringComparison.Ordinal);

        // Wednesday 09:28: 48 business hours, with Thursday and Friday as holidays.
        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/admin?handler=settings", Settings("business-48h"), "/admin")).StatusCode);
        await manager.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "2026-03-05", ["HolidayName"] = "County holiday" }, "/admin");
        await manager.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "2026-03-06", ["HolidayName"] = "County holiday" }, "/admin");

        // B1 held from Wednesday 09:30: Wed 14.5 h, Thu and Fri off, the weekend off, Monday 24 h, Tuesday 9.5 h.
        app.Clock.Advance(Duration.FromMinutes(2));
        await app.BookAsync("B1", lastName: "Running");
        await app.SignWarrantAsync("B1", "I-200", "W-9");
        await ice.ActAsync("B1", "serveWarrant", Warrant);
        var page = await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        const string Deadline = "Tue 10 Mar 2026, 09:30 EDT";
        Assert.Contains(Deadline, page, StringComparison.Ordinal);

        // Back to 48 elapsed hours, no holidays: reviewed first, then saved.
        app.Clock.Advance(Duration.FromMinutes(1));
        var preview = WebUtility.HtmlDecode(await (await manager.PostFormAsync("/admin?handler=preview", Settings("calendar-48h"), "/admin")).Content.ReadAsStringAsync());
        Assert.Contains("<strong>They keep their deadlines</strong>", preview, StringComparison.Ordinal);
        Assert.Contains($"<td>{Deadline}</td><td>Fri 6 Mar 2026, 09:30 EST</td>", preview, StringComparison.Ordinal);
        Assert.Equal("business-48h", await app.WithDbAsync(db => db.AgencySettings.Select(s => s.HoldPolicy).SingleAsync())); // a review saves nothing
        await manager.PostFormAsync("/admin?handler=removeHoliday", new() { ["date"] = "2026-03-05" }, "/admin");
        await manager.PostFormAsync("/admin?handler=removeHoliday", new() { ["date"] = "2026-03-06" }, "/admin");
        await manager.PostFormAsync("/admin?handler=settings", Settings("calendar-48h"), "/admin");

        // The board, the case page and the row all keep the deadline; the closed case keeps its 28 minutes.
        Assert.Contains(Deadline, await jail.GetPageAsync("/board"), StringComparison.Ordinal);
        Assert.Contains(Deadline, await jail.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        Assert.Contains("Over-detention recorded: 28 min.", await jail.GetPageAsync("/cases/B2"), StringComparison.Ordinal);
        await CaseWorkTests.AssertRowEqualsReplayAsync(app, "B1");
        await CaseWorkTests.AssertRowEqualsReplayAsync(app, "B2");

        // Friday 09:40, when the new settings would have ended it: the hold runs on, and the monitor agrees.
        app.Clock.Advance(Duration.FromHours(48) + Duration.FromMinutes(9));
        await app.RunDeadlineMonitorAsync();
        Assert.Equal("held-for-ice", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Custody).SingleAsync()));
        Assert.Contains(Deadline, await jail.GetPageAsync("/cases/B1"), StringComparison.Ordinal);

        // A hold that starts now is judged by the new settings: 48 elapsed hours (across the spring clock change).
        await app.BookAsync("B3");
        await app.SignWarrantAsync("B3", "I-200", "W-9");
        await ice.ActAsync("B3", "serveWarrant", Warrant);
        Assert.Contains("Sun 8 Mar 2026, 10:40 EDT", await jail.ActAsync("B3", "eligible", new() { ["Form.Reason"] = "bond-posted" }), StringComparison.Ordinal);

        // And at its own deadline, B1's hold ends, to the minute.
        app.Clock.Reset(Instant.FromUtc(2026, 3, 10, 13, 30)); // Tue 10 Mar 09:30 EDT
        await app.RunDeadlineMonitorAsync();
        var row = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal("release-required", row.Custody);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 30), row.OverDetentionSince);
        Assert.Equal(1, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.BookingId == "B1" && a.Kind == "hold-expired")));
    }

    [Fact]
    public async Task SettingsVersions_AreAppendedWithTheirInstant_AndTheFirstChangeKeepsTheSettingsBefore()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);

        await manager.PostFormAsync("/admin?handler=settings", Settings("calendar-48h").With("Settings.Name", "Test County Sheriff"), "/admin"); // nothing that decides deadlines changed
        Assert.Equal(0, await app.WithDbAsync(db => db.JurisdictionVersions.CountAsync()));

        app.Clock.Advance(Duration.FromHours(1));
        await manager.PostFormAsync("/admin?handler=settings", Settings("business-48h"), "/admin");
        var versions = await app.WithDbAsync(db => db.JurisdictionVersions.AsNoTracking().OrderBy(v => v.EffectiveAt).ToListAsync());

        Assert.Equal(2, versions.Count);
        Assert.Equal((Instant.MinValue, "calendar-48h", (string?)null), (versions[0].EffectiveAt, versions[0].HoldPolicy, versions[0].ChangedBy));
        Assert.Equal((LiaisonWebFactory.Start + Duration.FromHours(1), "business-48h", (string?)"manager"), (versions[1].EffectiveAt, versions[1].HoldPolicy, versions[1].ChangedBy));
    }
}
