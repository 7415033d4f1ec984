using System.Net;
using System.Text;
using Liaison.Data.Identity;
using Liaison.Data.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>
/// Reconciliation through the real HTTP stack on either database: ICE's figures are imported from the documented CSV,
/// put beside the agency's own counts with each mismatch's size; a bad file is refused whole, naming line and field,
/// and nothing stored before changes.
/// </summary>
public sealed class ReconciliationTests
{
    private const string Good = """
        measure,period,model,category,value,source
        bookings,2026-03,all,all,3,"ICE, ERO report"
        dhs-matches,2026-03,all,all,2,ICE
        detainers-lodged,FY2026-Q2,all,all,0,ICE
        """;

    [Fact]
    public async Task IcesFigures_AreImported_AndEachMismatchIsFlaggedWithItsSize_MismatchesFirst()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2");
        await app.RecordDhsMatchAsync("B1");
        await app.RecordDhsMatchAsync("B2");
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        var token = await manager.TokenAsync("/statistics/reconciliation");

        var imported = await manager.PostFileWithTokenAsync("/statistics/reconciliation?handler=import", "file", "ice-fy2026.csv", Encoding.UTF8.GetBytes(Good), token);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var page = WebUtility.HtmlDecode(await manager.GetPageAsync("/statistics/reconciliation"));
        var csv = await (await manager.GetAsync("/statistics/reconciliation?handler=csv")).Content.ReadAsStringAsync();

        Assert.Contains("Imported 3 figures from ice-fy2026.csv.", page, StringComparison.Ordinal);
        Assert.Contains("<strong>1</strong> of 3 figures differ.", page, StringComparison.Ordinal);
        Assert.Equal("measure,period,model,category,ice,agency,difference,relative_difference,matches,source\n" +
            "bookings,2026-03,all,all,3,2,-1,-0.3333,no,\"ICE, ERO report\"\n" + // the mismatch first
            "dhs-matches,2026-03,all,all,2,2,0,0,yes,ICE\n" +
            "detainers-lodged,FY2026-Q2,all,all,0,0,0,,yes,ICE\n", csv);
        Assert.Contains("-1 (-33.3%)", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == ReconciliationService.ImportAction && e.Actor == "manager")));
    }

    [Fact]
    public async Task ABadFile_IsRefusedWhole_NamingEachLineAndField_AndWhatWasImportedBeforeStays()
    {
        await using var app = await TestApp.StartAsync();
        using var auditor = await app.SignInAsync(Roles.Auditor);
        using var admin = await app.SignInAsync(Roles.Administrator);
        var token = await auditor.TokenAsync("/statistics/reconciliation");
        Assert.Equal(HttpStatusCode.Redirect, (await auditor.PostFileWithTokenAsync("/statistics/reconciliation?handler=import", "file", "first.csv", Encoding.UTF8.GetBytes(Good), token)).StatusCode);
        const string Bad = """
            measure,period,value
            bookings,2026-03,5
            detainers,2026-03,1
            bookings,2026-13,1
            hours-eligible-to-handover-median,2026-03,4
            transfers-to-ice,2026-03,-2
            bookings,2026-03,6
            """;

        var refused = await auditor.PostFileWithTokenAsync("/statistics/reconciliation?handler=import", "file", "second.csv", Encoding.UTF8.GetBytes(Bad), token);
        var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        var notCsv = await auditor.PostFileWithTokenAsync("/statistics/reconciliation?handler=import", "file", "x.csv", [0xff, 0xfe, 0x00], token);
        var adminToken = await admin.TokenAsync("/statistics/reconciliation");
        var byAdmin = await admin.PostFileWithTokenAsync("/statistics/reconciliation?handler=import", "file", "a.csv", Encoding.UTF8.GetBytes(Good), adminToken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Nothing was imported", body, StringComparison.Ordinal);
        Assert.Contains("line 3, measure: unknown measure \"detainers\"", body, StringComparison.Ordinal);
        Assert.Contains("line 4, period: \"2026-13\" is not a month", body, StringComparison.Ordinal);
        Assert.Contains("line 5, measure: \"hours-eligible-to-handover-median\" is not a count", body, StringComparison.Ordinal);
        Assert.Contains("line 6, value: \"-2\" is not a whole number of zero or more.", body, StringComparison.Ordinal);
        Assert.Contains("line 7: bookings 2026-03 all all is already on line 2.", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notCsv.StatusCode);
        Assert.Contains("file: not UTF-8 text", WebUtility.HtmlDecode(await notCsv.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        // Administrators read the comparison but do not bring ICE's figures.
        Assert.StartsWith("/account/denied", byAdmin.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "", StringComparison.Ordinal);
        // Only the first file's figures are stored, unchanged.
        Assert.Equal(["first.csv"], await app.WithDbAsync(db => db.IceFigureImports.Select(i => i.FileName).ToListAsync()));
        Assert.Equal(3, await app.WithDbAsync(db => db.IceFigures.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(db => db.IceFigures.Where(f => f.Measure == "bookings").Select(f => f.Value).SingleAsync()));
    }

    [Theory]
    [InlineData("", "line 1: the file is empty")]
    [InlineData("measure,period\n", "line 1: the column \"value\" is missing.")]
    [InlineData("measure,period,value,colour\nbookings,2026-03,1,red\n", "line 1: unknown column \"colour\"")]
    [InlineData("measure,period,value\n", "line 2: no figures after the header.")]
    [InlineData("measure,period,value\nbookings,2026-03\n", "line 2: 2 fields; the header has 3.")]
    [InlineData("measure,period,model,value\nbookings,2026-03,XYZ,1\n", "line 2, model: \"XYZ\" is not one of")]
    [InlineData("measure,period,category,value\ntransfers-to-ice,2026-03,nobody,1\n", "line 2, category: \"nobody\" is not a category of transfers-to-ice")]
    public void TheFile_IsCheckedLineByLine(string text, string problem)
    {
        var (figures, problems) = ReconciliationService.Parse(text);

        Assert.Empty(figures);
        Assert.Contains(problems, p => p.StartsWith(problem, StringComparison.Ordinal));
    }
}
