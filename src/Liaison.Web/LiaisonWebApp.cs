using System.Reflection;
using Liaison.Data;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Liaison.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Liaison.Web;

/// <summary>The composition root of the web app, used by <c>Program</c>, <c>./liaison demo</c> and the tests alike.</summary>
public static class LiaisonWebApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(LiaisonWebApp).Assembly.GetName().Name,
        });
        // Ids in logs, never personal data: framework chatter (SQL text, request lines) stays out below Warning.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.AddLiaisonWeb(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseLiaisonWeb();
        return app;
    }

    public static IServiceCollection AddLiaisonWeb(this IServiceCollection services, IConfiguration configuration)
    {
#pragma warning disable RS0030 // the composition root is the one place that names the system clock
        services.AddSingleton<IClock>(SystemClock.Instance);
#pragma warning restore RS0030
        services.AddSingleton<Data.Audit.IAuditActor, HttpAuditActor>(); // before the data layer's default for commands
        services.AddLiaisonData(configuration);

        // Cookie and antiforgery keys live with the agency's data: they survive restarts and upgrades, and
        // two Liaison instances on one machine (or tests) never share or overwrite each other's keys.
        services.AddDataProtection();
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "keys")), logs));
        services.AddHostedService<DeadlineMonitorService>();
        services.AddHostedService<Data.Custody.ProjectionCheckService>();

        services.AddIdentity<LiaisonUser, IdentityRole>(o =>
            {
                // NIST SP 800-63B: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<LiaisonDbContext>()
            .AddClaimsPrincipalFactory<LiaisonClaims>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "liaison";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.ExpireTimeSpan = TimeSpan.FromHours(10); // one shift
            o.SlidingExpiration = false;
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Screening, p => p.RequireRole(Roles.DesignatedOfficer, Roles.IceOfficer, Roles.IceSupervisor, Roles.ProgramManager, Roles.Auditor))
            .AddPolicy(Policies.ReleaseBoard, p => p.RequireRole(Roles.JailStaff, Roles.DesignatedOfficer, Roles.IceOfficer, Roles.IceSupervisor, Roles.ProgramManager, Roles.Auditor))
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator, Roles.ProgramManager))
            .AddPolicy(Policies.AuditLog, p => p.RequireRole(Roles.Auditor, Roles.Administrator));

        // Names and places in any script print as themselves; markup characters are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<Display.AgencyTime>();
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/Denied");
                o.Conventions.AuthorizeFolder("/Queue", Policies.Screening);
                o.Conventions.AuthorizeFolder("/Board", Policies.ReleaseBoard);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
                o.Conventions.AuthorizeFolder("/Audit", Policies.AuditLog);
            })
            .AddApplicationPart(typeof(LiaisonWebApp).Assembly);
        services.AddHealthChecks();
        return services;
    }

    public static WebApplication UseLiaisonWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Liaison.Web.wwwroot"),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}

public static class Policies
{
    public const string Screening = nameof(Screening);

    /// <summary>Reading the audit log: auditors, and administrators who keep the chain heads.</summary>
    public const string AuditLog = nameof(AuditLog);
    public const string ReleaseBoard = nameof(ReleaseBoard);
    public const string Administration = nameof(Administration);
}
