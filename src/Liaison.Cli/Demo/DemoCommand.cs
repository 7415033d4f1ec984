using System.CommandLine;
using Liaison.Data;
using Liaison.Data.Demo;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
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
        var noServe = new Option<bool>("--no-serve") { Description = "Create (or upgrade) the demo database and exit without serving it (scripts, benchmarks)." };
        var command = new Command("demo",
            """
            Create (or reopen) a demo county in a SQLite database and serve the officer workspace on
            http://127.0.0.1:PORT. The first run fills a year of synthetic bookings (deterministic);
            later runs reopen the same data. Prints the address and the demo sign-ins.
            """)
        {
            dataDir, port, bookings, noServe,
        };
        command.SetAction((parse, ct) => RunDemoAsync(parse.GetValue(dataDir)!, parse.GetValue(port), parse.GetValue(bookings), parse.GetValue(noServe), ct));
        command.Subcommands.Add(BuildTotp());
        command.Subcommands.Add(BuildFeed());
        return command;
    }

    /// <summary><c>liaison demo feed</c>: a valid jail feed file of the demo county's mix, the same for the same N.</summary>
    private static Command BuildFeed()
    {
        var bookings = new Option<int>("--bookings") { Description = "Bookings in the feed (about four events each).", DefaultValueFactory = _ => 1_000 };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write (replaced if it exists).", Required = true };
        var command = new Command("feed", "Write a realistic, valid jail feed file (deterministic for a given --bookings) for trying and benchmarking imports.") { bookings, output };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(bookings) is var n && n < 0)
            {
                await Console.Error.WriteLineAsync("--bookings: must be zero or more.");
                return 2;
            }

            var path = parse.GetValue(output)!.FullName;
            await using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
            var events = await DemoFeed.WriteAsync(writer, n, ct);
            Console.WriteLine($"Wrote {events:N0} events of {n:N0} bookings to {path}.");
            return 0;
        });
        return command;
    }

    /// <summary><c>liaison demo totp USER</c>: the code a demo account's phone would show, so a newcomer can sign in without one.</summary>
    private static Command BuildTotp()
    {
        var dataDir = DataDirOption("./demo-data");
        var user = new Argument<string>("USER") { Description = "A demo account's user name (see demo-sign-ins.txt)." };
        var command = new Command("totp", "Print the current 6-digit sign-in code of a demo account (demo databases only).") { user, dataDir };
        command.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(parse.GetValue(dataDir)!, async (services, db) =>
        {
            if (!await DemoDatabase.IsDemoAsync(db, ct))
            {
                await Console.Error.WriteLineAsync("--data-dir: this database was not created by ./liaison demo; its accounts' codes come only from their owners' phones.");
                return 2;
            }

            var name = parse.GetValue(user)!;
            var code = await DemoDatabase.CodeAsync(services.GetRequiredService<UserManager<LiaisonUser>>(), name, services.GetRequiredService<NodaTime.IClock>().GetCurrentInstant());
            if (code is null)
            {
                await Console.Error.WriteLineAsync($"USER: no demo account \"{name}\" with a second factor.");
                return 2;
            }

            Console.WriteLine(code);
            return 0;
        }, ct));
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

    private static async Task<int> RunDemoAsync(string dataDir, int port, int bookings, bool noServe, CancellationToken ct)
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
                await PrivateFiles.WriteAllLinesAsync(signInPath, signIns.Select(s => $"{s.UserName}\t{s.Password}\t{s.Role}"), ct);
                Console.WriteLine($"Done in {started.Elapsed.TotalSeconds:N0} s.");
                Console.WriteLine();
                Console.WriteLine($"Demo sign-ins (each account its own password; kept in {signInPath}, readable only by you):");
                foreach (var signIn in signIns)
                {
                    Console.WriteLine($"  {signIn.UserName,-10} {signIn.Password,-22} {signIn.Description}");
                }
            }
            else
            {
                Console.WriteLine($"Reopening the demo county in {Path.GetFullPath(dataDir)}.");
            }
        }

        if (noServe)
        {
            return 0;
        }

        await app.StartAsync(ct); // listening before saying so
        Console.WriteLine();
        Console.WriteLine($"Liaison is serving on http://127.0.0.1:{port}  (Ctrl+C to stop)");
        Console.WriteLine();
        if (File.Exists(signInPath))
        {
            // Passwords are printed once, when created; afterwards they stay in the private file.
            Console.WriteLine($"Sign in with a user name and password from {signInPath}; then, for the code,");
            Console.WriteLine($"  ./liaison demo totp USER --data-dir {dataDir}");
        }

        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
