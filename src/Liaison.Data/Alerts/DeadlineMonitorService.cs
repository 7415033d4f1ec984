using Liaison.Data.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Liaison.Data.Alerts;

/// <summary>Monitor settings (section "DeadlineMonitor").</summary>
public sealed class DeadlineMonitorOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between passes. Deadlines are reached at the minute; 15 s keeps every alert within the minute.</summary>
    public int IntervalSeconds { get; set; } = 15;
}

/// <summary>
/// Runs <see cref="DeadlineMonitor"/> on a timer, on the one instance that leads (<see cref="InstanceLeadership"/>).
/// A failed pass is logged and retried on the next tick.
/// </summary>
public sealed partial class DeadlineMonitorService(IServiceScopeFactory scopes, InstanceLeadership leadership, IOptions<DeadlineMonitorOptions> options, ILogger<DeadlineMonitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)));
        do
        {
            try
            {
                if (!await leadership.IsLeaderAsync(stoppingToken))
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeadlineMonitor>().RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPassFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Deadline monitor pass failed; retrying at the next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
