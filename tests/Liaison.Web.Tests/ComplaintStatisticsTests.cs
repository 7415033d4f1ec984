using Liaison.Data.Complaints;
using Liaison.Data.Statistics;
using Liaison.Domain.Complaints;
using Liaison.Domain.Statistics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// The measures of complaints on either database: the live figures follow each filing and entry (equal to a full
/// recount), and publishing a month puts them in the same downloads and public page, under the disclosure rule.
/// </summary>
public sealed class ComplaintStatisticsTests
{
    [Fact]
    public async Task ComplaintFigures_FollowTheRecord_AndArePublishedAsRowsOfTheSameDownloads_Protected()
    {
        await using var app = await TestApp.StartAsync(); // Monday 2 March 2026
        await using var scope = app.Services.CreateAsyncScope();
        var complaints = scope.ServiceProvider.GetRequiredService<ComplaintService>();
        var statistics = scope.ServiceProvider.GetRequiredService<StatisticsService>();
        var march = StatPeriod.OfMonth(new YearMonth(2026, 3));
        double Live(StatisticsFigures f, string measure, string category = Measure.All) => f.Get(Measures.Find(measure)!, march, StatisticsFigures.AllModels, category).Value!.Value;

        for (var i = 0; i < 10; i++)
        {
            await complaints.FileAsync(new ComplaintFiling("en", $"Complaint {i}.", null, null, null, null, null));
        }

        Assert.Equal(10, Live(await statistics.FiguresAsync(), "complaints-received"));
        var (last, _, _) = await complaints.FileAsync(new ComplaintFiling("es", "Otra queja.", null, null, null, null, null));
        app.Clock.Advance(Duration.FromHours(1));
        foreach (var make in new Func<Instant, ComplaintEntry>[]
        {
            at => new ComplaintAssigned(at, "manager", "park"), at => new ComplaintReferred(at, "manager", ReferralBody.Ice, "R-1"),
            at => new InvestigationStarted(at, "manager"), at => new FindingRecorded(at, "manager", ComplaintFinding.Unfounded, "Not on the video."),
            at => new ComplaintReferred(at, "manager", ReferralBody.Ice, "R-1", Results: true), at => new ComplaintClosed(at, "manager"),
        })
        {
            Assert.Equal(ComplaintResultKind.Recorded, (await complaints.RecordAsync(last!.Id, make)).Kind);
        }

        var followed = await statistics.FiguresAsync();
        var recount = await statistics.ComputeAsync();
        Assert.Equal((11, 1, 1, 1), (Live(followed, "complaints-received"), Live(followed, "complaints-closed", "unfounded"), Live(followed, "complaints-referred-to-ice", "in-time"), Live(followed, "complaints-referred-to-ice")));
        foreach (var (key, _, figure) in followed.All(march))
        {
            Assert.Equal(figure, recount.All(march).Single(r => r.Key == key).Figure);
        }

        app.Clock.Reset(Instant.FromUtc(2026, 4, 2, 14, 0));
        await statistics.PublishAsync(new YearMonth(2026, 3), null, "manager");
        var rows = (await statistics.PublishedRowsAsync()).Where(r => r.Measure.StartsWith("complaints-", StringComparison.Ordinal) && r.Period == "2026-03").ToList();

        Assert.Equal("11", rows.Single(r => r is { Measure: "complaints-received", Category: Measure.All }).Value);
        Assert.Equal(PublishedRow.Suppressed, rows.Single(r => r is { Measure: "complaints-closed", Category: "unfounded" }).Value); // 1 < k = 10
        Assert.All(rows, r => Assert.Equal(StatisticsFigures.AllModels, r.Model));
        Assert.Equal(4 + 1 + 3 + 1 + 1, rows.Count); // received; closed by 4 findings and all; referred by 3 outcomes and all
        var csv = (await statistics.PublishedAsync()).Csv;
        Assert.Contains("complaints-received,count,2026-03,all,all,11", csv, StringComparison.Ordinal);

        using var visitor = new PageClient(app.CreateClient());
        var page = System.Net.WebUtility.HtmlDecode(await visitor.GetPageAsync("/transparency/es"));
        Assert.Contains("Quejas recibidas del público", page[page.IndexOf("<caption>", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Matches("<th scope=\"row\">Quejas recibidas del público</th>\\s*<td class=\"n\">11</td>", page);
    }
}
