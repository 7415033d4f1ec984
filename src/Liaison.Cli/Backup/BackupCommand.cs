using System.CommandLine;
using Liaison.Data.Persistence;
using Microsoft.Data.Sqlite;

namespace Liaison.Cli.Backup;

/// <summary>
/// <c>liaison backup</c> and <c>liaison restore</c> for SQLite: a consistent copy taken while Liaison runs (SQLite's
/// online backup API), checked before it is called good; a restore that never overwrites a database silently. On
/// PostgreSQL the agency's own tools do this (pg_dump, pg_restore: docs/deploy.md).
/// </summary>
public static class BackupCommand
{
    private static readonly string[] SqliteFiles = ["", "-wal", "-shm"];

    private const string PostgresInstead = "--postgres: back up and restore a PostgreSQL database with pg_dump and pg_restore (docs/deploy.md, \"Backups\"); this command copies SQLite databases.";

    public static Command BuildBackup()
    {
        var database = new DatabaseOptions();
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (must not exist yet).", Required = true };
        var command = new Command("backup",
            """
            Copy the SQLite database to FILE while Liaison keeps running (SQLite's online backup API: a consistent
            copy as of one moment), then check the copy (integrity and the record's counts). The file is readable
            only by you. Exit 0 when the copy is good; 2 when it could not be made.
            """)
        {
            output,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => OnSqliteAsync(database.Read(parse), async chosen =>
        {
            var source = chosen.Storage.SqliteFile;
            var target = parse.GetValue(output)!.FullName;
            if (!File.Exists(source))
            {
                await Console.Error.WriteLineAsync($"--data-dir: no Liaison database in {Path.GetFullPath(chosen.DataDir)}.");
                return 2;
            }

            if (File.Exists(target))
            {
                await Console.Error.WriteLineAsync($"--out: {target} exists; a backup never overwrites a file.");
                return 2;
            }

            PrivateFiles.Create(target, FileMode.CreateNew).Dispose(); // mode 0600 before a byte is written
            try
            {
                using (var from = Open(source, SqliteOpenMode.ReadOnly))
                using (var to = Open(target, SqliteOpenMode.ReadWrite))
                {
                    from.BackupDatabase(to);
                    using var single = to.CreateCommand();
                    single.CommandText = "PRAGMA journal_mode=DELETE;"; // one self-contained file
                    single.ExecuteNonQuery();
                }

                var (ok, summary) = Check(target);
                if (!ok)
                {
                    File.Delete(target);
                    await Console.Error.WriteLineAsync($"The copy failed its check ({summary}); nothing was kept.");
                    return 2;
                }

                Console.WriteLine($"Backed up {source} to {target}: {summary}.");
                return 0;
            }
            catch (SqliteException e)
            {
                File.Delete(target);
                await Console.Error.WriteLineAsync($"--data-dir: could not copy the database: {e.Message}");
                return 2;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        }));
        return command;
    }

    public static Command BuildRestore()
    {
        var database = new DatabaseOptions();
        var file = new Argument<FileInfo>("FILE") { Description = "A backup made by ./liaison backup." };
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace the database the folder holds (stop Liaison first). The old one is kept beside it as liaison.db.before-restore-N.",
        };
        var command = new Command("restore",
            """
            Restore a SQLite backup into the folder: the backup is checked first (integrity, a Liaison schema); a
            folder that already holds a database is left alone unless --replace is given. Run ./liaison migrate
            after restoring an older backup, and ./liaison audit verify to check the record's chains.
            """)
        {
            file, replace,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => OnSqliteAsync(database.Read(parse), async chosen =>
        {
            var backup = parse.GetValue(file)!.FullName;
            if (!File.Exists(backup))
            {
                await Console.Error.WriteLineAsync($"FILE: {backup} does not exist.");
                return 2;
            }

            var (ok, summary) = Check(backup);
            if (!ok)
            {
                await Console.Error.WriteLineAsync($"FILE: {backup} is not a usable Liaison backup ({summary}); nothing was changed.");
                return 2;
            }

            PrivateFiles.Prepare(chosen.DataDir);
            var target = chosen.Storage.SqliteFile;
            if (File.Exists(target))
            {
                if (!parse.GetValue(replace))
                {
                    await Console.Error.WriteLineAsync($"--data-dir: {target} exists; give --replace to replace it (stop Liaison first; the old database is kept beside it).");
                    return 2;
                }

                var aside = Enumerable.Range(1, int.MaxValue - 1).Select(n => $"{target}.before-restore-{n}").First(p => !File.Exists(p));
                foreach (var suffix in SqliteFiles.Where(s => File.Exists(target + s)))
                {
                    File.Move(target + suffix, aside + suffix);
                }

                Console.WriteLine($"The database that was there is kept as {aside}.");
            }

            PrivateFiles.Create(target, FileMode.CreateNew).Dispose();
            using (var from = Open(backup, SqliteOpenMode.ReadOnly))
            using (var to = Open(target, SqliteOpenMode.ReadWrite))
            {
                from.BackupDatabase(to);
            }

            SqliteConnection.ClearAllPools();
            Console.WriteLine($"Restored {backup} into {target}: {summary}.");
            return 0;
        }));
        return command;
    }

    /// <summary>Runs <paramref name="run"/> on a SQLite database; a PostgreSQL one is refused, saying what to use instead.</summary>
    private static async Task<int> OnSqliteAsync(Database database, Func<Database, Task<int>> run)
    {
        if (database.UsesPostgres)
        {
            await Console.Error.WriteLineAsync(PostgresInstead);
            return 2;
        }

        return await run(database);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Whether the file is an intact SQLite database with a Liaison schema; its record's counts, or what is wrong.</summary>
    private static (bool Ok, string Summary) Check(string path)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check;";
            if (command.ExecuteScalar() is not "ok")
            {
                return (false, "SQLite's integrity check failed");
            }

            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'bookings', 'custody_events', 'audit_entries')";
            if (command.ExecuteScalar() is not 4L)
            {
                return (false, "no Liaison schema in it");
            }

            command.CommandText = "SELECT (SELECT count(*) FROM bookings), (SELECT count(*) FROM custody_events), (SELECT count(*) FROM audit_entries), (SELECT max(MigrationId) FROM __EFMigrationsHistory)";
            using var reader = command.ExecuteReader();
            reader.Read();
            return (true, $"{reader.GetInt64(0):N0} bookings, {reader.GetInt64(1):N0} custody events, {reader.GetInt64(2):N0} audit entries, schema {reader.GetString(3)}");
        }
        catch (SqliteException e)
        {
            return (false, e.Message);
        }
    }
}
