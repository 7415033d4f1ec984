using System.Net;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>Working a case through the pages: every act posts through the engine, refusals are shown and stored.</summary>
public sealed class CaseWorkTests
{
    private static readonly Dictionary<string, string> Detainer = ActForms.Detainer();

    [Fact]
    public async Task Case_FromScreeningToHandOver_ThroughThePages()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var ice = await app.SignInAsync(Roles.IceOfficer);

        Assert.Contains("/cases/B1", await officer.GetPageAsync("/queue"), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(30));
        var page = await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "es", ["Form.Advisals"] = "rights", ["Form.Claims"] = "foreign-national" });
        Assert.Contains("Recorded: Interview", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/B1", await officer.GetPageAsync("/queue"), StringComparison.Ordinal);

        page = await officer.ActAsync("B1", "lodge", Detainer);
        Assert.Contains("Detainer lodged", page, StringComparison.Ordinal);
        page = await officer.ActAsync("B1", "serveDetainer");
        Assert.Contains("Detainer served", page, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(2)); // 11:30 EST
        page = await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        Assert.Contains("Held for ICE", page, StringComparison.Ordinal);
        Assert.Contains("Wed 4 Mar 2026, 11:30 EST", page, StringComparison.Ordinal); // 48 h later, local time
        Assert.Contains("Notify ICE of release", page, StringComparison.Ordinal);

        var board = await jail.GetPageAsync("/board");
        Assert.Contains("Held for ICE <span class=\"count\">1</span>", board, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(20));
        page = await ice.ActAsync("B1", "assume");
        Assert.Contains("Transferred to ICE", page, StringComparison.Ordinal);
        Assert.Contains("No over-detention.", page, StringComparison.Ordinal);
        Assert.Contains("ICE has taken custody; the case is closed.", await officer.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingArgument_IsNamedInTheForm_WithItsValuesKept_AndRecordedOnlyWhenTheOfficerInsists()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var slip = new Dictionary<string, string> { ["Form.Bases"] = "final-order", ["Form.DetainerForm"] = "I-247A" };

        var first = await officer.PostFormAsync("/cases/B1?handler=lodge", slip, "/cases/B1");
        var kept = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Contains("<details class=\"act\" id=\"act-lodge\" open=\"open\">", kept, StringComparison.Ordinal);
        Assert.Contains("A signed I-200 or I-205 warrant is required. Nothing was recorded", kept, StringComparison.Ordinal);
        Assert.Contains("value=\"final-order\" checked=\"checked\"", kept, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));

        var page = await officer.ActAsync("B1", "lodge", slip.With("Form.Insist", "yes"));

        Assert.Contains("Refused: A signed I-200 or I-205 warrant is required.", page, StringComparison.Ordinal);
        Assert.Contains("Detainer lodged — refused", page, StringComparison.Ordinal);
        Assert.Contains("(missing-warrant)", page, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.CustodyEvents.SingleAsync(e => e.BookingId == "B1" && e.Sequence == 2));
        Assert.False(stored.Accepted);
        Assert.Equal("missing-warrant", stored.RefusalCode);
        Assert.Equal("dso-1", stored.Actor);
        Assert.Equal("moreno", stored.UserName);
        Assert.Equal("none", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.HoldAuthority).SingleAsync()));
    }

    [Fact]
    public async Task OfficerWithALapsedCertification_SeesWhyEachActIsUnavailable()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var lapsed = await app.SignInAsync(Roles.DesignatedOfficer, "lapsed");

        var page = await lapsed.GetPageAsync("/cases/B1");

        Assert.Contains("Not available now", page, StringComparison.Ordinal);
        Assert.Contains("Officer dso-2 holds no JEM certification valid on 2026-03-02.", page, StringComparison.Ordinal);
        Assert.Contains("Record a claim of US citizenship</summary>", page, StringComparison.Ordinal); // a claim is a fact: always recordable
    }

    [Fact]
    public async Task ServeDetainer_BeforeOneIsLodged_IsListedAsUnavailableWithTheReason()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);

        var page = await ice.GetPageAsync("/cases/B1");

        Assert.Contains("<strong>Serve the detainer on the person</strong>: Only a lodged detainer can be served; this booking has no detainer or warrant.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CitizenshipClaim_StopsTheImmigrationSideUntilASupervisorResolvesIt()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);

        var page = await officer.ActAsync("B1", "claim");
        Assert.Contains("Citizenship claim: supervisor review required", page, StringComparison.Ordinal);
        Assert.Contains("A claim of US citizenship is open", page, StringComparison.Ordinal);

        var noEvidence = await supervisor.PostFormAsync("/cases/B1?handler=resolve", new() { ["Form.Finding"] = "us-citizen", ["Form.Evidence"] = " " }, "/cases/B1");
        Assert.Equal(HttpStatusCode.BadRequest, noEvidence.StatusCode);
        Assert.Contains("id=\"answer-resolve\"", await noEvidence.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && !e.Accepted)));

        page = await supervisor.ActAsync("B1", "resolve", new() { ["Form.Finding"] = "us-citizen", ["Form.Evidence"] = "US passport verified" });
        Assert.Contains("US citizenship: <strong>found a US citizen</strong>", page, StringComparison.Ordinal);
        Assert.Contains("The person was found to be a US citizen; the immigration case is closed.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownBooking_IsNotFound()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/cases/B404")).StatusCode);
    }

    [Fact]
    public async Task BookingRow_AlwaysEqualsAReplayOfItsEvents_AlongEveryPath()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);

        // B1: detainer, a refused act, a hold that expires under the monitor, a duty left overdue.
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1");
        await officer.ActAsync("B1", "lodge", Detainer);
        await officer.ActAsync("B1", "serveDetainer");
        await officer.ActAsync("B1", "lodge", Detainer); // refused: already active
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "time-served" });
        await AssertRowEqualsReplayAsync(app, "B1");

        // B2: a claim during screening, ICE told, a notification request, resolution, then release.
        await app.BookAsync("B2");
        await officer.ActAsync("B2", "claim");
        await ice.ActAsync("B2", "notification", new() { ["Form.DetainerForm"] = "I-247N" });
        await AssertRowEqualsReplayAsync(app, "B2");
        await officer.ActAsync("B2", "notifyIce", new() { ["Form.About"] = "citizenship-claim", ["Form.Method"] = "phone", ["Form.Recipient"] = "ERO desk" });
        await supervisor.ActAsync("B2", "resolve", new() { ["Form.Finding"] = "not-us-citizen", ["Form.Evidence"] = "Consular record" });
        await AssertRowEqualsReplayAsync(app, "B2");

        app.Clock.Advance(Duration.FromHours(50));
        await app.RunDeadlineMonitorAsync();
        await AssertRowEqualsReplayAsync(app, "B1");
        Assert.Equal("release-required", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Custody).SingleAsync()));

        await jail.ActAsync("B1", "release");
        await jail.ActAsync("B2", "release");
        await AssertRowEqualsReplayAsync(app, "B1");
        await AssertRowEqualsReplayAsync(app, "B2");
    }

    /// <summary>Every projected field of the row equals what a replay of the stored events gives, as of the row's own instant.</summary>
    internal static async Task AssertRowEqualsReplayAsync(LiaisonWebFactory app, string id)
    {
        var mismatch = await app.WithDbAsync(db => new ProjectionCheck(db).VerifyAsync(id));

        Assert.True(mismatch is null, mismatch is null ? "" : $"{id}: {string.Join("; ", mismatch.Differences)}");
    }
}

