using System.Diagnostics.Metrics;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Data;

/// <summary>
/// What Liaison measures about itself, for operators (OpenTelemetry, exported for Prometheus at /metrics by the web app).
/// Counts and durations only: never a name, a booking number or anything else about a person.
/// </summary>
public sealed class LiaisonMetrics
{
    public const string MeterName = "Liaison";

    private static readonly Duration Fresh = Duration.FromSeconds(10);
    private static readonly string HeldForIce = Codes.Of(CustodyStatus.HeldForIce);
    private readonly Counter<long> _steps;
    private readonly Counter<long> _alertsSent;
    private readonly IServiceScopeFactory _scopes;
    private readonly IClock _clock;
    private readonly Lock _gate = new();
    private (Instant At, int Holds, double? Minutes)? _last;

    /// <summary>The instruments belong to this app's meter factory, so they live and die with the app.</summary>
    public LiaisonMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_scopes, _clock) = (scopes, clock);
        var meter = meters.Create(MeterName);
        _steps = meter.CreateCounter<long>("liaison.custody.steps", "{step}",
            "Custody steps through the write path, by result (applied, already-applied, refused, conflict) and source (web, jms, dhs, niem)");
        _alertsSent = meter.CreateCounter<long>("liaison.alerts.sent", "{alert}", "Deadline alerts e-mailed, by kind");
        meter.CreateObservableGauge("liaison.holds.active", () => Read().Holds, "{hold}", "People held for ICE under a detainer now");
        meter.CreateObservableGauge("liaison.holds.nearest_deadline", () => Read().Minutes is { } m ? [new Measurement<double>(m)] : Array.Empty<Measurement<double>>(),
            "min", "Minutes until the nearest hold deadline (negative: passed and not yet ended); absent when no hold runs");
    }

    /// <summary>Counts one call's results: the source is the other system's channel, or "web" for acts by people.</summary>
    public void Record(IReadOnlyList<Submission> submissions, IReadOnlyList<StepResult> results)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(results);
        for (var i = 0; i < results.Count; i++)
        {
            _steps.Add(1, new KeyValuePair<string, object?>("result", Codes.Of(results[i].Kind)), new KeyValuePair<string, object?>("source", submissions[i].Key?.Channel ?? "web"));
        }
    }

    public void AlertSent(string kind) => _alertsSent.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>The gauges, read from the database when scraped, at most once per <see cref="Fresh"/> however often the scraper asks.</summary>
    private (int Holds, double? Minutes) Read()
    {
        lock (_gate)
        {
            var now = _clock.GetCurrentInstant();
            if (_last is { } last && now - last.At < Fresh && now >= last.At)
            {
                return (last.Holds, last.Minutes);
            }

            using var scope = _scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var held = db.Bookings.AsNoTracking().Where(b => b.Custody == HeldForIce);
            var holds = held.Count();
            var nearest = held.Where(b => b.HoldDeadline != null).OrderBy(b => b.HoldDeadline).Select(b => b.HoldDeadline).FirstOrDefault();
            double? minutes = nearest is { } d ? Math.Round((d - now).TotalMinutes, 1) : null;
            _last = (now, holds, minutes);
            return (holds, minutes);
        }
    }
}
