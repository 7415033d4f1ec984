using Liaison.Data.Statistics;
using Liaison.Domain.Statistics;

namespace Liaison.Web.Api;

/// <summary>The public downloads of public-statistics.md: no sign-in, only published (frozen, protected) rows.</summary>
public static class PublicStatisticsApi
{
    public static void MapPublicStatistics(this WebApplication app)
    {
        // Not in the integration API's document (that one is for keyed systems); the layout is public-statistics.md's.
        var api = app.MapGroup("/api/public").AllowAnonymous().ExcludeFromDescription();
        api.MapGet("/statistics.csv", async (StatisticsService statistics, HttpContext context, CancellationToken ct) =>
            {
                var (rows, _, _) = await statistics.PublicFileAsync(ct);
                Cache(context);
                return Results.Text(StatisticsFiles.Csv(rows), "text/csv; charset=utf-8");
            });
        api.MapGet("/statistics.json", async (StatisticsService statistics, HttpContext context, CancellationToken ct) =>
            {
                var (rows, k, at) = await statistics.PublicFileAsync(ct);
                Cache(context);
                return Results.Bytes(StatisticsFiles.Json(rows, k, at), "application/json");
            });
    }

    // Public and the same for everyone; a new publication appears within five minutes.
    private static void Cache(HttpContext context) => context.Response.Headers.CacheControl = "public, max-age=300";
}
