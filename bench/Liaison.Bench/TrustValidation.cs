using System.Diagnostics;
using System.Globalization;
using Liaison.Domain.Trust;

namespace Liaison.Bench;

/// <summary>
/// The crime-reporting indicator's estimator on synthetic series with a known effect (docs/statistics.md): for each
/// design, how often its 95% interval holds the injected level and slope changes, and how often it calls a level
/// change significant where none was injected. Not a timing benchmark: a statistical one, from a fixed seed.
/// </summary>
public static class TrustValidation
{
    public static int Run(int trials)
    {
        SyntheticDesign[] designs =
        [
            new(),
            new(Autocorrelation: 0),
            new(Autocorrelation: 0.6),
            new(Months: 48, BreakIndex: 24),
            new(Months: 96, BreakIndex: 48),
            new(SlopeEffect: -0.005),
        ];
        Console.WriteLine("| months (before) | AR(1) ρ | level effect | slope effect | level covered | slope covered | false positives | seconds |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var d in designs)
        {
            var watch = Stopwatch.StartNew();
            var r = SyntheticSeries.Validate(d, trials, seed: 1);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {d.Months} ({d.BreakIndex}) | {d.Autocorrelation:0.0} | {d.LevelEffect} | {d.SlopeEffect} | {r.LevelCoverage:P1} | {r.SlopeCoverage:P1} | {r.FalsePositiveRate:P1} | {watch.Elapsed.TotalSeconds:0.0} |"));
        }

        return 0;
    }
}
