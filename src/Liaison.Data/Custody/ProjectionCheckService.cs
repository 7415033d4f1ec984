using Liaison.Data.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>Projection check settings (section "ProjectionCheck").</summary>
public sealed class ProjectionCheckOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between checks of every booking's row against its events.</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Runs <see cref="ProjectionCheck"/> on a schedule and raises a <c>projection-mismatch</c> alert (inbox and
/// e-mail, once per booking and row state) for every booking whose row differs from its events.
/// </summary>
public sealed partial class ProjectionCheckService(IServiceScopeFactory scopes, Persistence.InstanceLeadership leadership, IOptions<ProjectionCheckOptions> options, ILogger<ProjectionCheckService> logger) : BackgroundService
{
    /// <summary>One check: returns the number of new alerts.</summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var (_, mismatches) = await services.GetRequiredService<ProjectionCheck>().VerifyAllAsync(ct);
        var custody = services.GetRequiredService<CustodyService>();
        var now = services.GetRequiredService<IClock>().GetCurrentInstant();
        var raised = 0;
        foreach (var m in mismatches)
        {
            if (await custody.RaiseOnceAsync(m.BookingId, AlertKinds.ProjectionMismatch, m.RowAsOf, now, ct))
            {
                raised++;
            }
        }

        return raised;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes)));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await leadership.IsLeaderAsync(stoppingToken))
                {
                    continue; // the instance that leads runs it
                }

                await using var scope = scopes.CreateAsyncScope();
                var raised = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                if (raised > 0)
                {
                    LogMismatches(logger, raised);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} bookings' rows differ from their events; projection-mismatch alerts raised")]
    private static partial void LogMismatches(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Projection check failed; retrying at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
