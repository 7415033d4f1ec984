using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Liaison.Scenarios.Tests;

/// <summary>The real program, as a process: exit codes, standard output and standard error as a script would see them.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task ScenarioRun_OverTheWholeSharedFolder_PrintsEveryValidFileAndReportsTheInvalidOne()
    {
        var files = Directory.GetFiles(RepositoryPaths.SharedScenarios, "*.json").Order(StringComparer.Ordinal).ToArray();

        var (exitCode, stdout, stderr) = await RunAsync(["scenario", "run", .. files]);

        var expected = files.Select(f => f[..^".json".Length] + ".expected.jsonl").Where(File.Exists)
            .SelectMany(File.ReadAllLines).Where(l => l.Length > 0).ToList();
        var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(pair.First), JsonNode.Parse(pair.Second)), pair.Second));

        var invalid = files.Where(f => File.Exists(f[..^".json".Length] + ".expected-error.txt")).ToList();
        var errorLines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(invalid.Count, errorLines.Length);
        Assert.Equal(invalid.Count == 0 ? 0 : 2, exitCode);
    }

    [Fact]
    public async Task ScenarioRun_OnAValidFile_ExitsZeroWithNothingOnStandardError()
    {
        var file = Path.Combine(RepositoryPaths.OwnScenarios, "late-authority-and-lift.json");

        var (exitCode, stdout, stderr) = await RunAsync(["scenario", "run", file]);

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        Assert.Equal(File.ReadAllLines(Path.ChangeExtension(file, null) + ".expected.jsonl").Length, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task ScenarioRun_OnAMissingFile_ExitsTwoNamingTheFile()
    {
        var (exitCode, stdout, stderr) = await RunAsync(["scenario", "run", "no-such-file.json"]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("no-such-file.json", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("scenario --help")]
    [InlineData("scenario run --help")]
    public async Task Help_ExplainsTheCommand(string args)
    {
        var (exitCode, stdout, _) = await RunAsync(args.Split(' '));

        Assert.Equal(0, exitCode);
        Assert.Contains("scenario", stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", stdout, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string[] args) => LiaisonProcess.RunAsync(args);
}
