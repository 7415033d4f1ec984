using System.Net;
using Liaison.Data.Identity;
using Liaison.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// A case reviewed from its own page: every recorded argument in words, DHS's record status beside the match, refused
/// attempts filtered; and acts that explain themselves: checked before submitting, confirmed when they cannot be undone,
/// recorded exactly once however often the form is sent, and answered with what they changed.
/// </summary>
public sealed class CaseRecordTests
{
    [Fact]
    public async Task Timeline_ShowsEveryRecordedArgument_InPlainWords()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);

        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "es", ["Form.Advisals"] = "rights", ["Form.Claims"] = "foreign-national" });
        await officer.ActAsync("B1", "lodge", ActForms.Detainer().With("Form.Bases", "pending-proceedings"));
        await jail.ActAsync("B1", "schedule", new() { ["Form.Expected"] = "2026-03-05T09:00" });
        var page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "time-served" }));

        Assert.Contains("<dt>DHS record status</dt><dd>No lawful status</dd>", page, StringComparison.Ordinal);
        foreach (var recorded in (string[])[
            "<dt>Language used</dt><dd>Spanish (es)</dd>", "<dt>Advisals given</dt><dd>rights advisal</dd>", "<dt>The person said they are</dt><dd>a foreign national</dd>",
            "<dt>Form</dt><dd>I-247A (immigration detainer)</dd>", "<dt>Probable cause</dt><dd>pending removal proceedings</dd>",
            "<dt>Warrant</dt><dd>I-205 W-100, signed by SDDO Park (sup-1)</dd>"])
        {
            Assert.Contains(recorded, page, StringComparison.Ordinal);
        }

        Assert.Contains("<dt>Authority</dt><dd>agreement moa-jem (JEM); JEM certification valid 1 Mar 2025 to 1 Mar 2027</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Expected release</dt><dd>Thu 5 Mar 2026, 09:00 EST</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Reason</dt><dd>Time served</dd>", page, StringComparison.Ordinal);
        // The zone is named once, in the footer, not on every time.
        Assert.DoesNotContain("09:00 America/New_York", page, StringComparison.Ordinal);
        Assert.Contains("Times are shown in the facility's time zone, America/New_York.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DhsRecordStatus_IsShownBesideTheMatch_AndWarnsWhenItShowsLawfulStatus()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1", RecordStatus.LawfulStatus);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));

        Assert.Contains("DHS: <strong>Match</strong> · records show <span class=\"badge danger\">Lawful immigration status</span>", page, StringComparison.Ordinal);
        Assert.Contains("DHS reported: <strong>Lawful immigration status</strong>. A biometric basis is not probable cause", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedAttempts_CanBeFiltered()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", new() { ["Form.Bases"] = "final-order", ["Form.Insist"] = "yes" });

        var all = await officer.GetPageAsync("/cases/B1");
        var refused = await officer.GetPageAsync("/cases/B1?show=refused");

        Assert.Contains("All events (2)", all, StringComparison.Ordinal);
        Assert.Contains("Refused attempts only (1)", refused, StringComparison.Ordinal);
        Assert.Contains("<span class=\"seq\">#1</span> Booked</span>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"seq\">#1</span> Booked</span>", refused, StringComparison.Ordinal);
        Assert.Contains("Detainer lodged — refused", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckFirst_AnswersWhatWouldHappen_AndRecordsNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.PostFormAsync("/cases/B1?handler=lodge", ActForms.Detainer().With("Form.CheckOnly", "yes"), "/cases/B1");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The engine would accept this. Hold authority: None → Detainer lodged; ICE must be told of the detainer by Tue 3 Mar 2026, 09:00 EST. Nothing is recorded until you submit.", page, StringComparison.Ordinal);
        Assert.Contains("value=\"final-order\" checked=\"checked\"", page, StringComparison.Ordinal); // the form keeps what was entered
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task AfterAnAct_TheMessageSaysWhatChanged()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "serveDetainer");

        var held = WebUtility.HtmlDecode(await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" }));
        Assert.Contains("Recorded: Eligible for release. Custody: In jail → Held for ICE; the hold must end by Wed 4 Mar 2026, 09:00 EST.", held, StringComparison.Ordinal);

        var claim = WebUtility.HtmlDecode(await officer.ActAsync("B1", "interview", new() { ["Form.Claims"] = "us-citizen" }));
        Assert.Contains("Recorded: Interview. Custody: Held for ICE → Release required; citizenship: no claim made → claim under review; no hold deadline runs now; ICE must be told of the citizenship claim by Mon 2 Mar 2026, 10:00 EST; no one may be held for ICE until an ICE supervisor resolves the claim.", claim, StringComparison.Ordinal);
        // While the review is open, a second claim is not offered.
        Assert.DoesNotContain("<summary>Record a claim of US citizenship</summary>", claim, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActThatCannotBeUndone_NeedsConfirmation_AndAReleaseUnderAHoldSaysWhyItIsLawful()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "serveDetainer");
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        app.Clock.Advance(Duration.FromHours(49));

        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.Contains("The immigration hold ended Wed 4 Mar 2026, 09:00 EST: release is required now", page, StringComparison.Ordinal);

        var unconfirmed = await jail.PostFormAsync("/cases/B1?handler=release", new() { ["Form.RequestId"] = "r1" }, "/cases/B1");
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("Confirm: tick the box to confirm.", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Action == "release")));

        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "release"));
        Assert.Contains("Recorded: Released. Custody: Release required → Released.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameFormSentTwice_RecordsOnce_AndTheSecondAnswerSaysSo()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var lodge = ActForms.Detainer().With("Form.RequestId", "a1b2c3");

        var first = await officer.ActAsync("B1", "lodge", lodge);
        var again = WebUtility.HtmlDecode(await officer.ActAsync("B1", "lodge", lodge));

        Assert.Contains("Recorded: Detainer lodged.", first, StringComparison.Ordinal);
        Assert.Contains("Already recorded: this form was sent more than once and is recorded once (Detainer lodged). Nothing more was saved.", again, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else acted", again, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1")));
    }

    [Fact]
    public async Task TheSameFormSentConcurrently_RecordsOnce_AndNeitherAnswerSaysSomeoneElseActed()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var token = await officer.TokenAsync("/cases/B1");
        KeyValuePair<string, string>[] interview = [new("Form.Claims", "foreign-national"), new("Form.Language", "en"), new("Form.RequestId", "dbl1")];

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => officer.PostWithTokenAsync("/cases/B1?handler=interview", interview, token)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && e.Action == "interview")));
        Assert.Equal(0, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && !e.Accepted)));
        var page = await officer.GetPageAsync("/cases/B1");
        Assert.DoesNotContain("Someone else acted", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARequestIdReusedForOtherContent_IsRefused_NotTakenAsTheFirst()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "interview", new() { ["Form.Claims"] = "foreign-national", ["Form.RequestId"] = "same" });

        var page = await officer.ActAsync("B1", "interview", new() { ["Form.Claims"] = "declined", ["Form.RequestId"] = "same" });

        Assert.Contains("Not recorded: this form was already sent with different values.", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && e.Action == "interview")));
    }

    [Fact]
    public async Task AClosedCase_NamesItsReasonOnce_ForEveryActItCloses()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        await jail.ActAsync("B1", "release");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = await officer.GetPageAsync("/cases/B1");
        var unavailable = page[page.IndexOf("<ul class=\"unavailable\">", StringComparison.Ordinal)..];
        unavailable = unavailable[..unavailable.IndexOf("</ul>", StringComparison.Ordinal)];

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(unavailable, "<li>"));
    }
}

/// <summary>An address with nothing behind it answers 404 with the app's own page, not the browser's.</summary>
public sealed class NotFoundPageTests
{
    [Theory]
    [InlineData("/cases/B404")]
    [InlineData("/no-such-page")]
    [InlineData("/cases/B404?handler=nope")]
    public async Task NothingHere_Answers404_WithAPageInTheAppsStyle(string url)
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var response = await officer.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", body, StringComparison.Ordinal);
        Assert.Contains("href=\"/site.css\"", body, StringComparison.Ordinal);
    }
}
