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
                var file = await statistics.PublishedAsync(ct);
                Cache(context);
                return Results.Text(file.Csv, "text/csv; charset=utf-8");
            });
        api.MapGet("/statistics.json", async (StatisticsService statistics, HttpContext context, CancellationToken ct) =>
            {
                var file = await statistics.PublishedAsync(ct);
                Cache(context);
                return Results.Bytes(file.Json, "application/json");
            });
    }

    // Public and the same for everyone; a new publication appears within five minutes.
    private static void Cache(HttpContext context) => context.Response.Headers.CacheControl = "public, max-age=300";
}
