using System.CommandLine;
using Liaison.Data;
using Liaison.Data.Persistence;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli;

/// <summary>Which database a command opens: SQLite in a folder (the default), or PostgreSQL.</summary>
internal sealed record Database(string DataDir, string? Postgres)
{
    /// <summary>The environment variable that names the PostgreSQL database when --postgres is not given.</summary>
    public const string PostgresVariable = "LIAISON_POSTGRES";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);

    public StorageOptions Storage => new() { DataDirectory = DataDir, Postgres = UsesPostgres ? Postgres : null };

    /// <summary>Which option named it, for error messages.</summary>
    public string Option => UsesPostgres ? "--postgres" : "--data-dir";

    /// <summary>The options that open this database again, for the hints a command prints (a password is never printed).</summary>
    public string Again
    {
        get
        {
            if (!UsesPostgres)
            {
                return $"--data-dir {DataDir}";
            }

            var shown = new Npgsql.NpgsqlConnectionStringBuilder(Postgres) { Password = null };
            return $"--postgres '{shown.ConnectionString}'";
        }
    }
}

/// <summary>The --data-dir and --postgres options of every command that opens a database.</summary>
internal sealed class DatabaseOptions
{
    /// <summary>The one default folder of every command: the demo, migrate, serve, imports and reports open the same database.</summary>
    public const string DefaultDir = "./data";

    public DatabaseOptions()
    {
        DataDir = new("--data-dir")
        {
            Description = $"Folder for the SQLite database (and, on PostgreSQL too, the instance's own files). Default: {DefaultDir}.",
            DefaultValueFactory = _ => DefaultDir,
        };
        Postgres = new("--postgres")
        {
            Description = $"Use this PostgreSQL database (an Npgsql connection string) instead of SQLite. Default: ${Database.PostgresVariable}.",
        };
    }

    public Option<string> DataDir { get; }

    public Option<string?> Postgres { get; }

    public Database Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var postgres = parse.GetValue(Postgres) ?? Environment.GetEnvironmentVariable(Database.PostgresVariable);
        return new Database(parse.GetValue(DataDir)!, string.IsNullOrWhiteSpace(postgres) ? null : postgres);
    }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(DataDir);
        command.Options.Add(Postgres);
    }
}

/// <summary>What every command that opens a database shares: the one composition root and the checks before use.</summary>
internal static class CliHost
{
    /// <summary>Writes <paramref name="message"/> to standard error: exit code 2, a refused command.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    /// <summary><see cref="Fail"/>, for a command's action before it opens anything.</summary>
    public static Task<int> Refuse(string message) => Task.FromResult(Fail(message));

