using BenchmarkDotNet.Running;

namespace Liaison.Bench;

public static class Program
{
    /// <summary>dotnet run -c Release --project bench/Liaison.Bench -- --filter '*' (see docs/benchmarks.md).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
