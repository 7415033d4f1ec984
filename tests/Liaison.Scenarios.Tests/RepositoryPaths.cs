namespace Liaison.Scenarios.Tests;

/// <summary>Where the test data lives: this repository's tests/scenarios, and the shared folder beside the repository.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string OwnScenarios => Path.Combine(Root, "tests", "scenarios");

    /// <summary>../shared/scenarios, or the folder LIAISON_SHARED_DIR names (its scenarios/ subfolder).</summary>
    public static string SharedScenarios =>
        Path.Combine(Environment.GetEnvironmentVariable("LIAISON_SHARED_DIR") is { Length: > 0 } shared ? shared : Path.Combine(Root, "..", "shared"), "scenarios");

    /// <summary>../shared/niem: the NIEM 5.2 release's model tables and reference schemas.</summary>
    public static string SharedNiem =>
        Path.Combine(Environment.GetEnvironmentVariable("LIAISON_SHARED_DIR") is { Length: > 0 } shared ? shared : Path.Combine(Root, "..", "shared"), "niem");

    /// <summary>The scenario files of a folder, by name, in a stable order.</summary>
    public static TheoryData<string> ScenarioFiles(string folder)
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liaison.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Liaison.slnx) above " + AppContext.BaseDirectory);
    }
}
