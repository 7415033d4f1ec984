using System.Net;
using System.Text.Json;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Domain.Bookings;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Results, through the real HTTP stack on either database: the program manager publishes a closed month, the public
/// reads exactly the layout of public-statistics.md without signing in, small counts are suppressed, what was published
/// never changes, and every refusal says why.
/// </summary>
public sealed class StatisticsTests
{
    private static readonly Instant InMarch = Instant.FromUtc(2026, 3, 10, 15, 0);

    [Fact]
    public async Task APublishedMonth_ReachesThePublicInTheFixedLayout_WithSmallCountsSuppressed_AndIsAudited()
    {
        await using var app = await TestApp.StartAsync();
        for (var i = 1; i <= 12; i++)
        {
            await app.BookAsync($"S{i}");
        }

        foreach (var id in new[] { "S1", "S2", "S3" })
        {
            await app.RecordDhsMatchAsync(id);
        }

        app.Clock.AdvanceDays(31); // 2 April: March has ended
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        var dashboard = await manager.GetPageAsync("/statistics");
        Assert.Contains("Publish 2026-03", dashboard, StringComparison.Ordinal);
        // The funnel: twelve people born in Mexico booked, all screened, three matched (internal: small counts shown).
        Assert.Contains("<th scope=\"row\">MX</th><td class=\"n\">12</td><td class=\"n\">3</td><td class=\"n\">3</td>", dashboard, StringComparison.Ordinal);

        var published = await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03", ["Note"] = "Shared with the field office" }, "/statistics");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("Published 2026-03", await manager.GetPageAsync("/statistics"), StringComparison.Ordinal);

        using var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var csv = await (await anonymous.GetAsync("/api/public/statistics.csv")).Content.ReadAsStringAsync();
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("measure,kind,period,model,category,value", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => new PublishedRow(f[0], f[1], f[2], f[3], f[4], f[5])).ToList();

        // Complete: every measure, for March and the quarter it closes, every model and every category, zeros included.
        var expected = Measures.All.Sum(m => StatisticsFigures.ModelsOf(m).Count() * m.PublishedCategories.Count()) * 2;
        Assert.Equal(expected, rows.Count);
        Assert.Equal(["2026-03", "FY2026-Q2"], rows.Select(r => r.Period).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("12", Value(rows, "bookings", "2026-03", "all"));
        Assert.Equal("12", Value(rows, "bookings", "2026-03", "JEM"));
        Assert.Equal("0", Value(rows, "bookings", "2026-03", "WSO"));
        Assert.Equal("suppressed", Value(rows, "dhs-matches", "2026-03", "all")); // 3 people: fewer than k
        Assert.Equal("suppressed", Value(rows, "dhs-matches", "2026-03", "JEM"));
        Assert.DoesNotContain(rows, r => r.Kind != "other" && long.TryParse(r.Value, out var v) && v is > 0 and < 10);
        Assert.DoesNotContain(rows, r => r.Measure.Contains("Garcia", StringComparison.Ordinal) || r.Category.StartsWith('S'));

        using var json = JsonDocument.Parse(await (await anonymous.GetAsync("/api/public/statistics.json")).Content.ReadAsStringAsync());
        Assert.Equal(10, json.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(rows.Count, json.RootElement.GetProperty("rows").GetArrayLength());
        Assert.Equal("suppressed", json.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("measure").GetString() == "dhs-matches" && r.GetProperty("period").GetString() == "2026-03" && r.GetProperty("model").GetString() == "all" && r.GetProperty("category").GetString() == "all")
            .GetProperty("value").GetString());

        var page = await anonymous.GetPageAsync("/transparency");
        Assert.Contains("Shared with the field office", page, StringComparison.Ordinal);
        Assert.Contains("2026-03", page, StringComparison.Ordinal);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "statistics.publish").ToListAsync());
        Assert.Equal("2026-03", Assert.Single(audit).RecordId);
        Assert.Equal("manager", audit[0].Actor);
    }

    [Fact]
    public async Task WhatWasPublished_NeverChanges_EvenWhenTheMonthsRecordsLaterGrow()
    {
        await using var app = await TestApp.StartAsync();
        for (var i = 1; i <= 10; i++)
        {
            await app.BookAsync($"S{i}");
        }

        app.Clock.AdvanceDays(31);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");
        using var anonymous = new PageClient(app.CreateClient());
        var first = await (await anonymous.GetAsync("/api/public/statistics.csv")).Content.ReadAsStringAsync();

        // Five more March bookings arrive late from the jail (a correction of March's record), then April is published.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var custody = scope.ServiceProvider.GetRequiredService<CustodyService>();
            for (var i = 1; i <= 5; i++)
            {
                await custody.BookAsync(new NewBooking($"L{i}", $"P-L{i}", "Late", "Entry", null, null, "MX", "MX", "es", [new Charge("1301", null, "felony", "pending")]), new ActingAs("jms", null), InMarch);
            }
        }

        app.Clock.AdvanceDays(30); // 2 May
        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-04" }, "/statistics");
        var second = await (await anonymous.GetAsync("/api/public/statistics.csv")).Content.ReadAsStringAsync();

        var march = first.Split('\n').Where(l => l.Contains(",2026-03,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(march);
        Assert.All(march, l => Assert.Contains(l + "\n", second, StringComparison.Ordinal)); // every March row as it was
        Assert.Contains("bookings,count,2026-03,all,all,10\n", second, StringComparison.Ordinal);
        Assert.Contains(",2026-04,", second, StringComparison.Ordinal);
        // The dashboard shows the live figure, with the correction.
        Assert.Contains(">15<", (await manager.GetPageAsync("/statistics?Period=2026-03")).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_IsRefused_WithTheReason_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        app.Clock.AdvanceDays(31);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var early = await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-04" }, "/statistics");
        Assert.Equal(HttpStatusCode.Redirect, early.StatusCode);
        Assert.Contains("2026-04 has not ended yet", await manager.GetPageAsync("/statistics"), StringComparison.Ordinal);

        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");
        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");
        Assert.Contains("2026-03 was published already", await manager.GetPageAsync("/statistics"), StringComparison.Ordinal);

        var forbidden = await auditor.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");
        var deniedAt = forbidden.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
        Assert.True(deniedAt.StartsWith("/account/denied", StringComparison.Ordinal), $"an auditor may not publish: {(int)forbidden.StatusCode} {deniedAt}");

        var bad = await manager.GetAsync("/statistics?Period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Period: write a month", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        Assert.Equal(1, await app.WithDbAsync(db => db.StatisticsPublications.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "statistics.publish")));
    }

    [Fact]
    public async Task TheAgencySetsK_NeverBelowFive_AndThePublicationSaysWhichKItUsed()
    {
        await using var app = await TestApp.StartAsync();
        for (var i = 1; i <= 11; i++)
        {
            await app.BookAsync($"S{i}");
        }

        app.Clock.AdvanceDays(31);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        Dictionary<string, string> Settings(string k) => new()
        {
            ["Settings.Name"] = "Test County",
            ["Settings.TimeZoneId"] = "America/New_York",
            ["Settings.HoldPolicy"] = "calendar-48h",
            ["Settings.DisclosureThreshold"] = k,
        };

        var low = await manager.PostFormAsync("/admin?handler=settings", Settings("4"), "/admin");
        Assert.Equal(HttpStatusCode.BadRequest, low.StatusCode);
        Assert.Contains("Statistics threshold k: a whole number from 5 to 1000.", WebUtility.HtmlDecode(await low.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(10, await app.WithDbAsync(db => db.AgencySettings.Select(s => s.DisclosureThreshold).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await manager.PostFormAsync("/admin?handler=settings", Settings("12"), "/admin")).StatusCode);
        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");

        using var anonymous = new PageClient(app.CreateClient());
        using var json = JsonDocument.Parse(await (await anonymous.GetAsync("/api/public/statistics.json")).Content.ReadAsStringAsync());
        Assert.Equal(12, json.RootElement.GetProperty("k").GetInt32());
        Assert.Contains("bookings,count,2026-03,all,all,suppressed\n", await (await anonymous.GetAsync("/api/public/statistics.csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal); // 11 < 12
    }

    [Fact]
    public async Task TheMonthlyReport_DownloadsAsAPdfWithEmbeddedFonts_AndAsCsv()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("S1");
        app.Clock.AdvanceDays(31);
        using var auditor = await app.SignInAsync(Roles.Auditor);

        var pdf = await auditor.GetAsync("/statistics?handler=pdf&Period=2026-03&Model=all");
        var csv = await (await auditor.GetAsync("/statistics?handler=csv&Period=2026-03&Model=all")).Content.ReadAsStringAsync();

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);
        Assert.Contains("/FontFile2", System.Text.Encoding.Latin1.GetString(bytes), StringComparison.Ordinal); // TrueType embedded
        Assert.StartsWith("measure,kind,model,category,period,value,previous_period", csv, StringComparison.Ordinal);
        Assert.Contains("bookings,count,all,all,2026-03,1,2026-02,0,2025-03,0", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheResearchExport_IsPseudonymised_StableAcrossExports_Audited_AndForOversightRolesOnly()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B2", lastName: "Warrant", firstName: "Served");
        await app.BookAsync("B3", lastName: "Nothing", firstName: "Else");
        await app.SignWarrantAsync("B2", "I-200", "W-9");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        await ice.ActAsync("B2", "serveWarrant", new() { ["Form.WarrantForm"] = "I-200", ["Form.WarrantNumber"] = "W-9" });
        using var auditor = await app.SignInAsync(Roles.Auditor);
        using var admin = await app.SignInAsync(Roles.Administrator);

        var first = await (await auditor.GetAsync("/statistics?handler=research")).Content.ReadAsStringAsync();
        var second = await (await auditor.GetAsync("/statistics?handler=research")).Content.ReadAsStringAsync();
        var dictionary = await (await auditor.GetAsync("/statistics?handler=research&part=dictionary")).Content.ReadAsStringAsync();
        var denied = await admin.GetAsync("/statistics?handler=research");

        var lines = first.TrimEnd('\n').Split('\n');
        Assert.Equal(string.Join(',', Data.Statistics.ResearchExport.Columns.Select(c => c.Name)), lines[0]);
        var row = Assert.Single(lines.Skip(1)).Split(','); // only the booking with a warrant
        Assert.Equal(20, row[0].Length); // a pseudonym, not the person id
        Assert.DoesNotContain("B2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("P-B2", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Warrant", first, StringComparison.Ordinal);
        Assert.DoesNotContain("1990-05-17", first, StringComparison.Ordinal);
        Assert.Equal("1990", row[9]); // the year of birth only
        Assert.Equal(first, second); // the same pseudonyms in every export
        Assert.All(Data.Statistics.ResearchExport.Columns, c => Assert.Contains($"\n{c.Name},", dictionary, StringComparison.Ordinal));
        Assert.Contains("birth_year,", dictionary, StringComparison.Ordinal);
        var deniedAt = denied.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
        Assert.StartsWith("/account/denied", deniedAt, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "research.export" && e.Actor == "auditor")));
    }

    [Fact]
    public async Task TheIllinoisReport_ListsEachRequestAndWhereThePersonWent_WithoutPersonalData_Audited()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1", lastName: "Bonded", firstName: "Held");
        await app.BookAsync("B2", lastName: "Lifted", firstName: "Freed");
        await app.SignWarrantAsync("B1");
        await app.SignWarrantAsync("B2");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var auditor = await app.SignInAsync(Roles.Auditor);
        await ice.ActAsync("B1", "lodge", ActForms.Detainer());
        await ice.ActAsync("B2", "lodge", ActForms.Detainer());
        await ice.ActAsync("B1", "serveDetainer");
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        Assert.Contains("Transferred to ICE", await ice.ActAsync("B1", "assume"), StringComparison.Ordinal);
        await ice.ActAsync("B2", "lift", new() { ["Form.Reason"] = "ice-cancelled" });
        await jail.ActAsync("B2", "release");

        var csv = await (await auditor.GetAsync("/statistics?handler=state&format=illinois&year=2026&part=csv")).Content.ReadAsStringAsync();
        var pdf = await auditor.GetAsync("/statistics?handler=state&format=illinois&year=2026&part=pdf");
        var zero = await (await auditor.GetAsync("/statistics?handler=state&format=illinois&year=2025&part=csv")).Content.ReadAsStringAsync();
        var badYear = await auditor.GetAsync("/statistics?handler=state&format=illinois&year=2027&part=csv");
        var badFormat = await auditor.GetAsync("/statistics?handler=state&format=atlantis&year=2026&part=csv");

        Assert.Equal("request,type,form,date_received,bail_posted_date,outcome,outcome_date,transferred_to,lifted_date\n" +
            "1,detainer,I-247A,2026-03-02,2026-03-02,transferred,2026-03-02,U.S. Immigration and Customs Enforcement,\n" +
            "2,detainer,I-247A,2026-03-02,,released,2026-03-02,,2026-03-02\n", csv);
        foreach (var personal in new[] { "B1", "B2", "Bonded", "Lifted", "1990" })
        {
            Assert.DoesNotContain(personal, csv, StringComparison.Ordinal);
        }

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/FontFile2", System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal("request,type,form,date_received,bail_posted_date,outcome,outcome_date,transferred_to,lifted_date\n", zero);
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal("Year: expected a year from 2000 to 2026.", await badYear.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal(3, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "statistics.state-report" && e.Actor == "auditor")));
    }

    [Fact]
    public async Task TheIllinoisReport_FromTheCommandLine_CertifiesZero_AndRefusesABadYearNamingIt()
    {
        await using var app = await TestApp.StartAsync();
        var folder = Directory.CreateTempSubdirectory("liaison-il-").FullName;
        try
        {
            var run = await LiaisonProgram.RunAsync(["report", "illinois", "--year", "2024", "--out", folder, .. app.DatabaseArgs]);
            var bad = await LiaisonProgram.RunAsync(["report", "illinois", "--year", "24", "--out", folder, .. app.DatabaseArgs]);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("0 requests received in 2024. The PDF certifies zero.", run.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "liaison-illinois-2024.pdf")));
            Assert.Equal("request,type,form,date_received,bail_posted_date,outcome,outcome_date,transferred_to,lifted_date\n",
                await File.ReadAllTextAsync(Path.Combine(folder, "liaison-illinois-2024.csv")));
            var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(Path.Combine(folder, "liaison-illinois-2024.pdf")));
            Assert.Contains("/FontFile2", text, StringComparison.Ordinal);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("--year: expected a year as YYYY", bad.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheLiveFigures_FollowEachChange_AsIfEverythingWereCountedAgain()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        using var jail = await app.SignInAsync(Roles.JailStaff);
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        await using var scope = app.Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<Data.Statistics.StatisticsService>();
        var first = await statistics.FiguresAsync(); // computed once, then followed

        // Changes through the one write path: a detainer, a release, the same person booked again, the deadline monitor.
        await app.RecordDhsMatchAsync("B1");
        await app.SignWarrantAsync("B1");
        await ice.ActAsync("B1", "lodge", ActForms.Detainer());
        await jail.ActAsync("B2", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        await jail.ActAsync("B2", "release");
        app.Clock.AdvanceDays(3);
        var again = await scope.ServiceProvider.GetRequiredService<CustodyService>()
            .BookAsync(new NewBooking("B3", "P-B2", "Garcia", "Maria", null, null, "MX", "MX", "es", []), new ActingAs("jms", null));
        Assert.Equal(StepResultKind.Applied, again.Kind);
        await app.RunDeadlineMonitorAsync();
        var followed = await statistics.FiguresAsync();
        var fresh = await statistics.ComputeAsync();

        Assert.NotSame(first, followed);
        Assert.Equal(1, await app.WithDbAsync(db => db.StatisticsChanges.CountAsync(c => c.BookingId == "B3" && c.Before == null)));
        var march = StatPeriod.OfMonth(new YearMonth(2026, 3));
        Assert.Equal(fresh.All(march).Select(f => (f.Key, f.Figure)), followed.All(march).Select(f => (f.Key, f.Figure)));
        Assert.Equal(1, followed.Get(Measures.Find("rebooked-within-a-year")!, march, "all", "all").Value); // B3 follows B2's release
        Assert.Equal(1, followed.Get(Measures.Find("detainers-lodged")!, march, "all", "all").Value);
        Assert.Same(followed, await statistics.FiguresAsync()); // nothing new: the same figures
    }

    private static string Value(List<PublishedRow> rows, string measure, string period, string model) =>
        rows.Single(r => r.Measure == measure && r.Period == period && r.Model == model && r.Category == "all").Value;
}