    /// <summary>Writes each file (owner-only) beside its final name and renames it into place; the reason when the folder cannot take them.</summary>
    public static string? WritePrivateFiles(string folder, IEnumerable<(string Name, byte[] Content)> files)
    {
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(folder, name);
                // Private, as every file Liaison writes with case data (the monthly report's restricted part, the research file).
                using (var file = Data.Persistence.PrivateFiles.Create(path + ".partial", FileMode.Create))
                {
                    file.Write(content);
                }

                File.Move(path + ".partial", path, overwrite: true);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--out: cannot write into {folder}: {e.Message}";
        }
    }


    /// <summary>The app on <paramref name="database"/>; commands that only use its services never start it (so no background service runs).</summary>
    public static WebApplication CreateApp(Database database, int port = 0, string address = "127.0.0.1") => LiaisonWebApp.Build(
    [
        $"--urls=http://{address}:{port}", $"--Liaison:DataDirectory={database.DataDir}",
        .. database.UsesPostgres ? [$"--Liaison:Postgres={database.Postgres}"] : Array.Empty<string>(),
    ]);

    /// <summary>
    /// A whole-number option whose bad value is named in plain words ("--port: \"abc\" is not a whole number from 1 to
    /// 65535."), not as a .NET type.
    /// </summary>
    public static Option<int> Number(string name, string description, int defaultValue, int min, int max) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name}: \"{text}\" is not a whole number from {min:N0} to {max:N0}.");
            return defaultValue;
        },
    };

    /// <summary>
    /// Why the SQLite folder cannot hold a database (it cannot be created or written), in one line naming the option;
    /// null when it can. Checked before anything else is printed or created.
    /// </summary>
    public static string? DataDirProblem(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            Directory.CreateDirectory(database.DataDir);
            var probe = Path.Combine(database.DataDir, $".liaison-write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return $"--data-dir: cannot keep a database in {Path.GetFullPath(database.DataDir)}: {e.Message}";
        }
    }

    /// <summary>
    /// Whether <paramref name="port"/> is free on <paramref name="address"/>: a busy port is named before anything is
    /// printed or created (a second Liaison, or another program, holds it).
    /// </summary>
    public static string? PortProblem(int port, string address = "127.0.0.1")
    {
        try
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(address), port);
            listener.Start();
            listener.Stop();
            return null;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            return $"--port: {port} on {address} is not available ({e.SocketErrorCode}: another Liaison or another program is using it); stop it, or choose another port with --port.";
        }
    }

    /// <summary>
    /// A bad connection string is the user's error: one line naming the option, not a stack trace. The password is
    /// never part of the message.
    /// </summary>
    public static string? Problem(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.UsesPostgres)
        {
            return null;
        }

        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(database.Postgres);
            return null;
        }
        catch (ArgumentException e)
        {
            return $"--postgres: not a connection string Npgsql understands ({e.Message.Split('\n')[0]}); e.g. 'Host=db.example;Database=liaison;Username=liaison'.";
        }
    }

    /// <summary>
    /// Runs <paramref name="check"/> on the existing, up-to-date database; exit 2, saying why, when there is no Liaison
    /// database there, it cannot be reached, or its schema is older than this program.
    /// </summary>
    public static Task<int> WithExistingDatabaseAsync(Database database, Func<IServiceProvider, LiaisonDbContext, Task<int>> check, CancellationToken ct) =>
        WithExistingAppAsync(database, (_, services, db) => check(services, db), ct);

    /// <summary>
    /// As <see cref="WithExistingDatabaseAsync"/>, handing over the app itself (built to listen on
    /// <paramref name="address"/>:<paramref name="port"/>), for a command that serves it.
    /// </summary>
    public static async Task<int> WithExistingAppAsync(Database database, Func<WebApplication, IServiceProvider, LiaisonDbContext, Task<int>> run, CancellationToken ct,
        int port = 0, string address = "127.0.0.1")
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(run);
        if (Problem(database) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        if (!database.UsesPostgres && !File.Exists(database.Storage.SqliteFile))
        {
            await Console.Error.WriteLineAsync($"--data-dir: no Liaison database in {Path.GetFullPath(database.DataDir)}.");
            return 2;
        }

        await using var app = CreateApp(database, port, address);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var described = database.Storage.Described;
        if (await UnreachableAsync(db, ct) is { } why)
        {
            await Console.Error.WriteLineAsync($"--postgres: cannot open the {described}: {why}");
            return 2;
        }

        if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
        {
            await Console.Error.WriteLineAsync($"{database.Option}: no Liaison database in the {described}; ./liaison migrate {database.Again} creates one.");
            return 2;
        }

        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await Console.Error.WriteLineAsync($"{database.Option}: the database ({described}) is older than this program; run ./liaison migrate {database.Again} first.");
            return 2;
        }

        return await run(app, scope.ServiceProvider, db);
    }

    /// <summary>Why the database cannot be reached (PostgreSQL: server down, wrong name or password), or null.</summary>
    public static async Task<string?> UnreachableAsync(LiaisonDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.CloseConnectionAsync();
            return null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException)
        {
            return Reason(e);
        }
    }

    /// <summary>The first line of the innermost cause: "connection refused", not "a transient failure".</summary>
    public static string Reason(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message.Split('\n')[0];
    }

    /// <summary>
    /// As <see cref="WithExistingDatabaseAsync"/>, for commands that apply steps: the agency must be set up (its time
    /// zone and hold policy judge every step); exit 2, saying so, when it is not.
    /// </summary>
    public static Task<int> WithAgencyAsync(Database database, Func<IServiceProvider, LiaisonDbContext, Task<int>> run, CancellationToken ct) =>
        WithExistingDatabaseAsync(database, async (services, db) =>
        {
            if (!await db.AgencySettings.AnyAsync(ct))
            {
                await Console.Error.WriteLineAsync($"{database.Option}: the agency is not set up in this database (its time zone and hold policy judge every step); ./liaison demo creates a demo agency.");
                return 2;
            }

            return await run(services, db);
        }, ct);

    /// <summary>Brings the schema up to date (creating it in an empty database); exit 2, saying why, when the database cannot be reached.</summary>
    public static async Task<int> MigrateAsync(Database database, LiaisonDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await DataServices.MigrateAsync(db, ct); // creates a PostgreSQL database that does not exist yet, given the right
            return 0;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"{database.Option}: cannot open or upgrade the database: {Reason(e)}");
            return 2;
        }
    }
}
