using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Liaison.Data;

/// <summary>Where Liaison keeps its data (section "Liaison").</summary>
public sealed class StorageOptions
{
    /// <summary>Folder holding the SQLite database file, liaison.db. Created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    public string ConnectionString => $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "liaison.db")};Pooling=True";
}

public static class DataServices
{
    private static readonly Audit.ChainInterceptor Chain = new();
    private static readonly SqliteConnectionSetup Setup = new();

    /// <summary>The database, the custody use cases and the deadline monitor: shared by the web app and the CLI.</summary>
    public static IServiceCollection AddLiaisonData(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound when first used, so settings added after registration (tests, command-line) still apply.
        services.Configure<StorageOptions>(configuration.GetSection("Liaison"));
        services.AddDbContext<LiaisonDbContext>((sp, o) =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            PrivateFiles.Prepare(storage.DataDirectory);
            o.UseSqlite(storage.ConnectionString, s => s.CommandTimeout(60)).AddInterceptors(Chain, Setup);
        });
        services.AddSingleton<CustodyWorldCache>();
        services.AddScoped<CustodyService>();
        services.AddScoped<DutyQueries>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<WarrantSignatures>();
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

    /// <summary>
    /// Brings the schema up to date. Run by <c>./liaison migrate</c> and <c>./liaison demo</c>, never silently at
    /// web start-up. Returns the migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        // WAL lets the deadline monitor write while pages read.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        if (pending.Intersect(ReprojectingMigrations, StringComparer.Ordinal).Any())
        {
            await CustodyService.ReprojectOpenBookingsAsync(db, ct);
        }

        await Audit.ChainVerifier.LinkUnchainedEventsAsync(db, ct);

        return pending;
    }
}

/// <summary>Lets <c>dotnet ef</c> build the model without starting the web app.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<LiaisonDbContext>
{
    public LiaisonDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LiaisonDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
