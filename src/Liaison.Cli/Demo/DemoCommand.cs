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

/// <summary>
/// <c>liaison demo</c>, <c>liaison serve</c> and <c>liaison migrate</c>: a demo county served on loopback; an agency's
/// database served as it is; schema upgrades. SQLite or PostgreSQL alike.
/// </summary>
public static class DemoCommand
{
    private const string SignInFile = "demo-sign-ins.txt";

    public static Command BuildDemo()
    {
        var database = new DatabaseOptions();
        var port = CliHost.Number("--port", "Port to serve on (127.0.0.1 only).", 5287, 1, 65535);
        var bookings = CliHost.Number("--bookings", "Bookings in the synthetic county (first run only: refused when the county exists).", DemoCounty.DefaultBookings, 0, 50_000_000);
        var noServe = new Option<bool>("--no-serve") { Description = "Create (or upgrade) the demo database and exit without serving it (scripts, benchmarks)." };
        var command = new Command("demo",
            """
            Create (or reopen) a demo county in a SQLite database (or a PostgreSQL one, --postgres) and serve
            the officer workspace on http://127.0.0.1:PORT. The first run fills a year of synthetic bookings
            (deterministic); later runs reopen the same data. Prints the address and the demo sign-ins.
            """)
        {
            port, bookings, noServe,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => RunDemoAsync(database.Read(parse), parse.GetValue(port),
            parse.GetResult(bookings) is { Implicit: false } ? parse.GetValue(bookings) : null, parse.GetValue(noServe), ct));
        command.Subcommands.Add(BuildTotp());
        command.Subcommands.Add(BuildFeed());
        return command;
    }

    /// <summary><c>liaison demo feed</c>: a valid jail feed file of the demo county's mix, the same for the same N.</summary>
    private static Command BuildFeed()
    {
        var bookings = CliHost.Number("--bookings", "Bookings in the feed (about four events each).", 1_000, 0, 50_000_000);
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write (replaced if it exists).", Required = true };
        var command = new Command("feed", "Write a realistic, valid jail feed file (deterministic for a given --bookings) for trying and benchmarking imports.") { bookings, output };
        command.SetAction(async (parse, ct) =>
        {
            var n = parse.GetValue(bookings);
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
        var database = new DatabaseOptions();
        var user = new Argument<string>("USER") { Description = "A demo account's user name (see demo-sign-ins.txt)." };
        var command = new Command("totp", "Print the current 6-digit sign-in code of a demo account (demo databases only).") { user };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, db) =>
        {
            if (!await DemoDatabase.IsDemoAsync(db, ct))
            {
                await Console.Error.WriteLineAsync($"{database.Read(parse).Option}: this database was not created by ./liaison demo; its accounts' codes come only from their owners' phones.");
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
        var database = new DatabaseOptions();
        var command = new Command("migrate", "Create or upgrade the database schema (run before starting a new version).");
        database.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var chosen = database.Read(parse);
            if ((CliHost.Problem(chosen) ?? (chosen.UsesPostgres ? null : CliHost.DataDirProblem(chosen))) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }

            await using var app = CliHost.CreateApp(chosen);
            await using var scope = app.Services.CreateAsyncScope();
            if (await CliHost.MigrateAsync(chosen, scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), ct) is not 0 and var failed)
            {
                return failed;
            }

            Console.WriteLine($"The database ({chosen.Storage.Described}) is up to date.");
            return 0;
        });
        return command;
    }

