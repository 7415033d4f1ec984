using System.Net;
using Liaison.Data;
using OpenTelemetry.Metrics;

namespace Liaison.Web.Operations;

/// <summary>
/// OpenTelemetry metrics, scraped by Prometheus at /metrics: Liaison's own (<see cref="LiaisonMetrics"/>) and ASP.NET
/// Core's request durations. Only the addresses in <c>Liaison:MetricsFrom</c> (comma-separated; loopback always) may
/// scrape: the numbers hold nothing personal, but they are for the agency's monitoring, not the public.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddLiaisonMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(LiaisonMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());

        // Only this app's own instruments (made by its meter factory): listeners see every meter of the process, and a
        // process holding two apps (tests, tools) must not report the other's holds as its own.
        services.ConfigureOpenTelemetryMeterProvider((provider, builder) =>
        {
            var own = provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            builder.AddView(instrument => ReferenceEquals(instrument.Meter.Scope, own) ? null : MetricStreamConfiguration.Drop);
        });
        return services;
    }

    /// <summary>Refuses (404) a scrape from an address not allowed, before anything else runs.</summary>
    public static WebApplication UseMetricsGate(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var allowed = (app.Configuration["Liaison:MetricsFrom"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(a => IPAddress.TryParse(a, out var ip) ? ip : throw new InvalidOperationException($"Liaison:MetricsFrom: \"{a}\" is not an IP address."))
            .ToHashSet();
        _ = app.Services.GetRequiredService<LiaisonMetrics>(); // its gauges exist from the start
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
                && context.Connection.RemoteIpAddress is var from && !(from is not null && (IPAddress.IsLoopback(from) || allowed.Contains(from.IsIPv4MappedToIPv6 ? from.MapToIPv4() : from))))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next();
        });
        return app;
    }
}
