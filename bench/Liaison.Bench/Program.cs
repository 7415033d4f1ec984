using BenchmarkDotNet.Running;

namespace Liaison.Bench;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project bench/Liaison.Bench -- --filter '*' (BenchmarkDotNet: the engine), or
    /// -- case-page DATA_DIR [SECONDS] and -- audit-verify DATA_DIR (the audit log's cost), -- stats-grow DATA_DIR N and
    /// -- stats DATA_DIR [ROUNDS] (the statistics against DuckDB; see docs/benchmarks.md), -- its-validate [TRIALS] (the
    /// crime-reporting indicator on synthetic series; docs/statistics.md).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case ["case-page", var dir, ..]:
                return await AuditCostBenchmarks.CasePageAsync(dir, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20);
            case ["stats-grow", var dir, var count]:
                return await StatisticsBenchmarks.GrowAsync(dir, long.Parse(count, System.Globalization.CultureInfo.InvariantCulture));
            case ["stats", var dir, ..]:
                return await StatisticsBenchmarks.MeasureAsync(dir, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3);
            case ["its-validate", ..]:
                return TrustValidation.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000);
            case ["audit-verify", var dir]:
                return await AuditCostBenchmarks.AuditVerifyAsync(dir);
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }
}