/// <summary>The acts not covered by the journeys above, each through its form.</summary>
public sealed class MoreActTests
{
    [Fact]
    public async Task ScheduledRelease_IsReadInTheFacilitysLocalTime_AndNotifiesIceWhenADetainerIsActive()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await app.SignWarrantAsync("B1", "I-200", "W-7");
        await ice.ActAsync("B1", "serveWarrant", new() { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-7" });

        var bad = await jail.PostFormAsync("/cases/B1?handler=schedule", new() { ["Form.Expected"] = "tomorrow" }, "/cases/B1");
        var page = await jail.ActAsync("B1", "schedule", new() { ["Form.Expected"] = "2026-03-03T14:30" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Expected release: ", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Recorded: Release scheduled.", page, StringComparison.Ordinal);
        Assert.Contains("Notify ICE of release", page, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.Action == "release-scheduled").Select(e => e.StepJson).SingleAsync());
        Assert.Contains("\"expected\":\"2026-03-03T19:30:00Z\"", stored, StringComparison.Ordinal); // 14:30 EST
    }

    [Fact]
    public async Task LiftingTheWarrant_WhileHeld_RequiresReleaseAtOnce()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await app.SignWarrantAsync("B1", "I-205", "W-8");
        await ice.ActAsync("B1", "serveWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-8" });
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "sentence-complete" });

        Assert.Contains("Held for ICE <span class=\"count\">1</span>", await jail.GetPageAsync("/board"), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromMinutes(5));
        var page = await ice.ActAsync("B1", "lift", new() { ["Form.Reason"] = "Not a priority" });

        Assert.Contains("Recorded: Detainer lifted.", page, StringComparison.Ordinal);
        Assert.Contains("Release required now.", page, StringComparison.Ordinal);
        Assert.Contains("Hold authority: <strong>Lifted</strong>", page, StringComparison.Ordinal);
        var board = await jail.GetPageAsync("/board");
        Assert.Contains("Release now <span class=\"count\">1</span>", board, StringComparison.Ordinal);
        Assert.Contains("Held for ICE <span class=\"count\">0</span>", board, StringComparison.Ordinal);
        Assert.Contains("Immigration hold ended", board, StringComparison.Ordinal);
        var row = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal(("release-required", "lifted"), (row.Custody, row.HoldAuthority));
        Assert.Equal(LiaisonWebFactory.Start + Duration.FromMinutes(5), row.OverDetentionSince); // late minutes count from the lift
    }

    [Fact]
    public async Task UnknownHandler_IsABadRequest_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=pardon", [], "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }
}
