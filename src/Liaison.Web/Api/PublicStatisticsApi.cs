using Liaison.Data.Statistics;
using Liaison.Domain.Statistics;

namespace Liaison.Web.Api;

/// <summary>The public downloads of public-statistics.md: no sign-in, only published (frozen, protected) rows.</summary>
public static class PublicStatisticsApi
{
    public static void MapPublicStatistics(this WebApplication app)
    {
        var api = app.MapGroup("/api/public").AllowAnonymous().WithTags("Public statistics");
        api.MapGet("/statistics.csv", async (StatisticsService statistics, HttpContext context, CancellationToken ct) =>
            {
                var (rows, _, _) = await statistics.PublicFileAsync(ct);
                Cache(context);
                return Results.Text(StatisticsFiles.Csv(rows), "text/csv; charset=utf-8");
            })
            .WithName("GetPublicStatisticsCsv")
            .WithSummary("Published statistics, tidy CSV")
            .WithDescription("One row per published figure: measure, kind, period, model, category, value (a number or \"suppressed\"). Layout and disclosure rule: docs/statistics.md.");
        api.MapGet("/statistics.json", async (StatisticsService statistics, HttpContext context, CancellationToken ct) =>
            {
                var (rows, k, at) = await statistics.PublicFileAsync(ct);
                Cache(context);
                return Results.Bytes(StatisticsFiles.Json(rows, k, at), "application/json");
            })
            .WithName("GetPublicStatisticsJson")
            .WithSummary("Published statistics, JSON")
            .WithDescription("An object with k, generatedAt (the latest publication) and rows, each row with the CSV's fields.");
    }

    // Public and the same for everyone; a new publication appears within five minutes.
    private static void Cache(HttpContext context) => context.Response.Headers.CacheControl = "public, max-age=300";
}
