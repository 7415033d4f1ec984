using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>The 2025 agreement template through the pages: detainer forms, notification requests, duties to tell ICE, interpreters, revoked designations.</summary>
public sealed class AgreementTemplateTests
{
    private static readonly Dictionary<string, string> Detainer = ActForms.Detainer();

    private static async Task<string> BodyAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task LodgeForm_AsksWhichFormIceSent_AndExplainsThatANotificationRequestHoldsNoOne()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));

        Assert.Contains("<select id=\"lodge-form\" name=\"Form.DetainerForm\"", page, StringComparison.Ordinal);
        Assert.Contains("An I-247G or I-247N only asks to be told before the person is released: it holds no one.", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I-247G")]
    [InlineData("I-247N")]
    public async Task LodgingANotificationForm_IsRefused_AndHoldsNoOne(string form)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "lodge", Detainer.With("Form.DetainerForm", form)));

        Assert.Contains($"Refused: An {form} asks only to be told before the person's release", page, StringComparison.Ordinal);
        var row = await app.WithDbAsync(db => db.Bookings.AsNoTracking().SingleAsync(b => b.Id == "B1"));
        Assert.Equal("none", row.HoldAuthority);
        Assert.Null(row.NextDutyDue);
    }

    [Fact]
    public async Task LodgingAnUnknownForm_IsABadRequestNamingTheField_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=lodge", Detainer.With("Form.DetainerForm", "I-247X"), "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Form ICE sent: \"I-247X\" is not I-247A, I-247G or I-247N. Nothing was recorded.", await BodyAsync(response), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task NotificationRequest_IsRecordedShownAndNotifiesOnRelease_ButHoldsNoOne()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var page = WebUtility.HtmlDecode(await ice.ActAsync("B1", "notification", new() { ["Form.DetainerForm"] = "I-247G" }));
        Assert.Contains("Recorded: Notice of release requested.", page, StringComparison.Ordinal);
        Assert.Contains("ICE asked to be told before this person's release", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Form</dt><dd>I-247G (request for advance notification of release) (notice of release only: holds no one)</dd>", page, StringComparison.Ordinal);
        Assert.Contains("Hold authority: <strong>None</strong>", page, StringComparison.Ordinal);

        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" }));
        Assert.Contains("Release required now.", page, StringComparison.Ordinal);
        Assert.Contains("Notify ICE of release", page, StringComparison.Ordinal);
        Assert.Equal("release-required", await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Custody).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.NotificationRequested).SingleAsync()));
    }

    [Fact]
    public async Task NotificationRequest_OnAnI247A_IsRefusedAsAnInvalidTransition()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "notification", new() { ["Form.DetainerForm"] = "I-247A" }));

        Assert.Contains("Refused: An I-247A is a detainer, not a notification request", page, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.NotificationRequested).SingleAsync()));
    }

    [Fact]
    public async Task NotificationRequest_IsNotOfferedToJailStaff_AndTheirPostIsRefused()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var jail = await app.SignInAsync(Roles.JailStaff);

        Assert.DoesNotContain("Record a request for notice of release", await jail.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        var page = await jail.ActAsync("B1", "notification", new() { ["Form.DetainerForm"] = "I-247G" });

        Assert.Contains("Refused: ", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"muted code\">(not-authorized)</span>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DetainerDuty_ShowsOnTheCaseAndTheQueue_AndTellingIceRecordsHowAndToWhom()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", lastName: "Ruiz");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", Detainer);

        app.Clock.Advance(Duration.FromMinutes(90));
        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));
        Assert.Contains("<strong>Tell ICE of the detainer</strong> — <span class=\"left\">22 h 30 min left</span>", page, StringComparison.Ordinal);
        Assert.Contains("(by Tue 3 Mar 2026, 09:00 EST)", page, StringComparison.Ordinal);
        var queue = WebUtility.HtmlDecode(await officer.GetPageAsync("/queue"));
        Assert.Contains("Tell ICE <span class=\"count\">1</span>", queue, StringComparison.Ordinal);
        Assert.Contains("<td>Ruiz, Maria</td>", queue, StringComparison.Ordinal);

        page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "notifyIce", new() { ["Form.About"] = "detainer", ["Form.Method"] = "phone", ["Form.Recipient"] = "SDDO Park", ["Form.Reference"] = "CALL-1" }));

        Assert.Contains("Recorded: ICE told.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell ICE of the detainer", page, StringComparison.Ordinal);
        Assert.Contains("<dt>About</dt><dd>the detainer</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>How</dt><dd>phone</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Told to</dt><dd>SDDO Park</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Reference</dt><dd>CALL-1</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell ICE <span class=\"count\">", await officer.GetPageAsync("/queue"), StringComparison.Ordinal);
        var step = await app.WithDbAsync(db => db.CustodyEvents.Where(e => e.Action == "notify-ice").Select(e => e.StepJson).SingleAsync());
        Assert.Contains("\"about\":\"detainer\",\"method\":\"phone\",\"recipient\":\"SDDO Park\",\"reference\":\"CALL-1\"", step, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.NextDutyDue).SingleAsync()));
    }

    [Fact]
    public async Task DetainerLodgedByIce_CreatesNoDutyAndOffersNoNotice()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        await ice.ActAsync("B1", "lodge", Detainer);
        var page = await officer.GetPageAsync("/cases/B1");

        Assert.DoesNotContain("Tell ICE of the detainer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Record that ICE was told", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CitizenshipClaimDuty_CountsDownFromOneHour()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "claim");

        app.Clock.Advance(Duration.FromMinutes(22));
        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));

        Assert.Contains("<strong>Tell ICE of the citizenship claim</strong> — <span class=\"left\">38 min left</span>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"citizenship-claim\">The citizenship claim</option>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("about", "release", "ICE was told about: \"release\" is not the detainer or the citizenship claim.")]
    [InlineData("method", "fax", "How ICE was told: choose phone, e-mail or ENFORCE entry.")]
    [InlineData("recipient", " ", "Told to: the name of the ICE officer or office told is required.")]
    [InlineData("recipient", "x", "Told to: at most 200 characters.")] // "x" stands for 4,000 of them
    [InlineData("reference", "x", "Reference: at most 100 characters.")]
    public async Task TellingIce_WithABadField_IsABadRequestNamingIt_AndStoresNothing(string field, string value, string message)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", Detainer);
        var fields = new Dictionary<string, string> { ["Form.About"] = "detainer", ["Form.Method"] = "email", ["Form.Recipient"] = "ERO desk" };
        fields["Form." + char.ToUpperInvariant(field[0]) + field[1..]] = value == "x" ? new string('x', 4_000) : value;

        var response = await officer.PostFormAsync("/cases/B1?handler=notifyIce", fields, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await BodyAsync(response);
        Assert.Contains(message, body, StringComparison.Ordinal);
        Assert.Contains(value == "x" ? "Nothing was stored." : "Nothing was recorded.", body, StringComparison.Ordinal); // too long: refused before the page's handler
        Assert.Equal(0, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Action == "notify-ice")));
    }

    [Fact]
    public async Task TellingIce_WithNoDutyOfThatKind_IsRefusedByTheEngine()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", Detainer);

        var page = await officer.ActAsync("B1", "notifyIce", new() { ["Form.About"] = "citizenship-claim", ["Form.Method"] = "phone", ["Form.Recipient"] = "ERO desk" });

        Assert.Contains("Refused: No duty to tell ICE of a citizenship claim is open for this booking.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_WarnsHalfWay_AndRaisesOverdueAtTheDueInstant_ExactlyOnceEach()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", Detainer);
        await officer.ActAsync("B1", "consularAdvisal", ActForms.ConsularAdvisalDeclined()); // no consular duty left to raise alerts of its own

        app.Clock.Advance(Duration.FromHours(12) - Duration.FromSeconds(1));
        Assert.Equal(0, await app.RunDeadlineMonitorAsync());
        app.Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        Assert.Equal(0, await app.RunDeadlineMonitorAsync()); // again, or after a restart: nothing new
        app.Clock.Advance(Duration.FromHours(12) - Duration.FromSeconds(1));
        Assert.Equal(0, await app.RunDeadlineMonitorAsync());
        app.Clock.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        var version = await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Version).SingleAsync());
        app.Clock.Advance(Duration.FromHours(3));
        Assert.Equal(0, await app.RunDeadlineMonitorAsync());

        var alerts = await app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.BookingId == "B1").ToListAsync());
        var due = LiaisonWebFactory.Start + Duration.FromHours(24);
        Assert.Equal(due, Assert.Single(alerts, a => a.Kind == AlertKinds.DutyHalfway).DueAt);
        Assert.Equal(due, Assert.Single(alerts, a => a.Kind == AlertKinds.IceNoticeOverdue).DueAt);
        // An overdue duty that stays open is not caught up again on every pass.
        Assert.Equal(version, await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.Version).SingleAsync()));
        using var jail = await app.SignInAsync(Roles.JailStaff);
        Assert.Contains("ICE was not told in time: tell ICE now", await jail.GetPageAsync("/alerts"), StringComparison.Ordinal);
        Assert.Contains("Overdue: tell ICE now", await officer.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_RaisesNothingForADutyThatEndedWithCustody()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "claim");
        app.Clock.Advance(Duration.FromMinutes(10));
        await jail.ActAsync("B1", "release");

        app.Clock.Advance(Duration.FromHours(2));

        Assert.Equal(0, await app.RunDeadlineMonitorAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Alerts.CountAsync(a => a.Kind == AlertKinds.IceNoticeOverdue || a.Kind == AlertKinds.DutyHalfway)));
    }

    [Fact]
    public async Task Interview_RecordsTheInterpreterQuestionAndAnswer()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var interview = new Dictionary<string, string>
        {
            ["Form.Language"] = "es",
            ["Form.Claims"] = "foreign-national",
            ["Form.InterpreterAnswer"] = "Sí, prefiero español",
            ["Form.InterpreterNeeded"] = "yes",
        };

        var missing = await officer.PostFormAsync("/cases/B1?handler=interview", interview, "/cases/B1");
        var bogus = await officer.PostFormAsync("/cases/B1?handler=interview", interview.With("Form.InterpreterNeeded", "maybe"), "/cases/B1");
        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "interview", interview.With("Form.InterpreterName", "L. Ortega (county interpreter)")));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Interpreter's name: required when an interpreter was needed", await BodyAsync(missing), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("Interpreter needed: \"maybe\" is not yes or no. Nothing was recorded.", await BodyAsync(bogus), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Action == "interview")));
        Assert.Contains("<dt>Asked</dt><dd>“Do you need an interpreter to understand these questions and your rights?”</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Answered</dt><dd>“Sí, prefiero español”</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Interpreter</dt><dd>needed; interpreted by L. Ortega (county interpreter)</dd>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevocationLetter_EndsTheDesignationOnTheFacilitysLocalDate_AndIsShownNotDeleted()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var admin = await app.SignInAsync(Roles.Administrator);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var certification = await app.WithDbAsync(db => db.Certifications.Where(c => c.OfficerId == "dso-1").Select(c => c.Id).SingleAsync());
        var letter = new Dictionary<string, string>
        {
            ["CertificationId"] = certification.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["LetterNumber"] = "R-2026-3",
            ["LetterDate"] = "2026-03-03",
            ["LetterSignedBy"] = "FOD Alvarez",
        };

        var revoked = await admin.PostFormAsync("/admin/officers?handler=revoke", letter, "/admin/officers");
        var again = await admin.PostFormAsync("/admin/officers?handler=revoke", letter.With("LetterDate", "2026-04-01"), "/admin/officers");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already revoked from 2026-03-03; a revocation is never changed.", await BodyAsync(again), StringComparison.Ordinal);
        Assert.Contains("Revoked from 3 Mar 2026 by letter R-2026-3, signed by FOD Alvarez", WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/officers")), StringComparison.Ordinal);

        // 23:30 on 2 March in New York (04:30 UTC on the 3rd): still designated.
        app.Clock.Reset(Instant.FromUtc(2026, 3, 3, 4, 30));
        Assert.DoesNotContain("holds no JEM certification", await officer.GetPageAsync("/cases/B1"), StringComparison.Ordinal);
        // 00:10 on 3 March in New York: the letter's date has come.
        app.Clock.Reset(Instant.FromUtc(2026, 3, 3, 5, 10));
        var page = await officer.ActAsync("B1", "lodge", Detainer);
        Assert.Contains("Refused: Officer dso-1 holds no JEM certification valid on 2026-03-03.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }
}
