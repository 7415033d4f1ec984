using System.CommandLine;
using Liaison.Data.Persistence;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli;

/// <summary>What every command that opens a database shares: the --data-dir option and the one composition root.</summary>
internal static class CliHost
{
    public static Option<string> DataDirOption(string defaultDir) => new("--data-dir")
    {
        Description = "Folder for the SQLite database.",
        DefaultValueFactory = _ => defaultDir,
    };

    /// <summary>The app on the database in <paramref name="dataDir"/>; commands that only use its services never start it (so no background service runs).</summary>
    public static WebApplication CreateApp(string dataDir, int port = 0) => LiaisonWebApp.Build(
        [$"--urls=http://127.0.0.1:{port}", $"--Liaison:DataDirectory={dataDir}"]);

    /// <summary>
    /// Runs <paramref name="check"/> on the existing, up-to-date database in <paramref name="dataDir"/>; exit 2, saying
    /// why, when the folder holds no database or its schema is older than this program.
    /// </summary>
    public static async Task<int> WithExistingDatabaseAsync(string dataDir, Func<IServiceProvider, LiaisonDbContext, Task<int>> check, CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(dataDir, "liaison.db")))
        {
            await Console.Error.WriteLineAsync($"--data-dir: no Liaison database in {Path.GetFullPath(dataDir)}.");
            return 2;
        }

        await using var app = CreateApp(dataDir);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await Console.Error.WriteLineAsync($"--data-dir: the database in {Path.GetFullPath(dataDir)} is older than this program; run ./liaison migrate --data-dir {dataDir} first.");
            return 2;
        }

        return await check(scope.ServiceProvider, db);
    }

    /// <summary>
    /// As <see cref="WithExistingDatabaseAsync"/>, for commands that apply steps: the agency must be set up (its time
    /// zone and hold policy judge every step); exit 2, saying so, when it is not.
    /// </summary>
    public static Task<int> WithAgencyAsync(string dataDir, Func<IServiceProvider, LiaisonDbContext, Task<int>> run, CancellationToken ct) =>
        WithExistingDatabaseAsync(dataDir, async (services, db) =>
        {
            if (!await db.AgencySettings.AnyAsync(ct))
            {
                await Console.Error.WriteLineAsync("--data-dir: the agency is not set up in this database (its time zone and hold policy judge every step); ./liaison demo creates a demo agency.");
                return 2;
            }

            return await run(services, db);
        }, ct);
}
