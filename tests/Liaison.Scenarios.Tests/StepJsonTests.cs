namespace Liaison.Scenarios.Tests;

/// <summary>Custody events are stored as scenario steps: writing and reading a step must lose nothing.</summary>
public sealed class StepJsonTests
{
    public static TheoryData<string> AllValidFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var folder in new[] { RepositoryPaths.SharedScenarios, RepositoryPaths.OwnScenarios })
            {
                foreach (var file in Directory.GetFiles(folder, "*.json").Where(f => File.Exists(f[..^".json".Length] + ".expected.jsonl")))
                {
                    data.Add(file);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(AllValidFiles))]
    public void EveryStep_RoundTripsThroughStepJson(string file)
    {
        var scenario = ScenarioParser.Parse(File.ReadAllBytes(file));

        foreach (var step in scenario.Steps)
        {
            var json = StepJson.Write(step);
            Assert.Equal(json, StepJson.Write(StepJson.Read(json)));
        }
    }

    [Theory]
    [MemberData(nameof(AllValidFiles))]
    public void AScenarioRebuiltFromStoredSteps_GivesTheSameOutput(string file)
    {
        var scenario = ScenarioParser.Parse(File.ReadAllBytes(file));
        var stored = scenario with { Steps = [.. scenario.Steps.Select(s => StepJson.Read(StepJson.Write(s)))] };

        Assert.Equal(Lines(scenario), Lines(stored));
    }

    private static string Lines(ScenarioFile scenario)
    {
        using var output = new MemoryStream();
        ScenarioRunner.RunTo(scenario, output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
