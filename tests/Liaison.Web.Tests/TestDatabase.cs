using Liaison.Data;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>
/// The database one test app runs on: a SQLite file in a fresh folder, or, when <see cref="Variable"/> names a
/// PostgreSQL server (./test.sh starts a throwaway one and runs this suite a second time), a fresh database on that
/// server, dropped when the app is disposed. Either way the folder holds the instance's own files.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>A connection string to a PostgreSQL server (no database named); unset means SQLite.</summary>
    public const string Variable = "LIAISON_TEST_POSTGRES";

    public TestDatabase(string prefix)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N"));
        Postgres = Server is { } server
            ? new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "liaison_test_" + Guid.NewGuid().ToString("N")[..16] }.ConnectionString
            : null;
    }

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null;

    public static bool OnPostgres => Server is not null;

    public string DataDirectory { get; }

    /// <summary>This app's PostgreSQL database (created by the first migration), or null on SQLite.</summary>
    public string? Postgres { get; }

    /// <summary>The app's settings naming this database, as command-line arguments of the web app.</summary>
    public string[] AppArgs => [$"--Liaison:DataDirectory={DataDirectory}", .. Postgres is null ? Array.Empty<string>() : [$"--Liaison:Postgres={Postgres}"]];

    /// <summary>The options that open this database from the liaison program.</summary>
    public string[] CliArgs => ["--data-dir", DataDirectory, .. Postgres is null ? Array.Empty<string>() : ["--postgres", Postgres]];

    /// <summary>A context on this database, outside any app (the caller disposes it).</summary>
    public LiaisonDbContext Open() => DataServices.CreateContext(new StorageOptions { DataDirectory = DataDirectory, Postgres = Postgres });

    /// <summary>
    /// Lets a test tamper with the record as someone with the database's own powers would: the append-only triggers of
    /// <paramref name="table"/> are dropped (SQLite) or disabled (PostgreSQL).
    /// </summary>
    public static string LiftImmutability(LiaisonDbContext db, string table)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql()
            ? $"ALTER TABLE {table} DISABLE TRIGGER USER"
            : $"DROP TRIGGER {table}_no_update; DROP TRIGGER {table}_no_delete";
    }

    /// <summary>An instant as a raw SQL value of this database: Unix ticks on SQLite, the instant itself on PostgreSQL.</summary>
    public static object Stored(LiaisonDbContext db, NodaTime.Instant instant)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.IsNpgsql() ? instant : instant.ToUnixTimeTicks();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Postgres is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            var database = new Npgsql.NpgsqlConnectionStringBuilder(Postgres).Database;
            await using var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
#pragma warning disable CA2100 // the name is this class's own, made of hex digits
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)";
#pragma warning restore CA2100
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp folder is harmless
        }
        catch (UnauthorizedAccessException)
        {
            // nor one the app never created
        }
    }
}
