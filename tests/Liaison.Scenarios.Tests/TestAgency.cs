using Liaison.Data.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Scenarios.Tests;

/// <summary>For tests that run the real program: a demo agency with no bookings, copied per test, and temporary folders.</summary>
internal static class TestAgency
{
    public static LiaisonDbContext Open(string dataDir) =>
        new(new DbContextOptionsBuilder<LiaisonDbContext>().UseSqlite($"Data Source={Path.Combine(dataDir, "liaison.db")};Pooling=False").Options);

    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var dir = Path.Combine(Path.GetTempPath(), "liaison-feed-agency-" + Guid.NewGuid().ToString("N"));
        var (exitCode, _, stderr) = await LiaisonProcess.RunAsync(["demo", "--bookings", "0", "--no-serve", "--data-dir", dir]);
        Assert.True(exitCode == 0, stderr);
        return dir;
    });

    /// <summary>A copy of a demo agency with no bookings: its settings judge every row.</summary>
    public static async Task<string> AgencyAsync(TempFolder folder, string name = "data")
    {
        var template = await Template.Value;
        var target = Path.Combine(folder.Path, name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(template))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("liaison-feed-").FullName;

        public string Write(string name, params string[] lines)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, string.Join('\n', lines) + "\n");
            return path;
        }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temp folder is harmless
            }
        }
    }
}
