using System.Globalization;
using System.Net;
using System.Text;
using Liaison.Data.Identity;
using Liaison.Data.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>
/// The crime-reporting indicator through the real HTTP stack, on either database: the program manager imports the
/// police's monthly counts (a bad file refused line by line, nothing stored), the page shows the change at the
/// agreement's start with its interval; auditors read it and cannot import.
/// </summary>
public sealed class CrimeReportTests
{
    /// <summary>Feb 2023 – Feb 2026 around the test county's agreement (26 Feb 2025): reports with Hispanic victims 30% fewer from it.</summary>
    private static byte[] File()
    {
        var csv = new StringBuilder("month,victim_ethnicity,count\n");
        for (var (y, m, i) = (2023, 2, 0); (y, m) != (2026, 3); (y, m, i) = m == 12 ? (y + 1, 1, i + 1) : (y, m + 1, i + 1))
        {
            var after = (y, m).CompareTo((2025, 2)) >= 0;
            var wobble = ((i * 7) % 5) - 2; // a small, fixed irregularity
            csv.Append(CultureInfo.InvariantCulture, $"{y}-{m:00},H,{(after ? 56 : 80) + wobble}\n{y}-{m:00},N,{400 - (3 * wobble)}\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<HttpResponseMessage> ImportAsync(PageClient client, byte[] content) =>
        await client.PostFileWithTokenAsync("/statistics/reporting?handler=import", "file", "crimes.csv", content, await client.TokenAsync("/statistics/reporting"));

    [Fact]
    public async Task TheProgramManagerImportsTheCounts_AndSeesTheChangeAtTheAgreementsStart_ABadFileStoresNothing()
    {
        await using var app = await TestApp.StartAsync();
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        using var auditor = await app.SignInAsync(Roles.Auditor);

        Assert.Contains("No counts are imported yet.", await manager.GetPageAsync("/statistics/reporting"), StringComparison.Ordinal);
        var bad = await ImportAsync(manager, "month,victim_ethnicity,count\n2024-13,H,5\n2024-01,X,5\n2024-02,H,-1\n2024-03,H,4\n2024-03,H,6\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("line 2, month: \"2024-13\" is not a month written YYYY-MM", refused, StringComparison.Ordinal);
        Assert.Contains("line 3, victim_ethnicity: \"X\" is not one of H (Hispanic or Latino)", refused, StringComparison.Ordinal);
        Assert.Contains("line 4, count: \"-1\" is not a whole number of zero or more.", refused, StringComparison.Ordinal);
        Assert.Contains("line 6: 2024-03 H is already on line 5; one count per month and ethnicity.", refused, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.CrimeReportCounts.CountAsync()));

        var good = await ImportAsync(manager, File());
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = WebUtility.HtmlDecode(await manager.GetPageAsync("/statistics/reporting"));
        Assert.Contains("At the agreement's start (2025-02)", page, StringComparison.Ordinal);
        Assert.Matches(@"<strong>-3\d\.\d%</strong> reports with Hispanic victims relative to others", page);
        Assert.Contains("The interval leaves out zero: relative reporting fell at the agreement's start.", page, StringComparison.Ordinal);
        Assert.Contains("37 (24 before, 13 from the start)", page, StringComparison.Ordinal);
        Assert.Equal(74, await app.WithDbAsync(db => db.CrimeReportCounts.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == CrimeReportService.ImportAction && e.Actor == "manager")));

        var read = await auditor.GetPageAsync("/statistics/reporting");
        Assert.Contains("At the agreement's start", read, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=import", read, StringComparison.Ordinal);
        var denied = await ImportAsync(auditor, File());
        Assert.Contains("/account/denied", denied.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.CrimeReportImports.CountAsync()));

        // Published with the month: the estimate as it stood, frozen (a later import does not change it), on the public page.
        using var visitor = new PageClient(app.CreateClient());
        await using var scope = app.Services.CreateAsyncScope();
        var statistics = scope.ServiceProvider.GetRequiredService<Liaison.Data.Statistics.StatisticsService>();
        await statistics.PublishAsync(new NodaTime.YearMonth(2026, 2), null, "manager");
        var rows = (await statistics.PublishedRowsAsync()).Where(r => r.Measure == Liaison.Domain.Trust.ReportingIndicator.MeasureId).ToList();
        Assert.Equal(["level-change", "low", "high"], rows.Select(r => r.Category));
        Assert.All(rows, r => Assert.Equal(("other", "2026-02", "all"), (r.Kind, r.Period, r.Model)));
        var change = rows[0].Value;
        Assert.Matches(@"^-3\d(\.\d)?$", change); // as the downloads write numbers: -30, -31.4
        Assert.Equal(HttpStatusCode.Redirect, (await ImportAsync(manager, "month,victim_ethnicity,count\n2024-01,H,1\n"u8.ToArray())).StatusCode);
        Assert.Equal(change, (await statistics.PublishedRowsAsync()).First(r => r.Measure == Liaison.Domain.Trust.ReportingIndicator.MeasureId).Value);
        var publicPage = WebUtility.HtmlDecode(await visitor.GetPageAsync("/transparency/es"));
        Assert.Contains($"cambiaron un {change}% al comenzar el acuerdo", publicPage, StringComparison.Ordinal);
        Assert.Contains($"crime-reporting-change,other,2026-02,all,level-change,{change}", (await statistics.PublishedAsync()).Csv, StringComparison.Ordinal);
    }
}
