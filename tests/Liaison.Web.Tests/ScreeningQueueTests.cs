using System.Net;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// The screening queue's own work: an outcome that ends screening without a custody act ("no action" with why, or
/// "referred to ICE"), assignment of a booking to an officer, and the queue's views and order. Each entry is appended
/// to the booking's record and audited, and changes no custody, hold or deadline.
/// </summary>
public sealed class ScreeningQueueTests
{
    private static Task<List<CustodyEventRecord>> EventsAsync(LiaisonWebFactory app, string id) =>
        app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == id).OrderBy(e => e.Sequence).ToListAsync());

    private static async Task AssertProjectionHoldsAsync(LiaisonWebFactory app, string id)
    {
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ProjectionCheck>().VerifyAsync(id));
    }

    [Fact]
    public async Task AnEntryOfRecordedHistory_IsDatedWhenItWasMade_ButNeverInTheFuture_NorBeforeTheRecordsLastEntry()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        var booked = app.Clock.GetCurrentInstant();
        app.Clock.Advance(Duration.FromHours(10));
        await using var scope = app.Services.CreateAsyncScope();
        var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
        var moreno = new ActingAs("dso-1", "moreno");

        var future = await custody.ScreenAsync("B1", now => new ScreeningAssignment(now + Duration.FromMinutes(1), "dso-1", "dso-1"), moreno);
        var beforeBooking = await custody.ScreenAsync("B1", _ => new ScreeningAssignment(booked - Duration.FromMinutes(1), "dso-1", "dso-1"), moreno);
        var earlier = await custody.ScreenAsync("B1", _ => new ScreeningDecision(booked + Duration.FromHours(3), "dso-1", ScreeningOutcome.NoAction, "No DHS record."), moreno);

        Assert.Equal(EntryResultKind.Refused, future.Kind);
        Assert.Equal(EntryResultKind.Refused, beforeBooking.Kind);
        Assert.Equal(EntryResultKind.Recorded, earlier.Kind);
        var screening = (await EventsAsync(app, "B1")).Single(e => e.Action == StoredHistory.ScreeningAction);
        Assert.Equal(booked + Duration.FromHours(3), screening.At);
        var audited = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditLog.ScreeningRecorded));
        Assert.Equal(booked + Duration.FromHours(3), audited.At);
    }

    [Fact]
    public async Task NoAction_WithItsReason_EndsScreening_LeavesTheQueue_AndChangesNoCustody()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "screen", new() { ["Form.Outcome"] = "no-action", ["Form.Note"] = "Born in Chicago; birth certificate seen." }));

        Assert.Contains("Recorded: screened, no action. The booking has left the screening queue. Custody and any hold are unchanged.", page, StringComparison.Ordinal);
        Assert.Contains("Screening: <strong>Screened: no action</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Born in Chicago; birth certificate seen.", page, StringComparison.Ordinal); // on the timeline, with who
        Assert.DoesNotContain("handler=screen", page, StringComparison.Ordinal);                   // screening is over
        var queue = await officer.GetPageAsync("/queue");
        Assert.DoesNotContain("/cases/B1\"", queue, StringComparison.Ordinal);
        Assert.Contains("/cases/B2\"", queue, StringComparison.Ordinal);
        Assert.Contains("/cases/B1\"", await officer.GetPageAsync("/queue?show=no-action"), StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/B1\"", await officer.GetPageAsync("/queue?show=referred"), StringComparison.Ordinal);

        var events = await EventsAsync(app, "B1");
        Assert.Equal(["book", "screening"], events.Select(e => e.Action));
        var booking = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal(("in-jail", "no-action", false), (booking.Custody, booking.ScreeningOutcome, booking.AwaitingScreening));
        Assert.Contains(AuditLog.ScreeningRecorded, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()));
        await AssertProjectionHoldsAsync(app, "B1");
    }

    [Fact]
    public async Task NoAction_WithoutAReason_Answers400NamingTheField_AndRecordsNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=screen", new() { ["Form.Outcome"] = "no-action", ["Form.Note"] = "  " }, "/cases/B1");
        var unknown = await officer.PostFormAsync("/cases/B1?handler=screen", new() { ["Form.Outcome"] = "released-to-mars" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reason: say why no action is needed", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Outcome: choose", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(["book"], (await EventsAsync(app, "B1")).Select(e => e.Action));
        Assert.True(await app.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.Id == "B1").Select(b => b.AwaitingScreening).SingleAsync()));
    }

    [Fact]
    public async Task AReferral_SentTwice_IsRecordedOnce_AndALaterDetainerStillWorks()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var referral = new Dictionary<string, string> { ["Form.Outcome"] = "referred", ["Form.Note"] = "Match on a prior removal order." };

        await officer.ActAsync("B1", "screen", referral);
        var again = WebUtility.HtmlDecode(await officer.ActAsync("B1", "screen", referral));

        Assert.Contains("Already recorded: referred to ICE.", again, StringComparison.Ordinal);
        Assert.Single(await EventsAsync(app, "B1"), e => e.Action == "screening");
        Assert.Contains("/cases/B1\"", await officer.GetPageAsync("/queue?show=referred"), StringComparison.Ordinal);

        // The referral is not a custody act: the engine's acts are offered as before, and a detainer is lodged.
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "en", ["Form.Advisals"] = "rights", ["Form.Claims"] = "foreign-national" });
        var lodged = WebUtility.HtmlDecode(await officer.ActAsync("B1", "lodge", ActForms.Detainer()));
        Assert.Contains("Recorded: Detainer lodged.", lodged, StringComparison.Ordinal);
        Assert.Contains("/cases/B1\"", await officer.GetPageAsync("/queue?show=lodged"), StringComparison.Ordinal);
        await AssertProjectionHoldsAsync(app, "B1");
    }

    [Fact]
    public async Task AnOutcome_AfterAnOfficerActed_IsRefused_TheBookingIsNoLongerAwaiting()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "en", ["Form.Advisals"] = "rights", ["Form.Claims"] = "foreign-national" });

        var response = await officer.PostFormAsync("/cases/B1?handler=screen", new() { ["Form.Outcome"] = "referred" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no longer awaiting screening", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("screening", (await EventsAsync(app, "B1")).Select(e => e.Action));
    }

    [Fact]
    public async Task Assignment_ShowsInMine_AndUnassigned_AndTakingIsOneClick()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        app.Clock.Advance(Duration.FromMinutes(5));
        await app.BookAsync("B2");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);

        var queue = await officer.GetPageAsync("/queue");
        Assert.Contains("aria-label=\"Take booking B1\"", queue, StringComparison.Ordinal);
        var taken = WebUtility.HtmlDecode(await officer.ActAsync("B1", "assign", new() { ["Form.AssignTo"] = "me" }));
        Assert.Contains("Recorded: assigned to you.", taken, StringComparison.Ordinal);
        await supervisor.ActAsync("B2", "assign", new() { ["Form.AssignTo"] = "ice-1" });

        var mine = await officer.GetPageAsync("/queue?show=mine");
        var unassigned = await officer.GetPageAsync("/queue?show=unassigned");
        Assert.Contains("/cases/B1\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/B2\"", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/B1\"", unassigned, StringComparison.Ordinal);
        Assert.DoesNotContain("/cases/B2\"", unassigned, StringComparison.Ordinal);
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        Assert.Contains("/cases/B2\"", await ice.GetPageAsync("/queue?show=mine"), StringComparison.Ordinal);
        Assert.Contains("<td>Officer Ito</td>", await officer.GetPageAsync("/queue"), StringComparison.Ordinal); // the assignee by name
        Assert.Contains(AuditLog.ScreeningAssigned, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()));

        // Back to the queue: assigned to nobody.
        await officer.ActAsync("B1", "assign", new() { ["Form.AssignTo"] = "" });
        Assert.Contains("/cases/B1\"", await officer.GetPageAsync("/queue?show=unassigned"), StringComparison.Ordinal);
        Assert.Equal(["book", "assignment", "assignment"], (await EventsAsync(app, "B1")).Select(e => e.Action));
        await AssertProjectionHoldsAsync(app, "B1");
        await AssertProjectionHoldsAsync(app, "B2");
    }

    [Fact]
    public async Task Assignment_ToSomeoneWhoDoesNotScreen_Answers400NamingTheField()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=assign", new() { ["Form.AssignTo"] = "jms" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Assign to:", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(["book"], (await EventsAsync(app, "B1")).Select(e => e.Action));
    }

    [Theory]
    [InlineData(Roles.JailStaff)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.ProgramManager)]
    public async Task OnlyOfficersWhoScreen_MayRecordOutcomesOrAssign(string role)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var reader = await app.SignInAsync(role);

        var screen = await reader.PostFormAsync("/cases/B1?handler=screen", new() { ["Form.Outcome"] = "referred" }, "/cases/B1");
        var assign = await reader.PostFormAsync("/cases/B1?handler=assign", new() { ["Form.AssignTo"] = "dso-1" }, "/cases/B1");

        Assert.Contains("/account/denied", screen.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("/account/denied", assign.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("handler=screen", await reader.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        Assert.Equal(["book"], (await EventsAsync(app, "B1")).Select(e => e.Action));
    }

    [Fact]
    public async Task TheQueue_SortsByAge_OrName_AndRefusesAnUnknownViewOrOrder()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B-ZED", lastName: "Zamora");
        app.Clock.Advance(Duration.FromHours(1));
        await app.BookAsync("B-ABE", lastName: "Abbott");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        static bool Before(string page, string a, string b) => page.IndexOf($"/cases/{a}\"", StringComparison.Ordinal) < page.IndexOf($"/cases/{b}\"", StringComparison.Ordinal);
        Assert.True(Before(await officer.GetPageAsync("/queue?sort=oldest"), "B-ZED", "B-ABE"));
        Assert.True(Before(await officer.GetPageAsync("/queue?sort=newest"), "B-ABE", "B-ZED"));
        Assert.True(Before(await officer.GetPageAsync("/queue?sort=name"), "B-ABE", "B-ZED"));

        var badView = await officer.GetAsync("/queue?show=everything");
        var badSort = await officer.GetAsync("/queue?sort=random");
        Assert.Equal(HttpStatusCode.BadRequest, badView.StatusCode);
        Assert.Contains("show: \"everything\" is not a queue view", await badView.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badSort.StatusCode);
        Assert.Contains("sort: \"random\"", await badSort.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
