using System.Text;
using System.Text.Json.Nodes;
using Liaison.Cli.Scenarios;
using Liaison.Domain;
using Liaison.Domain.Custody;

namespace Liaison.Scenarios.Tests;

/// <summary>
/// Every scenario file, shared and our own, run through the same command the CLI runs: valid files must
/// reproduce their .expected.jsonl (structurally, key order aside); invalid ones must name the expected JSON path.
/// </summary>
public sealed class ScenarioFileTests
{
    public static TheoryData<string> SharedFiles => RepositoryPaths.ScenarioFiles(RepositoryPaths.SharedScenarios);

    public static TheoryData<string> OwnFiles => RepositoryPaths.ScenarioFiles(RepositoryPaths.OwnScenarios);

    public static TheoryData<string> OwnInvalidFiles => RepositoryPaths.ScenarioFiles(Path.Combine(RepositoryPaths.OwnScenarios, "invalid"));

    [Fact]
    public void SharedScenarioFolder_IsPresentAndHoldsScenarios()
    {
        Assert.True(Directory.Exists(RepositoryPaths.SharedScenarios), $"The shared scenarios are missing: {RepositoryPaths.SharedScenarios}");
        Assert.NotEmpty(SharedFiles);
    }

    [Theory]
    [MemberData(nameof(SharedFiles))]
    public void SharedScenario_BehavesAsSpecified(string file) => AssertBehavesAsSpecified(Path.Combine(RepositoryPaths.SharedScenarios, file));

    [Theory]
    [MemberData(nameof(OwnFiles))]
    public void OwnScenario_BehavesAsSpecified(string file) => AssertBehavesAsSpecified(Path.Combine(RepositoryPaths.OwnScenarios, file));

    [Theory]
    [MemberData(nameof(OwnInvalidFiles))]
    public void OwnInvalidScenario_IsRejectedNamingItsPath(string file) => AssertBehavesAsSpecified(Path.Combine(RepositoryPaths.OwnScenarios, "invalid", file));

    [Fact]
    public void OwnScenarios_ExerciseEveryErrorCodeAndEveryAlert()
    {
        var lines = Directory.GetFiles(RepositoryPaths.OwnScenarios, "*.expected.jsonl")
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonNode.Parse(l)!)
            .ToList();
        var errors = lines.Select(l => (string?)l["error"]).OfType<string>().ToHashSet();
        var alerts = lines.SelectMany(l => l["alerts"]!.AsArray()).Select(a => (string)a!["kind"]!).ToHashSet();

        Assert.Empty(Codes.All<RefusalCode>().Except(errors));
        Assert.Empty(Codes.All<AlertKind>().Except(alerts));
    }

    private static void AssertBehavesAsSpecified(string path)
    {
        var (exitCode, stdout, stderr) = Run(path);
        var stem = path[..^".json".Length];
        if (File.Exists(stem + ".expected-error.txt"))
        {
            var expectedPath = File.ReadAllText(stem + ".expected-error.txt").Trim();
            Assert.Equal(ScenarioCommand.InvalidInput, exitCode);
            Assert.Equal("", stdout);
            var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith(expectedPath + ":", line, StringComparison.Ordinal);
            return;
        }

        Assert.Equal("", stderr);
        Assert.Equal(ScenarioCommand.Ok, exitCode);
        var expected = File.ReadAllLines(stem + ".expected.jsonl").Where(l => l.Length > 0).ToList();
        var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, actual.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected[i]), JsonNode.Parse(actual[i])),
                $"{Path.GetFileName(path)}, step {i + 1}:\n  expected {expected[i]}\n  actual   {actual[i]}");
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(params string[] paths)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exitCode = ScenarioCommand.Run(paths, stdout, stderr);
        return (exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
