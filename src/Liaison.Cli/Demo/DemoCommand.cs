using System.CommandLine;
using Liaison.Data;
using Liaison.Data.Demo;
using Liaison.Data.Persistence;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Liaison.Cli.Demo;

/// <summary><c>liaison demo</c> and <c>liaison migrate</c>: a demo county on SQLite, served on loopback; schema upgrades.</summary>
public static class DemoCommand
{
    private const string SignInFile = "demo-sign-ins.txt";

    public static Command BuildDemo()
    {
        var dataDir = DataDirOption("./demo-data");
        var port = new Option<int>("--port") { Description = "Port to serve on (127.0.0.1 only).", DefaultValueFactory = _ => 5287 };
        var bookings = new Option<int>("--bookings") { Description = "Bookings in the synthetic county (first run only).", DefaultValueFactory = _ => DemoCounty.DefaultBookings };
        var command = new Command("demo",
            """
            Create (or reopen) a demo county in a SQLite database and serve the officer workspace on
            http://127.0.0.1:PORT. The first run fills a year of synthetic bookings (deterministic);
            later runs reopen the same data. Prints the address and the demo sign-ins.
            """)
        {
            dataDir, port, bookings,
        };
        command.SetAction((parse, ct) => RunDemoAsync(parse.GetValue(dataDir)!, parse.GetValue(port), parse.GetValue(bookings), ct));
        return command;
    }

    public static Command BuildMigrate()
    {
        var dataDir = DataDirOption("./data");
        var command = new Command("migrate", "Create or upgrade the database schema in DIR (run before starting a new version).") { dataDir };
        command.SetAction(async (parse, ct) =>
        {
            await using var app = CreateApp(parse.GetValue(dataDir)!, 0);
            await using var scope = app.Services.CreateAsyncScope();
            await DataServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), ct);
            Console.WriteLine($"Database in {Path.GetFullPath(parse.GetValue(dataDir)!)} is up to date.");
            return 0;
        });
        return command;
    }

    private static Option<string> DataDirOption(string defaultDir) => CliHost.DataDirOption(defaultDir);

    private static WebApplication CreateApp(string dataDir, int port) => CliHost.CreateApp(dataDir, port);

    private static async Task<int> RunDemoAsync(string dataDir, int port, int bookings, CancellationToken ct)
    {
        if (bookings < 0)
        {
            await Console.Error.WriteLineAsync("--bookings: must be zero or more.");
            return 2;
        }

        if (port is < 1 or > 65535)
        {
            await Console.Error.WriteLineAsync("--port: must be between 1 and 65535.");
            return 2;
        }

        await using var app = CreateApp(dataDir, port);
        var signInPath = Path.Combine(dataDir, SignInFile);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            await DataServices.MigrateAsync(db, ct);
            if (!await db.AgencySettings.AnyAsync(ct))
            {
                Console.WriteLine($"Creating the demo county ({bookings:N0} bookings) in {Path.GetFullPath(dataDir)} ...");
                var started = System.Diagnostics.Stopwatch.StartNew();
                var signIns = await ActivatorUtilities.CreateInstance<DemoCounty>(scope.ServiceProvider)
                    .CreateAsync(bookings, line => Console.WriteLine(line), ct);
                await File.WriteAllLinesAsync(signInPath, signIns.Select(s => $"{s.UserName}\t{s.Password}\t{s.Description}"), ct);
                Console.WriteLine($"Done in {started.Elapsed.TotalSeconds:N0} s.");
            }
            else
            {
                Console.WriteLine($"Reopening the demo county in {Path.GetFullPath(dataDir)}.");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Liaison is serving on http://127.0.0.1:{port}  (Ctrl+C to stop)");
        Console.WriteLine();
        if (File.Exists(signInPath))
        {
            Console.WriteLine("Demo sign-ins (password generated for this demo database):");
            foreach (var line in await File.ReadAllLinesAsync(signInPath, ct))
            {
                var parts = line.Split('\t');
                Console.WriteLine($"  {parts[0],-10} {parts[1],-22} {parts[2]}");
            }
        }

        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
