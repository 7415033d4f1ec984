using Liaison.Data.Complaints;
using Liaison.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Complaints on either database (decision 0019): filed with a tracking code the public alone holds (only its hash is
/// stored, and the audit log names no one), followed by that code, worked through the workflow by staff with each
/// step checked, and the agreement's clocks kept on the record.
/// </summary>
public sealed class ComplaintTests
{
    private static readonly ComplaintFiling Anonymous = new("es", "El oficial no me dio la copia de la orden de ICE.", null, null, null, null, null);

    [Fact]
    public async Task AFiledComplaint_IsFollowedByItsCode_WhichOnlyItsHashIsStoredFor()
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        var (complaint, code, problems) = await complaints.FileAsync(Anonymous with { ContactEmail = "ana@example.org", ContactName = "Ana" });

        Assert.Empty(problems);
        Assert.Matches("^LC-[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        var stored = await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync());
        Assert.Equal(TrackingCode.Hash(code!), stored.CodeHash);
        Assert.DoesNotContain(code!, stored.CodeHash, StringComparison.Ordinal);
        Assert.Equal("America/New_York", stored.ZoneId);
        Assert.Equal(stored.ReceivedAt + Duration.FromHours(48), stored.NextDue); // Monday 09:00: to ICE by Wednesday 09:00, the nearest clock
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == ComplaintService.FiledAction).SingleAsync());
        Assert.Equal(complaint!.Number, audit.RecordId);
        Assert.DoesNotContain("Ana", audit.Details, StringComparison.Ordinal); // who filed it is not logged
        Assert.DoesNotContain("example.org", audit.Details, StringComparison.Ordinal);

        var status = await complaints.StatusAsync(code!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(ComplaintStage.Received, status!.Stage);
        Assert.Equal(complaint.Number, status.Number);
        Assert.Null(await complaints.StatusAsync("LC-0000-0000"));
        Assert.Null(await complaints.StatusAsync("' OR 1=1 --"));
    }

    [Fact]
    public async Task BadFilings_AreRefusedNamingTheField_AndNothingIsStored()
    {
        await using var app = await TestApp.StartAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();

        var (_, code, problems) = await complaints.FileAsync(new ComplaintFiling("xx", " ", new LocalDate(2030, 1, 1), new string('p', 201), null, "not-an-address", "call me"));

        Assert.Null(code);
        Assert.Equal(
        [
            "Language: \"xx\" is not one of en, es, pt, ht, fr, vi, zh-Hans, tl, ko, ar, ru.",
            "What happened: describe what happened.",
            "Date: the day it happened cannot be after today.",
            "Place: at most 200 characters.",
            "E-mail: write it as name@example.org, or leave it empty.",
            "Telephone: digits, spaces and + - ( ) only, or leave it empty.",
        ], problems.Select(p => p.English));
        Assert.Equal(0, await app.WithDbAsync(db => db.Complaints.CountAsync()));
    }

    [Fact]
    public async Task Staff_WorkAComplaintThroughTheWorkflow_OnTheAgreementsClocks()
    {
        await using var app = await TestApp.StartAsync(); // Monday 2 March 2026, 09:00 EST
        await using var scope = app.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var (complaint, code, _) = await complaints.FileAsync(Anonymous);
        var id = complaint!.Id;

        var refused = await complaints.RecordAsync(id, at => new InvestigationStarted(at, "manager"));
        Assert.Equal((ComplaintResultKind.Refused, "Assign the complaint before the investigation starts."), (refused.Kind, refused.Reason));
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new ComplaintAssigned(at, "manager", "auditor"))).Kind);
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new ComplaintReferred(at, "manager", ReferralBody.Ice, "ERO-1234"))).Kind);
        app.Clock.Advance(Duration.FromDays(1));
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new InvestigationStarted(at, "auditor"))).Kind);
        app.Clock.Advance(Duration.FromDays(10));
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new FindingRecorded(at, "auditor", ComplaintFinding.NotSustained, "No record either way."))).Kind);
        Assert.Equal("Send ICE the results before closing: the agreement requires them within 30 days of the finding.",
            (await complaints.RecordAsync(id, at => new ComplaintClosed(at, "manager"))).Reason);
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new ComplaintReferred(at, "manager", ReferralBody.Ice, "ERO-1234", Results: true))).Kind);
        Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(id, at => new ComplaintClosed(at, "manager"))).Kind);

        var loaded = (await complaints.LoadAsync(id))!;
        Assert.Equal(["assigned", "referred", "investigation-started", "finding", "referred", "closed"], loaded.Events.Select(e => e.Kind));
        Assert.All(loaded.State.Clocks, c => Assert.False(c.MetLate));
        Assert.Equal("closed", loaded.Complaint.Stage);
        Assert.Null(loaded.Complaint.NextDue);
        var status = (await complaints.StatusAsync(code))!;
        Assert.Equal((ComplaintStage.Closed, ComplaintFinding.NotSustained), (status.Stage, status.Finding));
        Assert.Equal(7, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.RecordType == "complaint")));
        Assert.Equal(ComplaintResultKind.Unknown, (await complaints.RecordAsync(id + 1, at => new ComplaintClosed(at, "manager"))).Kind);
    }
}
