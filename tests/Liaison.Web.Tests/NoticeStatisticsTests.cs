using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Statistics;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Tests;

/// <summary>
/// The consular and dual-notification measures, through the real HTTP stack on either database: each duty counted
/// once settled (in time, late, never met while the jail held the person), dated at its due time; the person's notices
/// owed under the rules in effect when ICE asked, so changing the rules later rewrites nothing; and the booking rows
/// that carry them agree with a replay of the record.
/// </summary>
public sealed class NoticeStatisticsTests
{
    private static readonly StatPeriod March = StatPeriod.OfMonth(new YearMonth(2026, 3));

    [Fact]
    public async Task ConsularDuties_AreCountedOnceSettled_InTimeLateOrNever()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");                      // Mexico: told at once, asks, the consulate told within 72 hours
        await app.BookAsync("B2", nationality: "JM");   // Jamaica (mandatory): told after 30 hours, the consulate after 80
        await app.BookAsync("B3");                      // never told; released after 30 hours
        await app.BookAsync("B4", nationality: "US");   // a US national: owed nothing
        await app.BookAsync("B5");                      // still held, not yet told: not settled, not counted
        using var jail = await app.SignInAsync(Roles.JailStaff);

        await jail.ActAsync("B1", "consularAdvisal", new() { ["Form.ConsularRequested"] = "yes" });
        app.Clock.Advance(Duration.FromHours(10));
        await jail.ActAsync("B1", "consularNotice", Consulate("Consulate of Mexico, Orlando"));
        app.Clock.Advance(Duration.FromHours(20)); // 30 hours after booking
        await jail.ActAsync("B2", "consularAdvisal", ActForms.ConsularAdvisalDeclined());
        await jail.ActAsync("B3", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        await jail.ActAsync("B3", "release");
        app.Clock.Advance(Duration.FromHours(50)); // 80 hours
        await jail.ActAsync("B2", "consularNotice", Consulate("Consulate General of Jamaica, Miami"));

        var figures = await FiguresAsync(app);
        Assert.Equal((1, 1, 1, 3), Outcomes(figures, "consular-advisals", "never-told"));
        Assert.Equal((1, 1, 0, 2), Outcomes(figures, "consular-notices", "never-told"));
        Assert.Empty((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);
    }

    [Fact]
    public async Task ThePersonsNotices_AreOwedUnderTheRulesInEffectWhenIceAsked_AndCountedInTimeLateOrNeverGiven()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        foreach (var id in new[] { "B0", "B1", "B2", "B3" })
        {
            await app.BookAsync(id);
            await app.SignWarrantAsync(id);
        }

        await officer.ActAsync("B0", "lodge", ActForms.Detainer()); // before the agency gives copies: owes none
        app.Clock.Advance(Duration.FromHours(1));
        await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings("request-copies"), "/admin");
        app.Clock.Advance(Duration.FromHours(1));
        foreach (var id in new[] { "B1", "B2", "B3" })
        {
            await officer.ActAsync(id, "lodge", ActForms.Detainer());
        }

        await officer.ActAsync("B1", "notice", Copy(await LodgedAtAsync(app, "B1")));             // in time
        app.Clock.Advance(Duration.FromHours(30));
        await officer.ActAsync("B2", "notice", Copy(await LodgedAtAsync(app, "B2")));             // late
        await jail.ActAsync("B3", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        await jail.ActAsync("B3", "release");                                                     // never given
        Assert.Equal("released", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B3").Select(b => b.Custody).SingleAsync()));
        Assert.DoesNotContain("Copy of ICE's request (", System.Net.WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B0")), StringComparison.Ordinal);
        Assert.Contains("Copy of ICE's request (", System.Net.WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1")), StringComparison.Ordinal);

        var figures = await FiguresAsync(app);
        Assert.Equal((1, 1, 1, 3), Outcomes(figures, "notices-to-the-person", "never-given"));

        // Turning the rule off later owes nothing more, and takes back nothing owed: the figures and rows stand.
        app.Clock.Advance(Duration.FromHours(1));
        await manager.PostFormAsync("/admin?handler=settings", ActForms.AgencySettings(), "/admin");
        Assert.Equal(3, await app.WithDbAsync(db => db.DualNoticeVersions.CountAsync()));
        Assert.Equal((1, 1, 1, 3), Outcomes(await FiguresAsync(app), "notices-to-the-person", "never-given"));
        Assert.Empty((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);
        Assert.Contains("Copy of ICE's request (", System.Net.WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B2")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUpgradedDatabase_ProjectsTheNewColumnsFromTheRecord()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", nationality: "JM");
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await jail.ActAsync("B1", "consularAdvisal", ActForms.ConsularAdvisalDeclined());
        // As a database from before the columns existed: nothing projected.
        await app.WithDbAsync(db => db.Bookings.ExecuteUpdateAsync(u => u
            .SetProperty(b => b.ConsularAdvisalDeadline, (Instant?)null).SetProperty(b => b.ConsularAdvisedAt, (Instant?)null).SetProperty(b => b.ConsularNoticeDeadline, (Instant?)null)));
        Assert.Single((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);

        await app.WithDbAsync(db => CustodyService.ReprojectBookingsAsync(db, openOnly: false));

        Assert.Empty((await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);
        var row = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal(row.BookedAt + Duration.FromHours(72), row.ConsularNoticeDeadline);
    }

    private static async Task<StatisticsFigures> FiguresAsync(LiaisonWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<StatisticsService>();
        var followed = await statistics.FiguresAsync();
        var fresh = await statistics.ComputeAsync();
        Assert.Equal(fresh.All(March).Select(f => (f.Key, f.Figure)), followed.All(March).Select(f => (f.Key, f.Figure))); // the change log agrees with a full count
        return followed;
    }

    /// <summary>In time, late, never, and all, for March, both models together.</summary>
    private static (double, double, double, double) Outcomes(StatisticsFigures figures, string measureId, string never)
    {
        var measure = Measures.Find(measureId)!;
        double Value(string category) => figures.Get(measure, March, "all", category).Value ?? -1;
        return (Value("in-time"), Value("late"), Value(never), Value("all"));
    }

    private static Dictionary<string, string> Consulate(string post) => new()
    {
        ["Form.ConsularPost"] = post,
        ["Form.ConsularMethod"] = "fax",
        ["Form.ConsularReference"] = "",
    };

    private static Dictionary<string, string> Copy(string about) => new() { ["Form.NoticeKind"] = "request-copy", ["Form.NoticeAbout"] = about };

    private static async Task<string> LodgedAtAsync(LiaisonWebFactory app, string id) => InstantPattern.ExtendedIso.Format(
        await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == id && e.Action == "lodge-detainer").Select(e => e.At).SingleAsync()));
}
