using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Liaison.Scenarios;

namespace Liaison.Bench;

/// <summary>
/// What the custody engine costs on top of reading its input. The baseline parses a generated county's
/// steps; the measured loop parses the same steps and applies every one through the engine.
/// Target (issue 2): ParseAndApply no more than 3x ParseOnly.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(StepsPerSecondConfig))]
public class EngineThroughputBenchmarks
{
    private byte[] _scenario = [];
    private ScenarioFile? _parsed;

    [Params(20_000)]
    public int Bookings { get; set; }

    [GlobalSetup]
    public void Setup() => _scenario = CustodyWorkload.Generate(Bookings, out _);

    [IterationSetup(Target = nameof(ApplyOnly))]
    public void ParseForApplyOnly() => _parsed = ScenarioParser.Parse(_scenario);

    [Benchmark(Baseline = true, Description = "parse steps only")]
    public int ParseOnly() => ScenarioParser.Parse(_scenario).Steps.Count;

    [Benchmark(Description = "parse and apply through the engine")]
    public int ParseAndApply() => ApplyAll(ScenarioParser.Parse(_scenario));

    [Benchmark(Description = "apply pre-parsed steps (engine alone)")]
    public int ApplyOnly() => ApplyAll(_parsed!);

    private static int ApplyAll(ScenarioFile scenario)
    {
        var engine = scenario.CreateEngine();
        var accepted = 0;
        foreach (var step in scenario.Steps)
        {
            if (engine.Apply(step).Accepted)
            {
                accepted++;
            }
        }

        return accepted;
    }

    private sealed class StepsPerSecondConfig : ManualConfig
    {
        public StepsPerSecondConfig() => AddColumn(new StepsPerSecondColumn());
    }

    private sealed class StepsPerSecondColumn : IColumn
    {
        public string Id => nameof(StepsPerSecondColumn);

        public string ColumnName => "Steps/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Scenario steps handled per second (steps in the workload / mean time)";

        // Benchmarks run in a child process, so the host counts the workload's steps itself (same seed, same count).
        private static readonly Dictionary<int, int> StepsByBookings = [];

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
            if (nanoseconds is not > 0 || benchmarkCase.Parameters["Bookings"] is not int bookings)
            {
                return "-";
            }

            if (!StepsByBookings.TryGetValue(bookings, out var steps))
            {
                CustodyWorkload.Generate(bookings, out steps);
                StepsByBookings[bookings] = steps;
            }

            return (steps / (nanoseconds.Value / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
