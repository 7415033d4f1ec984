using Liaison.Fuzz;

namespace Liaison.Scenarios.Tests;

/// <summary>
/// Every input the fuzzers found (tests/fuzz-findings/TARGET/, written by fuzz/run.sh) and every seed
/// (fuzz/corpus/TARGET/), replayed through the same harness: a reader answers them; none throws.
/// </summary>
public sealed class FuzzRegressionTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { Path.Combine(RepositoryPaths.Root, "tests", "fuzz-findings"), Path.Combine(RepositoryPaths.Root, "fuzz", "corpus") })
        {
            foreach (var target in FuzzTargets.Names)
            {
                var dir = Path.Combine(folder, target);
                foreach (var file in Directory.Exists(dir) ? Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray() : [])
                {
                    data.Add(target, Path.GetRelativePath(RepositoryPaths.Root, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void AFoundInput_IsAnswered_NotThrown(string target, string file) =>
        FuzzTargets.Run(target, File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, file)));

    [Fact]
    public void TheFindingsOfJson_AreThere() => // the harvest of the first run: invalid UTF-8 inside JSON strings (was a 500)
        Assert.True(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "fuzz-findings", "json")).Length >= 4);
}
