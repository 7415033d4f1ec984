using System.Data.Common;
using Liaison.Data.Audit;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>The tamper-evident record: custody events and the audit log are hash-chained, and every write and case read is logged.</summary>
public sealed class AuditTests
{
    private static async Task<LiaisonWebFactory> WorkedAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        await app.BookAsync("B2");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "lodge", ActForms.Detainer());
        await officer.ActAsync("B1", "serveDetainer");
        await officer.ActAsync("B2", "claim");
        return app;
    }

    [Fact]
    public async Task AJourney_WritesExactlyTheExpectedAuditEntries()
    {
        await using var app = await TestApp.StartAsync();
        var seeded = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => (long?)e.ChainIndex)) ?? 0; // the test county's accounts
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.GetPageAsync("/cases/B1");
        await officer.PostFormAsync("/cases/B1?handler=lodge", ActForms.Detainer(), "/cases/B1"); // reads the form page, then acts
        await officer.PostFormAsync("/cases/B1?handler=serveDetainer", [], "/cases/B1");
        await officer.GetPageAsync("/search?q=garcia");
        var failed = await new PageClient(app.CreateClient()).PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = "wrong password!" });
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/admin?handler=addHoliday", new() { ["HolidayDate"] = "2026-12-24", ["HolidayName"] = "Christmas Eve" }, "/admin");

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ChainIndex > seeded).OrderBy(e => e.ChainIndex).Select(e => new { e.Action, e.Actor, e.RecordId }).ToListAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failed.StatusCode);
        Assert.Equal(
            [
                ("custody.step", "jms", "B1"),
                ("warrant.signed", "system", "B1"), // the test's supervisor signs through the service, outside a request
                ("account.sign-in", "moreno", "moreno"),
                ("case.read", "moreno", "B1"),
                ("case.read", "moreno", "B1"),
                ("custody.step", "moreno", "B1"),
                ("case.read", "moreno", "B1"),
                ("custody.step", "moreno", "B1"),
                ("search.read", "moreno", null),
                ("account.sign-in-failed", "moreno", "moreno"),
                ("account.sign-in", "manager", "manager"),
                ("settings.change", "manager", "2026-12-24"),
            ],
            entries.Select(e => (e.Action, e.Actor, e.RecordId)));
        var search = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "search.read").Select(e => e.Details).SingleAsync());
        Assert.Equal("""{"q":"garcia","dob":null,"results":["B1"]}""", search);
        Assert.All(await ChainReportsAsync(app), r => Assert.Null(r.Problem));
    }

    [Fact]
    public async Task AnIntactRecord_Verifies_WithEveryEntryCounted()
    {
        await using var app = await WorkedAsync();

        var reports = await ChainReportsAsync(app);

        Assert.Equal((ChainInterceptor.CustodyEventsTable, 5L, (string?)null), (reports[0].Table, reports[0].Entries, reports[0].Problem));
        Assert.Null(reports[1].Problem);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()), reports[1].Entries);
        Assert.Equal(await app.WithDbAsync(db => db.CustodyEvents.OrderByDescending(e => e.ChainIndex).Select(e => e.Hash).FirstAsync()), reports[0].Head);
    }

    [Theory]
    [InlineData("custody_events", "edit", "entry 3 (row id 3) was altered")]
    [InlineData("custody_events", "delete", "entry 4 (row id 4) is out of place after entry 2")]
    [InlineData("custody_events", "reorder", "entry 2 (row id 3) does not follow the entry before it")]
    [InlineData("custody_events", "insert", "is not linked into the chain")]
    [InlineData("audit_entries", "edit", "entry 3 (row id 3) was altered")]
    [InlineData("audit_entries", "delete", "entry 4 (row id 4) is out of place after entry 2")]
    [InlineData("audit_entries", "reorder", "entry 2 (row id 3) does not follow the entry before it")]
    [InlineData("audit_entries", "insert", "is not linked into the chain")]
    public async Task Tampering_AfterDroppingTheTriggers_IsCaught(string table, string tampering, string expected)
    {
        await using var app = await WorkedAsync();
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(TestDatabase.LiftImmutability(db, table));
            var at = TestDatabase.Stored(db, LiaisonWebFactory.Start);
            foreach (var statement in tampering switch
            {
                "edit" => [$"UPDATE {table} SET \"Actor\" = 'dso-2' WHERE \"Id\" = 3"],
                "delete" => [$"DELETE FROM {table} WHERE \"Id\" = 3"],
                "reorder" => [$"DROP INDEX \"IX_{table}_ChainIndex\"", $"UPDATE {table} SET \"ChainIndex\" = -1 WHERE \"Id\" = 2", $"UPDATE {table} SET \"ChainIndex\" = 2 WHERE \"Id\" = 3", $"UPDATE {table} SET \"ChainIndex\" = 3 WHERE \"Id\" = 2"],
                _ => new[]
                {
                    table == "custody_events"
                        ? "INSERT INTO custody_events (\"BookingId\", \"Sequence\", \"At\", \"Action\", \"Actor\", \"StepJson\", \"Accepted\", \"ChainIndex\", \"PreviousHash\", \"Hash\") VALUES ('B2', 9, {0}, 'release', 'jms', 'forged', TRUE, 0, '', '')"
                        : "INSERT INTO audit_entries (\"ChainIndex\", \"At\", \"Actor\", \"Action\", \"RecordType\", \"PreviousHash\", \"Hash\") VALUES (0, {0}, 'admin', 'case.read', 'booking', '', '')",
                },
            })
            {
                await db.Database.ExecuteSqlRawAsync(statement, statement.Contains("{0}", StringComparison.Ordinal) ? [at] : []);
            }

            return 0;
        });

        var report = (await ChainReportsAsync(app)).Single(r => r.Table == table);

        Assert.NotNull(report.Problem);
        Assert.Contains(expected, report.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDatabaseItself_RefusesToChangeTheAuditLog()
    {
        await using var app = await WorkedAsync();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'x'")));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries")));
        var truncate = await Assert.ThrowsAnyAsync<DbException>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "TRUNCATE audit_entries" : "DELETE FROM audit_entries WHERE 1")));

        Assert.Contains("audit entries are immutable", update.Message, StringComparison.Ordinal);
        Assert.Contains("audit entries are immutable", delete.Message, StringComparison.Ordinal);
        Assert.Contains("audit entries are immutable", truncate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_ExitsZeroWithTheHeads_OneWhenAltered_AndOneWhenTheEndWasCutSinceAHeadWasNoted()
    {
        await using var app = await WorkedAsync();
        var clean = await LiaisonProgram.RunAsync(["audit", "verify", .. app.DatabaseArgs]);
        var head = await app.WithDbAsync(db => db.CustodyEvents.OrderByDescending(e => e.ChainIndex).Select(e => e.Hash).FirstAsync());

        // The last event is removed: the rest of the chain is intact, but the noted head is gone.
        await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync(TestDatabase.LiftImmutability(db, "custody_events"));
            return await db.Database.ExecuteSqlRawAsync("DELETE FROM custody_events WHERE \"ChainIndex\" = 5;");
        });
        var cut = await LiaisonProgram.RunAsync(["audit", "verify", .. app.DatabaseArgs, "--head", head]);
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE custody_events SET \"Actor\" = 'dso-2' WHERE \"Id\" = 2;"));
        var altered = await LiaisonProgram.RunAsync(["audit", "verify", .. app.DatabaseArgs]);

        Assert.Equal(0, clean.ExitCode);
        Assert.Contains($"custody_events: 5 entries intact; head {head}", clean.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, cut.ExitCode);
        Assert.Contains("custody_events: 4 entries intact", cut.Stdout, StringComparison.Ordinal);
        Assert.Contains($"head {head}: NOT FOUND", cut.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, altered.ExitCode);
        Assert.Contains("custody_events: BROKEN at entry 2 (row id 2) was altered", altered.Stdout, StringComparison.Ordinal);
    }

    private static Task<IReadOnlyList<ChainReport>> ChainReportsAsync(LiaisonWebFactory app) => app.WithDbAsync(db => ChainVerifier.VerifyAsync(db));
}

