using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Data;

/// <summary>Where Liaison keeps its data (section "Liaison").</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// Folder holding the SQLite database file, liaison.db (created if missing), and on either database the files
    /// that stay with the instance (the generated key-encryption certificate, exports).
    /// </summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>A PostgreSQL connection string (Npgsql's keywords). When set, the database is PostgreSQL, not SQLite.</summary>
    public string? Postgres { get; set; }

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(Postgres);

    /// <summary>The SQLite database file, liaison.db in the data folder.</summary>
    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDirectory), "liaison.db");

    public string SqliteConnectionString => $"Data Source={SqliteFile};Pooling=True";

    /// <summary>The database as a person should see it named: the SQLite file, or PostgreSQL's host and database (never a password).</summary>
    public string Described
    {
        get
        {
            if (!UsesPostgres)
            {
                return SqliteFile;
            }

            var b = new Npgsql.NpgsqlConnectionStringBuilder(Postgres);
            return $"PostgreSQL database {b.Database ?? b.Username} on {b.Host}:{b.Port}";
        }
    }
}

public static class DataServices
{
    private static readonly Audit.ChainInterceptor Chain = new();
    private static readonly Statistics.StatisticsChangeInterceptor StatisticsChanges = new();
    private static readonly SqliteConnectionSetup Setup = new();

    /// <summary>Each provider's migrations live in their own assembly, loaded by name when the schema is migrated.</summary>
    public const string SqliteMigrations = "Liaison.Data.Sqlite";

    public const string PostgresMigrations = "Liaison.Data.Postgres";

    /// <summary>A context on <paramref name="storage"/>'s database outside any app (design-time tools, tests); the caller disposes it.</summary>
    public static LiaisonDbContext CreateContext(StorageOptions storage)
    {
        var options = new DbContextOptionsBuilder<LiaisonDbContext>();
        options.UseLiaisonDatabase(storage);
        return new LiaisonDbContext(options.Options);
    }

    /// <summary>The one place a context is pointed at its database: the app, the CLI and the design-time factories.</summary>
    public static DbContextOptionsBuilder UseLiaisonDatabase(this DbContextOptionsBuilder options, StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.UsesPostgres)
        {
            // Instants as timestamptz and dates as date, through the NodaTime plugin (never the legacy timestamp switch).
            return options.UseNpgsql(storage.Postgres, n => n.UseNodaTime().CommandTimeout(60).MigrationsAssembly(PostgresMigrations)).AddInterceptors(StatisticsChanges, Chain);
        }

        PrivateFiles.Prepare(storage.DataDirectory);
        return options.UseSqlite(storage.SqliteConnectionString, s => s.CommandTimeout(60).MigrationsAssembly(SqliteMigrations)).AddInterceptors(StatisticsChanges, Chain, Setup);
    }

    /// <summary>The database, the custody use cases and the deadline monitor: shared by the web app and the CLI.</summary>
    public static IServiceCollection AddLiaisonData(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound when first used, so settings added after registration (tests, command-line) still apply.
        services.Configure<StorageOptions>(configuration.GetSection("Liaison"));
        services.AddDbContext<LiaisonDbContext>((sp, o) => o.UseLiaisonDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<CustodyWorldCache>();
        services.AddSingleton<InstanceLeadership>();
        services.AddSingleton<LiaisonMetrics>();
        services.AddMetrics();
        services.AddScoped<CustodyService>();
        services.AddScoped<Complaints.ComplaintService>();
        services.AddScoped<Trust.CrimeReportService>();
        services.AddScoped<Trust.SurveyService>();
        services.AddSingleton<Statistics.StatisticsCache>();
        services.AddSingleton<Statistics.PublishedCache>();
        services.AddScoped<Statistics.StatisticsService>();
        services.AddScoped<Statistics.ResearchExport>();
        services.AddScoped<Statistics.StateReportService>();
        services.AddScoped<Statistics.ReconciliationService>();
        services.AddScoped<DutyQueries>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<Documents.DocumentService>();
        services.AddScoped<WorkQueries>();
        services.AddScoped<WarrantSignatures>();
        services.AddScoped<CaseCorrections>();
        services.AddScoped<Administration.AdministrationService>();
        services.AddScoped<Administration.RuleChanges>();
        services.AddScoped<Identity.AccountService>();
        services.AddScoped<Integrations.IntegrationKeys>();
        services.AddScoped<Integrations.IntegrationFeeds>();
        services.AddSingleton<Integrations.DhsDropFolder>();
        services.AddScoped<Niem.NiemService>();
        services.Configure<Integrations.DhsDropFolderOptions>(configuration.GetSection("Liaison:DhsDropFolder"));
        services.AddScoped<ProjectionCheck>();
        services.AddScoped<Audit.AuditLog>();
        services.AddSingleton<Audit.AuditWriter>();
        services.AddScoped<Audit.AuditQueries>();
        services.TryAddSingleton<Audit.IAuditActor, Audit.SystemAuditActor>();
        services.AddScoped<Agency.AgencySettingsService>();
        services.AddScoped<DeadlineMonitor>();
        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        services.Configure<DeadlineMonitorOptions>(configuration.GetSection("DeadlineMonitor"));
        services.Configure<ProjectionCheckOptions>(configuration.GetSection("ProjectionCheck"));
        services.AddSingleton<IAlertMailer, SmtpAlertMailer>();
        return services;
    }

    /// <summary>
    /// Migrations that add to what the booking row projects from the events: after them, open bookings
    /// are projected again from their stored events (the events themselves never change).
    /// </summary>
    private static readonly string[] ReprojectingMigrations = ["20261130073611_AgreementTemplate2025"];

    /// <summary>Migrations after which every booking, closed ones too, is projected again (the statistics' milestones; the consular and notice measures' columns).</summary>
    private static readonly string[] ReprojectingAllMigrations = ["Statistics", "NoticeStatistics"];

    /// <summary>
    /// Brings the schema up to date. Run by <c>./liaison migrate</c> and <c>./liaison demo</c>, never silently at
    /// web start-up. Returns the migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the deadline monitor write while pages read (PostgreSQL's MVCC does this by itself).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        if (pending.Any(p => ReprojectingAllMigrations.Any(m => p.EndsWith("_" + m, StringComparison.Ordinal))))
        {
            await CustodyService.ReprojectBookingsAsync(db, openOnly: false, ct);
        }
        else if (pending.Intersect(ReprojectingMigrations, StringComparer.Ordinal).Any())
        {
            await CustodyService.ReprojectBookingsAsync(db, openOnly: true, ct);
        }

        await Audit.ChainVerifier.LinkUnchainedEventsAsync(db, ct);

        return pending;
    }
}
