using System.Net;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// A mistaken entry is corrected or voided by an appended correction (who, why, which entry), never by changing the
/// original; the case is read with the correction applied; one that changes custody or a deadline is recorded only
/// when an ICE supervisor other than its proposer approves it; all of it audited.
/// </summary>
public sealed class CorrectionTests
{
    private static async Task<LiaisonWebFactory> HeldForIceAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");                 // #1
        await app.SignWarrantAsync("B1");
        await app.RecordDhsMatchAsync("B1");       // #2
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "en", ["Form.Advisals"] = "rights", ["Form.Claims"] = "foreign-national" }); // #3
        await officer.ActAsync("B1", "lodge", ActForms.Detainer()); // #4
        await officer.ActAsync("B1", "serveDetainer");              // #5
        app.Clock.Advance(Duration.FromHours(2));
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" }); // #6: held for ICE
        return app;
    }

    private static Task<List<CustodyEventRecord>> EventsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == "B1").OrderBy(e => e.Sequence).ToListAsync());

    private static Task<List<string>> AuditActionsAsync(LiaisonWebFactory app) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());

    [Fact]
    public async Task AValueCorrection_IsAppended_TheOriginalKept_AndTheCaseReadWithIt()
    {
        await using var app = await HeldForIceAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var before = await EventsAsync(app);

        var form = WebUtility.HtmlDecode(await officer.GetPageAsync("/cases/B1?correct=3"));
        Assert.Contains("Correct entry #3: Interview", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Language\" value=\"en\"", form, StringComparison.Ordinal); // opens with what was recorded

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "interview", new()
        {
            ["Form.Corrects"] = "3",
            ["Form.CorrectionReason"] = "The interview was in Spanish; English was entered by mistake.",
            ["Form.Language"] = "es",
            ["Form.Advisals"] = "rights",
            ["Form.Claims"] = "foreign-national",
        }));

        Assert.Contains("Corrected entry #3 (the original stays on the timeline). Custody, hold and deadlines are unchanged.", page, StringComparison.Ordinal);
        Assert.Contains("Corrected by <a href=\"#entry-7\">entry #7</a>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Corrects</dt><dd>entry #3 (Interview,", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Why</dt><dd>The interview was in Spanish; English was entered by mistake.</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Language used</dt><dd>Spanish (es)</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Language used</dt><dd>English (en)</dd>", page, StringComparison.Ordinal); // the original, unchanged

        var after = await EventsAsync(app);
        Assert.Equal(before.Select(e => (e.Sequence, e.StepJson, e.Hash)), after.Take(before.Count).Select(e => (e.Sequence, e.StepJson, e.Hash)));
        Assert.Equal(("correction", "dso-1", "moreno"), (after[^1].Action, after[^1].Actor, after[^1].UserName));
        Assert.Contains(AuditLog.CustodyCorrected, await AuditActionsAsync(app));
        using var scope = app.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<ProjectionCheck>().VerifyAsync("B1"));

        // The same correction sent again records nothing more.
        page = await officer.ActAsync("B1", "interview", new()
        {
            ["Form.Corrects"] = "3",
            ["Form.CorrectionReason"] = "The interview was in Spanish; English was entered by mistake.",
            ["Form.Language"] = "es",
            ["Form.Advisals"] = "rights",
            ["Form.Claims"] = "foreign-national",
        });
        Assert.Contains("Already recorded: entry #3 was corrected this way before.", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal(after.Count, (await EventsAsync(app)).Count);
    }

    [Fact]
    public async Task ACorrectionChangingCustody_WaitsForAnIceSupervisor_WhoIsNotTheProposer()
    {
        await using var app = await HeldForIceAsync();
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var supervisor = await app.SignInAsync(Roles.IceSupervisor);
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);

        var page = WebUtility.HtmlDecode(await jail.ActAsync("B1", "void", new() { ["Form.Corrects"] = "6", ["Form.CorrectionReason"] = "Bond posted on another booking.", ["Form.Confirmed"] = "yes" }));

        Assert.Contains("Proposed: this correction of entry #6 changes custody or a deadline (Custody: Held for ICE \u2192 In jail;", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge warn\">Held for ICE</span>", page, StringComparison.Ordinal); // the record stands until approved
        Assert.Equal(6, (await EventsAsync(app)).Count);
        Assert.DoesNotContain("Approve and record", page, StringComparison.Ordinal);
        var proposal = await app.WithDbAsync(db => db.CorrectionProposals.AsNoTracking().SingleAsync());

        // Only an ICE supervisor decides, and never the proposer.
        var refused = await officer.PostFormAsync("/cases/B1?handler=approveCorrection", new() { ["Form.Proposal"] = $"{proposal.Id}" });
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using (var scope = app.Services.CreateScope())
        {
            var self = await scope.ServiceProvider.GetRequiredService<CaseCorrections>().ApproveAsync(proposal.Id, new ActingAs("sup-1", proposal.ProposedBy));
            Assert.Equal(CorrectionResultKind.Refused, self.Kind);
            Assert.Contains("A second person must approve", self.Reason, StringComparison.Ordinal);
        }

        var inbox = WebUtility.HtmlDecode(await supervisor.GetPageAsync("/work"));
        Assert.Contains("Corrections to approve <span class=\"count\">1</span>", inbox, StringComparison.Ordinal);
        Assert.Contains($"/cases/B1#proposal-{proposal.Id}", inbox, StringComparison.Ordinal);

        var approved = await supervisor.PostFormAsync("/cases/B1?handler=approveCorrection", new() { ["Form.Proposal"] = $"{proposal.Id}" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        page = WebUtility.HtmlDecode(await supervisor.GetPageAsync("/cases/B1"));
        Assert.Contains("Approved and recorded", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge info\">In jail</span>", page, StringComparison.Ordinal);
        Assert.Contains("Eligible for release — voided", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Approved by</dt><dd>park</dd>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Notify ICE of release", page, StringComparison.Ordinal); // its alert cleared with the duty

        var events = await EventsAsync(app);
        Assert.Equal(("correction", "records"), (events[^1].Action, events[^1].UserName));
        var audit = await AuditActionsAsync(app);
        Assert.Contains(AuditLog.CorrectionProposed, audit);
        Assert.Contains(AuditLog.CorrectionApproved, audit);
        Assert.Contains(AuditLog.CustodyCorrected, audit);
        Assert.Equal(CorrectionProposalRecord.Approved, (await app.WithDbAsync(db => db.CorrectionProposals.AsNoTracking().SingleAsync())).Status);
    }

    [Fact]
    public async Task ACorrectionThatWouldBreakTheRecord_IsRefused_AndNothingIsStored()
    {
        await using var app = await HeldForIceAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        var before = await EventsAsync(app);

        // The detainer was served (#5): voiding its lodging (#4) alone would leave a serve of nothing.
        var response = await officer.PostFormAsync("/cases/B1?handler=void", new() { ["Form.Corrects"] = "4", ["Form.CorrectionReason"] = "Wrong person.", ["Form.Confirmed"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("With this correction the record would no longer hold together", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Without a reason, or on an entry that is not the officer's kind of act, nothing either.
        response = await officer.PostFormAsync("/cases/B1?handler=void", new() { ["Form.Corrects"] = "5", ["Form.CorrectionReason"] = " ", ["Form.Confirmed"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reason: say why the entry was wrong", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        response = await officer.PostFormAsync("/cases/B1?handler=void", new() { ["Form.Corrects"] = "1", ["Form.CorrectionReason"] = "Typo.", ["Form.Confirmed"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Entry corrected: #1 is not an entry of this booking you may correct.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var auditor = await app.SignInAsync(Roles.Auditor);
        var denied = await auditor.PostFormAsync("/cases/B1?handler=void", new() { ["Form.Corrects"] = "5", ["Form.CorrectionReason"] = "x", ["Form.Confirmed"] = "yes" });
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("Correct or void", await auditor.GetPageAsync("/cases/B1"), StringComparison.Ordinal);

        Assert.Equal(before.Count, (await EventsAsync(app)).Count);
        Assert.Empty(await app.WithDbAsync(db => db.CorrectionProposals.ToListAsync()));
    }

    [Fact]
    public async Task VoidingAnEntryWithoutCustodyEffect_IsRecordedAtOnce_AndTheEntryIsStruckThrough()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "interview", new() { ["Form.Language"] = "en", ["Form.Claims"] = "declined" }); // #2

        var page = WebUtility.HtmlDecode(await officer.ActAsync("B1", "void", new() { ["Form.Corrects"] = "2", ["Form.CorrectionReason"] = "Entered on the wrong booking.", ["Form.Confirmed"] = "yes" }));

        Assert.Contains("Voided entry #2", page, StringComparison.Ordinal);
        Assert.Contains("Interview — voided", page, StringComparison.Ordinal);
        Assert.Contains("<li class=\"voided\" id=\"entry-2\">", page, StringComparison.Ordinal);
        // The person waits for screening again: the interview that took them off the queue did not happen.
        Assert.True(await app.WithDbAsync(db => db.Bookings.Where(b => b.Id == "B1").Select(b => b.AwaitingScreening).SingleAsync()));
        Assert.Contains("/cases/B1", await officer.GetPageAsync("/queue"), StringComparison.Ordinal);
    }
}