/// <summary>The audit log page: auditors filter it and export it; other roles cannot read it.</summary>
public sealed class AuditPageTests
{
    [Fact]
    public async Task Auditor_FiltersByRecordAndAction_AndExportsCsv_WhichIsItselfAudited()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        await officer.ActAsync("B1", "claim");
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var page = await auditor.GetPageAsync("/audit?Record=B1&Action=custody.step");
        var csvResponse = await auditor.GetAsync("/audit?handler=csv&Record=B1&Action=custody.step");
        var csv = await csvResponse.Content.ReadAsStringAsync();

        Assert.Contains("2 entries match", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">B2</a>", page, StringComparison.Ordinal);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("chainIndex,at,actor,address,action,recordType,recordId,details,hash", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",jms,,custody.step,booking,B1,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",moreno,", lines[2], StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "audit.export" && e.Actor == "auditor")));
    }

    [Fact]
    public async Task AgreementAndAccountChanges_AreLoggedWithBeforeAndAfter_AndNeverAPassword()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var admin = await app.SignInAsync(Roles.Administrator);

        await manager.PostFormAsync("/admin/agreements?handler=add", new() { ["Id"] = "moa-wso", ["Model"] = "WSO", ["Effective"] = "2026-03-01" }, "/admin/agreements");
        await manager.PostFormAsync("/admin/agreements?handler=end", new() { ["agreementId"] = "moa-wso", ["Ends"] = "2026-06-30" }, "/admin/agreements");
        var created = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "silva", ["DisplayName"] = "Dep. Silva", ["Role"] = Roles.IceOfficer, ["OfficerId"] = "ice-2", ["Password"] = "a long enough passphrase" }, "/admin/users");
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => (e.Action == "agreement.change" || e.Action == "account.change") && e.Actor != "system")
            .OrderBy(e => e.ChainIndex).Select(e => new { e.Action, e.Actor, e.RecordId, e.Details }).ToListAsync());

        Assert.Equal(
            [
                ("agreement.change", "manager", "moa-wso", """{"before":null,"after":{"Model":"WSO","Effective":"2026-03-01","Ends":null}}"""),
                ("agreement.change", "manager", "moa-wso", """{"before":{"Ends":null},"after":{"Ends":"2026-06-30"}}"""),
                ("account.change", "admin", "silva", """{"before":null,"after":{"UserName":"silva","DisplayName":"Dep. Silva","Role":"ice-officer","OfficerId":"ice-2"}}"""),
            ],
            entries.Select(e => (e.Action, e.Actor, e.RecordId, e.Details)));
        Assert.DoesNotContain(await app.WithDbAsync(db => db.AuditEntries.Select(e => e.Details).ToListAsync()), d => d != null && d.Contains("passphrase", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ManyPeopleAtOnce_AreEachAudited_InOneUnbrokenChain_AndNoPageFails()
    {
        await using var app = await TestApp.StartAsync();
        string[] bookings = ["B1", "B2", "B3", "B4", "B5", "B6"];
        foreach (var id in bookings)
        {
            await app.BookAsync(id);
        }

        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var records = await app.SignInAsync(Roles.JailStaff);

        // Case reads (audit entries) and acts on different bookings (custody events and audit entries) race for
        // the heads of both chains.
        var reads = Enumerable.Range(0, 24).Select(i => officer.GetAsync($"/cases/{bookings[i % bookings.Length]}"));
        var acts = bookings.Select(id => records.PostFormAsync($"/cases/{id}?handler=eligible", new() { ["Reason"] = "bond-posted" }, $"/cases/{id}"));
        var answers = await Task.WhenAll([.. reads, .. acts]);

        Assert.All(answers, a => Assert.True(a.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Redirect, $"{a.RequestMessage?.RequestUri}: {(int)a.StatusCode}"));
        Assert.Equal(24 + bookings.Length, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "case.read")));
        Assert.Equal(bookings.Length, await app.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.Action == "release-eligible" && e.Accepted)));
        Assert.All(await app.WithDbAsync(db => ChainVerifier.VerifyAsync(db)), r => Assert.Null(r.Problem));
    }

    [Fact]
    public async Task AuditLog_IsClosedToOtherRoles_AndABadDateIsNamed()
    {
        await using var app = await TestApp.StartAsync();
        using var officer = await app.SignInAsync(Roles.DesignatedOfficer);
        using var admin = await app.SignInAsync(Roles.Administrator);

        var denied = await officer.GetAsync("/audit");
        var bad = await admin.GetAsync("/audit?From=yesterday");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("From: use the form yyyy-mm-dd.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Tamper-evident record", await admin.GetPageAsync("/admin"), StringComparison.Ordinal);
    }
}
