using System.Net;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// The consular record of a foreign national: told of the right without delay; the consulate told within 72 hours for
/// a mandatory-notification country whatever the person wants, or when the person asks; late duties raised by the
/// deadline monitor and cleared when met. Each entry is appended to the booking's record and audited.
/// </summary>
public sealed class ConsularNotificationTests
{
    private static Task<List<CustodyEventRecord>> EventsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B1").OrderBy(e => e.Sequence).ToListAsync());

    private static Task<List<AlertRecord>> ConsularAlertsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.Alerts.AsNoTracking().Where(a => a.BookingId == "B1" && a.Kind == AlertKinds.ConsularOverdue).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task AMandatoryCountryNational_TheConsulateIsOwedNoticeWithin72Hours_RaisedWhenLate_ClearedWhenTold()
    {
        await using var app = await TestApp.StartAsync();
        var booked = app.Clock.GetCurrentInstant();
        await app.BookAsync("B1", nationality: "JM");
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.Contains("Mandatory-notification country:", page, StringComparison.Ordinal);
        Assert.Contains("Told of the right: not yet — due Tue 3 Mar 2026, 09:00 EST", page, StringComparison.Ordinal);
        Assert.Contains("Consulate told: not yet — due Thu 5 Mar 2026, 09:00 EST", page, StringComparison.Ordinal);

        // The person does not want the consulate told: for Jamaica it is told all the same.
        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "consularAdvisal", new() { ["Form.ConsularRequested"] = "no" }));
        Assert.Contains("Recorded: the person was told of the right to consular notification and did not ask", page, StringComparison.Ordinal);
        Assert.Contains("Consulate told: not yet — due Thu 5 Mar 2026, 09:00 EST", page, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(73));
        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        Assert.Equal(0, await app.RunDeadlineMonitorAsync()); // once per due instant
        var late = Assert.Single(await ConsularAlertsAsync(app));
        Assert.Equal(booked + Duration.FromHours(72), late.DueAt);
        Assert.Contains("Consular notification overdue", await jail.GetPageAsync("/alerts"), StringComparison.Ordinal);

        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "consularNotice", new()
        {
            ["Form.ConsularPost"] = "Consulate General of Jamaica, Miami",
            ["Form.ConsularMethod"] = "fax",
            ["Form.ConsularReference"] = "FAX-2291",
        }));

        Assert.Contains("Recorded: the consulate was told. Custody and any hold are unchanged.", page, StringComparison.Ordinal);
        Assert.Contains("Consulate told: yes, Thu 5 Mar 2026, 10:00 EST (later than 72 hours)", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Consulate told</dt><dd>Consulate General of Jamaica, Miami</dd>", page, StringComparison.Ordinal);
        Assert.Equal("the consular duty was met", Assert.Single(await ConsularAlertsAsync(app)).ClearedBecause);
        Assert.Equal(["book", "consular", "consular"], (await EventsAsync(app)).Select(e => e.Action));
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditLog.ConsularAdvised, audit);
        Assert.Contains(AuditLog.ConsulateNotified, audit);
        Assert.Null(await app.WithDbAsync(db => db.Bookings.AsNoTracking().Where(b => b.Id == "B1").Select(b => b.ConsularDue).SingleAsync()));
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ProjectionCheck>().VerifyAsync("B1"));

        // The same notice sent again records nothing more.
        page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "consularNotice", new() { ["Form.ConsularPost"] = "Consulate General of Jamaica, Miami", ["Form.ConsularMethod"] = "fax" }));
        Assert.Contains("Already recorded: the consulate was told.", page, StringComparison.Ordinal);
        Assert.Equal(3, (await EventsAsync(app)).Count);
    }

    [Fact]
    public async Task AnotherNational_IsOwedTheAdvisal_AndTheConsulateIsToldOnlyIfTheyAsk_AUsNationalIsOwedNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1"); // a Mexican national: not a mandatory-notification country
        await app.BookAsync("B2", nationality: "US");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1"));
        Assert.DoesNotContain("Mandatory-notification country", page, StringComparison.Ordinal);
        Assert.Contains("Told of the right: not yet — due Tue 3 Mar 2026, 09:00 EST", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Consulate told:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("consular-title", await officer.GetPageAsync("/cases/B2"), StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromHours(2));
        page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "consularAdvisal", new() { ["Form.ConsularRequested"] = "yes" }));

        Assert.Contains("asked for their consulate to be told. Tell it within 72 hours", page, StringComparison.Ordinal);
        Assert.Contains("Told of the right: yes, Mon 2 Mar 2026, 11:00 EST; asked for the consulate: yes", page, StringComparison.Ordinal);
        Assert.Contains("Consulate told: not yet — due Thu 5 Mar 2026, 11:00 EST", page, StringComparison.Ordinal);
        app.Clock.Advance(Duration.FromHours(24));
        Assert.Equal(0, await app.RunDeadlineMonitorAsync()); // the advisal was in time; the notice is not yet due
        Assert.Empty(await ConsularAlertsAsync(app));
    }

    [Fact]
    public async Task AnOverdueAdvisal_IsRaised_AndEndsWithCustody()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        app.Clock.Advance(Duration.FromHours(25));

        Assert.Equal(1, await app.RunDeadlineMonitorAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
            var eligible = await custody.RecordNowAsync("B1", at => new Domain.Custody.ReleaseEligible(at, "jms", "B1", "bond-posted"), new ActingAs("jms", "records"));
            var released = await custody.RecordNowAsync("B1", at => new Domain.Custody.Release(at, "jms", "B1"), new ActingAs("jms", "records"));
            Assert.True(eligible.Succeeded && released.Succeeded);
        }

        Assert.Equal("custody ended", Assert.Single(await ConsularAlertsAsync(app)).ClearedBecause);
        app.Clock.Advance(Duration.FromHours(72));
        Assert.Equal(0, await app.RunDeadlineMonitorAsync()); // not watched once the jail no longer holds the person
        using var jail = await app.SignInAsync(Roles.JailStaff);
        var page = WebUtility.HtmlDecode(await jail.GetPageAsync("/cases/B1"));
        Assert.Contains("Told of the right: not recorded", page, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=consularAdvisal", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_Answers400NamingTheField_AndRecordsNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", nationality: "NG");
        using var jail = await app.SignInAsync(Roles.JailStaff);

        var noPost = await jail.PostFormAsync("/cases/B1?handler=consularNotice", new() { ["Form.ConsularPost"] = " ", ["Form.ConsularMethod"] = "email" }, "/cases/B1");
        var badMethod = await jail.PostFormAsync("/cases/B1?handler=consularNotice", new() { ["Form.ConsularPost"] = "Consulate General of Nigeria, Atlanta", ["Form.ConsularMethod"] = "pigeon" }, "/cases/B1");
        var noAnswer = await jail.PostFormAsync("/cases/B1?handler=consularAdvisal", new() { ["Form.ConsularRequested"] = "maybe" }, "/cases/B1");

        Assert.Equal(HttpStatusCode.BadRequest, noPost.StatusCode);
        Assert.Contains("Consulate: name the consulate that was told", WebUtility.HtmlDecode(await noPost.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badMethod.StatusCode);
        Assert.Contains("How the consulate was told: choose one of", WebUtility.HtmlDecode(await badMethod.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noAnswer.StatusCode);
        Assert.Contains("Asked for the consulate:", WebUtility.HtmlDecode(await noAnswer.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(["book"], (await EventsAsync(app)).Select(e => e.Action));
    }

    [Theory]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.ProgramManager)]
    [InlineData(Roles.IceOfficer)]
    public async Task OnlyDesignatedOfficersAndJailStaff_KeepTheConsularRecord(string role)
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", nationality: "PH");
        using var reader = await app.SignInAsync(role);

        var advisal = await reader.PostFormAsync("/cases/B1?handler=consularAdvisal", new() { ["Form.ConsularRequested"] = "yes" }, "/cases/B1");
        var notice = await reader.PostFormAsync("/cases/B1?handler=consularNotice", new() { ["Form.ConsularPost"] = "Philippine Consulate General, New York", ["Form.ConsularMethod"] = "email" }, "/cases/B1");

        Assert.Contains("/account/denied", advisal.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Contains("/account/denied", notice.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(["book"], (await EventsAsync(app)).Select(e => e.Action));
        var page = await reader.GetPageAsync("/cases/B1");
        Assert.Contains("consular-title", page, StringComparison.Ordinal); // they read it
        Assert.DoesNotContain("handler=consularNotice", page, StringComparison.Ordinal);
    }
}
