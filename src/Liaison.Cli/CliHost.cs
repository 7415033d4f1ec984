using System.CommandLine;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;

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
}