    /// <summary><c>liaison serve</c>: an existing, up-to-date database served as it is (no demo data is created).</summary>
    public static Command BuildServe()
    {
        var database = new DatabaseOptions();
        var port = CliHost.Number("--port", "Port to serve on.", 5287, 1, 65535);
        var address = new Option<string>("--address")
        {
            Description = "Address to listen on: 127.0.0.1 (the default) behind a reverse proxy on the same machine, or this machine's address for one elsewhere.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var command = new Command("serve",
            """
            Serve the officer workspace, the API and the monitors on an existing database (./liaison migrate
            creates or upgrades it first; serve never changes the schema). Run one per instance; with PostgreSQL,
            several instances can serve one database behind a load balancer (docs/deploy.md).
            """)
        {
            port, address,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) =>
        {
            var chosen = database.Read(parse);
            var (on, at) = (parse.GetValue(port), parse.GetValue(address)!);
            if (!System.Net.IPAddress.TryParse(at, out _))
            {
                Console.Error.WriteLine($"--address: \"{at}\" is not an IP address (127.0.0.1, 0.0.0.0, ::1).");
                return Task.FromResult(2);
            }

            if (CliHost.PortProblem(on, at) is { } busy)
            {
                Console.Error.WriteLine(busy);
                return Task.FromResult(2);
            }

            return CliHost.WithExistingAppAsync(chosen, async (app, _, _) =>
            {
                await app.StartAsync(ct);
                Console.WriteLine($"Liaison is serving the {chosen.Storage.Described} on http://{at}:{on}  (Ctrl+C to stop)");
                await app.WaitForShutdownAsync(ct);
                return 0;
            }, ct, on, at.Contains(':', StringComparison.Ordinal) ? $"[{at}]" : at);
        });
        return command;
    }

    /// <param name="bookings">The size asked for on the command line; null when not given (the default size).</param>
    private static async Task<int> RunDemoAsync(Database database, int port, int? bookings, bool noServe, CancellationToken ct)
    {
        // Every check that can fail comes before anything is printed or created.
        if ((CliHost.Problem(database) ?? (noServe ? null : CliHost.PortProblem(port)) ?? (database.UsesPostgres ? null : CliHost.DataDirProblem(database))) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        await using var app = CliHost.CreateApp(database, port);
        var signInPath = Path.Combine(database.DataDir, SignInFile);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            if (await CliHost.MigrateAsync(database, db, ct) is not 0 and var failed)
            {
                return failed;
            }

            if (!await db.AgencySettings.AnyAsync(ct))
            {
                var size = bookings ?? DemoCounty.DefaultBookings;
                Console.WriteLine($"Creating the demo county ({size:N0} bookings) in the {database.Storage.Described} ...");
                var started = System.Diagnostics.Stopwatch.StartNew();
                var signIns = await ActivatorUtilities.CreateInstance<DemoCounty>(scope.ServiceProvider)
                    .CreateAsync(size, line => Console.WriteLine(line), ct);
                PrivateFiles.Prepare(database.DataDir); // on PostgreSQL too: the sign-ins stay on this machine
                await PrivateFiles.WriteAllLinesAsync(signInPath, signIns.Select(s => $"{s.UserName}\t{s.Password}\t{s.Role}"), ct);
                Console.WriteLine($"Done in {started.Elapsed.TotalSeconds:N0} s.");
                Console.WriteLine();
                Console.WriteLine($"Demo sign-ins (each account its own password; kept in {signInPath}, readable only by you):");
                foreach (var signIn in signIns)
                {
                    Console.WriteLine($"  {signIn.UserName,-10} {signIn.Password,-22} {signIn.Description}");
                }
            }
            else if (bookings is { } asked)
            {
                // The size applies only when the county is made: silently ignoring it would mislead.
                var existing = await db.Bookings.CountAsync(ct);
                await Console.Error.WriteLineAsync($"--bookings: the {database.Storage.Described} already holds a county ({existing:N0} bookings); --bookings {asked:N0} applies only when one is created. Leave it out to reopen this one, or give another --data-dir for a new county.");
                return 2;
            }
            else
            {
                Console.WriteLine($"Reopening the demo county in the {database.Storage.Described}.");
            }
        }

        if (noServe)
        {
            return 0;
        }

        try
        {
            await app.StartAsync(ct); // listening before saying so
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException or null)
        {
            // Taken between the check and now.
            await Console.Error.WriteLineAsync($"--port: {port} on 127.0.0.1 is not available ({e.Message}); choose another with --port.");
            return 2;
        }

        Console.WriteLine();
        Console.WriteLine($"Liaison is serving on http://127.0.0.1:{port}  (Ctrl+C to stop)");
        Console.WriteLine();
        if (File.Exists(signInPath))
        {
            // Passwords are printed once, when created; afterwards they stay in the private file.
            Console.WriteLine($"Sign in with a user name and password from {signInPath}; then, for the code,");
            Console.WriteLine($"  ./liaison demo totp USER {database.Again}");
        }

        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
