using System.Net;
using Liaison.Data;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Web.Tests;

/// <summary>What an operator relies on: each provider's migrations, health and readiness, metrics, backups and upgrades.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes; Liaison runs on Debian
public sealed class OperationsTests
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public void EachProvidersMigrations_CoverTheWholeModel(string provider)
    {
        using var db = DataServices.CreateContext(provider == "Postgres"
            ? new StorageOptions { Postgres = "Host=127.0.0.1;Database=never_opened" }
            : new StorageOptions { DataDirectory = Path.Combine(Path.GetTempPath(), "liaison-model-check") });

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations lag the model: dotnet ef migrations add NAME -p src/Liaison.Data.{provider} -o Migrations --namespace Liaison.Data.{provider}.Migrations");
    }

    [Fact]
    public async Task Healthz_AnswersWhileTheProcessRuns_AndReadyz_OnlyOnceTheDatabaseIsThereAndCurrent()
    {
        await using var app = new LiaisonWebFactory(); // not migrated yet
        using var client = app.CreateClient();

        var alive = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var notReady = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
        await app.InitializeAsync(); // migrates
        var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal((HttpStatusCode.OK, "Healthy\n"), (alive.StatusCode, await alive.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Matches("^Unhealthy; (database unreachable|schema older than this program \\([0-9]+ migrations pending\\): run ./liaison migrate)\n$", await notReady.Content.ReadAsStringAsync());
        Assert.Equal((HttpStatusCode.OK, "Healthy; database reachable, schema current\n"), (ready.StatusCode, await ready.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Metrics_CountActsAndHolds_ForTheMonitoringHostOnly()
    {
        await using var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.SignWarrantAsync("B1");
        using (var ice = await app.SignInAsync(Roles.IceOfficer))
        using (var jail = await app.SignInAsync(Roles.JailStaff))
        {
            await ice.ActAsync("B1", "serveWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-100" });
            await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        }

        // Another app in the same process, holding two people: its numbers are its own, not this app's.
        await using var other = await TestApp.StartAsync();
        foreach (var id in new[] { "O1", "O2" })
        {
            await other.BookAsync(id);
            await other.SignWarrantAsync(id, "I-205", "W-" + id);
            using var otherIce = await other.SignInAsync(Roles.IceOfficer);
            using var otherJail = await other.SignInAsync(Roles.JailStaff);
            await otherIce.ActAsync(id, "serveWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-" + id });
            await otherJail.ActAsync(id, "eligible", new() { ["Form.Reason"] = "bond-posted" });
        }

        using (var otherLocal = other.CreateClient())
        {
            otherLocal.DefaultRequestHeaders.Add(TestPeer.Header, "127.0.0.1");
            Assert.Equal(HttpStatusCode.OK, (await otherLocal.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        }

        using var local = app.CreateClient();
        local.DefaultRequestHeaders.Add(TestPeer.Header, "127.0.0.1");
        var scraped = await local.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await scraped.Content.ReadAsStringAsync();
        using var outsider = app.CreateClient();
        var refused = await outsider.GetAsync(new Uri("/metrics", UriKind.Relative)); // from 192.0.2.1

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Matches("liaison_custody_steps_total\\{[^}]*result=\"applied\"[^}]*source=\"web\"[^}]*\\} [1-9]", text);
        Assert.Matches("^liaison_holds_active(_[a-z]+)?(\\{[^}]*\\})? 1( |$)", Assert.Single(text.Split('\n'), l => l.StartsWith("liaison_holds_active", StringComparison.Ordinal)));
        Assert.Matches("(?m)^liaison_holds_nearest_deadline_min(utes)?(\\{[^}]*\\})? 2880( |$)", text); // held 48 h from now, on the fake clock
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Garcia", text, StringComparison.Ordinal);
        Assert.DoesNotContain("B1", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task ABackupTakenWhileLiaisonRuns_RestoresEveryRecord()
    {
        await using var app = await WorkedAsync();
        var before = await app.WithDbAsync(RecordAsync);
        using var folder = new TempFolder();
        await using var restored = new TestDatabase("liaison-restored-");

        if (TestDatabase.OnPostgres)
        {
            // The documented procedure (docs/deploy.md): pg_dump's custom format, restored into an empty database.
            var dump = Path.Combine(folder.Path, "liaison.dump");
            await PostgresToolAsync("pg_dump", app.Database.Postgres!, "--format=custom", "--file", dump);
            await using (var db = restored.Open())
            {
                await db.Database.EnsureCreatedAsync(); // creates the empty database (and a schema pg_restore replaces)
            }

            await PostgresToolAsync("psql", restored.Postgres!, "--quiet", "--command", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
            await PostgresToolAsync("pg_restore", restored.Postgres!, "--no-owner", dump);
        }
        else
        {
            var file = Path.Combine(folder.Path, "liaison.backup");
            var backup = await LiaisonProgram.RunAsync(["backup", "--out", file, .. app.DatabaseArgs]);
            var overwrite = await LiaisonProgram.RunAsync(["backup", "--out", file, .. app.DatabaseArgs]);
            var restore = await LiaisonProgram.RunAsync(["restore", file, .. restored.CliArgs]);
            var again = await LiaisonProgram.RunAsync(["restore", file, .. restored.CliArgs]);

            Assert.True(backup.ExitCode == 0, backup.Stderr);
            Assert.Contains("2 bookings, 5 custody events", backup.Stdout, StringComparison.Ordinal);
            Assert.Equal(Data.Persistence.PrivateFiles.FileMode, File.GetUnixFileMode(file));
            Assert.Equal(2, overwrite.ExitCode);
            Assert.True(restore.ExitCode == 0, restore.Stderr);
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("give --replace", again.Stderr, StringComparison.Ordinal);
        }

        await using (var db = restored.Open())
        {
            Assert.Equal(before, await RecordAsync(db));
        }

        var verified = await LiaisonProgram.RunAsync(["audit", "verify", .. restored.CliArgs]);
        Assert.True(verified.ExitCode == 0, verified.Stdout + verified.Stderr);
    }

    [Fact]
    public async Task ADatabaseOfTheFirstReleasedSchema_UpgradesToTheCurrentOne_WithEveryRecordIntact()
    {
        Assert.SkipWhen(TestDatabase.OnPostgres, "PostgreSQL's first released schema is its current one; this is SQLite's upgrade path");
        await using var app = await WorkedAsync();
        var source = Path.Combine(app.Database.DataDirectory, "liaison.db");
        await using var old = new TestDatabase("liaison-first-schema-");
        await using (var db = old.Open())
        {
            // The first schema Liaison shipped, holding today's record as that schema can hold it (its columns only).
            await db.GetInfrastructure().GetRequiredService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(db.Database.GetMigrations().First());
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await Exec(connection, $"ATTACH DATABASE '{source.Replace("'", "''", StringComparison.Ordinal)}' AS worked");
            var tables = await Strings(connection, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory'");
            foreach (var table in tables)
            {
                var columns = (await Strings(connection, $"SELECT name FROM pragma_table_info('{table}')")).Intersect(await Strings(connection, $"SELECT name FROM worked.pragma_table_info('{table}')")).ToList();
                var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
                await Exec(connection, $"INSERT INTO main.\"{table}\" ({list}) SELECT {list} FROM worked.\"{table}\"");
            }

            await Exec(connection, "DETACH DATABASE worked");
            await db.Database.CloseConnectionAsync();
        }

        await using (var db = old.Open())
        {
            await DataServices.MigrateAsync(db);
        }

        await using var upgraded = old.Open();
        var expected = await app.WithDbAsync(db => db.CustodyEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.BookingId, e.Sequence, e.At, e.Action, e.StepJson, e.Accepted }).ToListAsync());
        var events = await upgraded.CustodyEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.BookingId, e.Sequence, e.At, e.Action, e.StepJson, e.Accepted }).ToListAsync();
        Assert.Equal(expected, events);
        Assert.Equal(
            await app.WithDbAsync(db => db.Bookings.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.LastName, b.Custody, b.HoldAuthority, b.HoldDeadline, b.EligibleAt }).ToListAsync()),
            await upgraded.Bookings.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.LastName, b.Custody, b.HoldAuthority, b.HoldDeadline, b.EligibleAt }).ToListAsync());
        Assert.Empty((await new Data.Custody.ProjectionCheck(upgraded).VerifyAllAsync()).Mismatches); // every row equals a replay of its events
        Assert.All(await Data.Audit.ChainVerifier.VerifyAsync(upgraded), r => Assert.Null(r.Problem)); // events linked into the chain at the upgrade
    }

    [Fact]
    public async Task AJailFeed_ImportsOnceIntoThisDatabase_AndTheRecordChecksPass()
    {
        await using var app = await TestApp.StartAsync();
        using var folder = new TempFolder();
        var feed = Path.Combine(folder.Path, "feed.csv");
        var written = await LiaisonProgram.RunAsync("demo", "feed", "--bookings", "300", "--out", feed);

        var first = await LiaisonProgram.RunAsync(["import", "feed", feed, "--json", .. app.DatabaseArgs]);
        var second = await LiaisonProgram.RunAsync(["import", "feed", feed, "--json", .. app.DatabaseArgs]);
        var projections = await LiaisonProgram.RunAsync(["verify", "projections", .. app.DatabaseArgs]);
        var chains = await LiaisonProgram.RunAsync(["audit", "verify", .. app.DatabaseArgs]);

        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        var events = File.ReadLines(feed).Count() - 1;
        Assert.Contains($"\"imported\":{events},", first.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\"alreadyImported\":{events},", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(300, await app.WithDbAsync(db => db.Bookings.CountAsync()));
        Assert.True(projections.ExitCode == 0, projections.Stdout);
        Assert.True(chains.ExitCode == 0, chains.Stdout);
    }

    /// <summary>Two bookings, one of them held for ICE: events, audit entries, a signed warrant, alerts.</summary>
    private static async Task<LiaisonWebFactory> WorkedAsync()
    {
        var app = await TestApp.StartAsync();
        await app.BookAsync("B1");
        await app.BookAsync("B2", "Nguyen", "An");
        await app.SignWarrantAsync("B1");
        using var ice = await app.SignInAsync(Roles.IceOfficer);
        using var jail = await app.SignInAsync(Roles.JailStaff);
        await ice.ActAsync("B1", "serveWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = "W-100" });
        await jail.ActAsync("B1", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        await jail.ActAsync("B2", "eligible", new() { ["Form.Reason"] = "bond-posted" });
        return app;
    }

    /// <summary>Every table's row count and both chains' heads: what a restore must give back.</summary>
    private static async Task<string> RecordAsync(LiaisonDbContext db)
    {
        var lines = new List<string>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
#pragma warning disable EF1002 // table names from the model
            var count = await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
            lines.Add($"{table}: {count}");
        }

        lines.AddRange((await Data.Audit.ChainVerifier.VerifyAsync(db)).Select(r => $"{r.Table}: {r.Entries} entries, head {r.Head}, {r.Problem ?? "intact"}"));
        return string.Join('\n', lines);
    }

    private static async Task PostgresToolAsync(string tool, string connectionString, params string[] args)
    {
        var c = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])[$"--host={c.Host}", $"--port={c.Port}", $"--username={c.Username}", $"--dbname={c.Database}", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {await stderr}{await stdout}");
    }

    private static async Task Exec(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the test's own statements
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> Strings(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the test's own statements
        command.CommandText = sql;
#pragma warning restore CA2100
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("liaison-ops-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
