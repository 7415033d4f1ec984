using System.Reflection;
using Liaison.Data;
using Liaison.Data.Alerts;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Liaison.Web.Api;
using Liaison.Web.Operations;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
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
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false; // say nothing about the server
            o.Limits.MaxRequestBodySize = FieldLimits.MaxRequestBytes; // raised per request only for the complaint form (FieldLimits.MaxRequestBytesFor)
        });
        builder.Services.AddLiaisonWeb(builder.Configuration);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseLiaisonWeb();
        return app;
    }

    /// <summary>A session unused this long ends.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>However active, a session ends this long after sign-in: one shift.</summary>
    public static readonly TimeSpan ShiftLength = TimeSpan.FromHours(10);

    private const string SignedInAt = "liaison.signed-in-at";

    /// <summary>When the session's second factor was last given (at sign-in, or confirmed since).</summary>
    private const string SecondFactorAt = "liaison.second-factor-at";

    /// <summary>Signing a warrant needs a second factor given within this long.</summary>
    public static readonly TimeSpan FreshSecondFactor = TimeSpan.FromMinutes(15);

    /// <summary>
    /// This request's session as the authentication middleware already read and checked it (no second decryption or
    /// security-stamp read); null when not signed in.
    /// </summary>
    public static Microsoft.AspNetCore.Authentication.AuthenticateResult? Session(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult;
    }

    /// <summary>Whether this session's second factor was given within <see cref="FreshSecondFactor"/>.</summary>
    public static bool SecondFactorFresh(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.RequestServices.GetRequiredService<IClock>().GetCurrentInstant().ToDateTimeOffset();
        return TimeIn(Session(context)?.Properties, SecondFactorAt) is { } given && now - given <= FreshSecondFactor;
    }

    /// <summary>Records in the session that its second factor was given at <paramref name="at"/> (sign-in, confirmation).</summary>
    public static void SecondFactorGiven(Microsoft.AspNetCore.Authentication.AuthenticationProperties properties, Instant at)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.Items[SecondFactorAt] = Stamp(at.ToDateTimeOffset());
    }

    private static string Stamp(DateTimeOffset at) => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time the session carries (sign-in, second factor), or null when missing or unreadable.</summary>
    private static DateTimeOffset? TimeIn(Microsoft.AspNetCore.Authentication.AuthenticationProperties? properties, string key) =>
        properties?.Items.TryGetValue(key, out var text) == true
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at
            : null;

    /// <summary>Set on a request whose account must choose a new password before anything else.</summary>
    private const string MustChangePassword = "liaison.must-change-password";

    /// <summary>The only methods Liaison's pages use; any other is refused with 405 before routing.</summary>
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Post];

    /// <summary>
    /// An account that acts as an officer works only while the agency keeps that officer active: deactivating the
    /// officer ends their sessions at the next request and refuses their sign-in.
    /// </summary>
    public static async Task<bool> OfficerActiveAsync(IServiceProvider services, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(user);
        if (user.OfficerId is not { } officerId)
        {
            return true;
        }

        var agency = await services.GetRequiredService<Data.Custody.CaseQueries>().AgencyAsync();
        return agency.Officers.TryGetValue(officerId, out var officer) && officer.Active;
    }

    /// <summary>
    /// Whether a session may go on: within its shift, its account enabled and unchanged since sign-in (the
    /// security stamp, one indexed read: signing out, which renews it, or any change to the account ends every
    /// session of that account at once, a copied cookie included), and its officer still active.
    /// </summary>
    private static async Task<bool> SessionStandsAsync(CookieValidatePrincipalContext context)
    {
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (TimeIn(context.Properties, SignedInAt) is not { } signedInAt || now - signedInAt > ShiftLength)
        {
            return false;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<LiaisonUser>>();
        var user = await users.GetUserAsync(context.Principal!);
        if (user is null || user.Disabled
            || !string.Equals(user.SecurityStamp, context.Principal!.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType)?.Value, StringComparison.Ordinal)
            || !await OfficerActiveAsync(context.HttpContext.RequestServices, user))
        {
            return false;
        }

        if (user.MustChangePassword)
        {
            context.HttpContext.Items[MustChangePassword] = true;
        }

        return true;
    }

    public static IServiceCollection AddLiaisonWeb(this IServiceCollection services, IConfiguration configuration)
    {
#pragma warning disable RS0030 // the composition root is the one place that names the system clock
        services.AddSingleton<IClock>(new StoredInstants.Clock(SystemClock.Instance)); // read to the microsecond, as stored
#pragma warning restore RS0030
        services.AddSingleton<Data.Audit.IAuditActor, HttpAuditActor>(); // before the data layer's default for commands
        services.AddLiaisonData(configuration);

        // Cookie and antiforgery keys live in the agency's database: they survive restarts and upgrades, every
        // instance on the database signs and reads the same cookies (any instance serves any session), and two
        // databases (or tests) never share keys. They are encrypted at rest with a certificate that every instance
        // must hold (see KeyEncryptionCertificate).
        services.AddDataProtection().SetApplicationName("Liaison").PersistKeysToDbContext<LiaisonDbContext>();
        services.AddSingleton<KeyEncryptionCertificate>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyEncryptionCertificate>((o, certificate) => o.XmlEncryptor = new CertificateKeyEncryptor(certificate));
        services.AddHostedService<DeadlineMonitorService>();
        services.AddHostedService<Data.Custody.ProjectionCheckService>();
        services.AddHostedService<Data.Integrations.DhsDropFolderService>(); // only when Liaison:DhsDropFolder:Path is set

        services.AddIdentity<LiaisonUser, IdentityRole>(o =>
            {
                // NIST SP 800-63B: length, not composition rules.
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // No hard lockout anyone could trigger against staff: SignInThrottle slows guessing per account
                // and address instead.
                o.Lockout.AllowedForNewUsers = false;
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<LiaisonDbContext>()
            .AddClaimsPrincipalFactory<LiaisonClaims>()
            .AddSignInManager<LiaisonSignInManager>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddPasswordValidator<PasswordRules>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<Pages.Account.SignInFlow>();
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            // Between the password and the code: five minutes, this browser only.
            o.Cookie.Name = "liaison-second-step";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        foreach (var scheme in new[] { IdentityConstants.ApplicationScheme, IdentityConstants.TwoFactorUserIdScheme })
        {
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IClock>((o, clock) => o.TimeProvider = new ClockTimeProvider(clock));
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a TLS proxy: the client's address and scheme come from X-Forwarded-For/-Proto, trusted only
            // from the proxies configured in Liaison:TrustedProxies (addresses, comma-separated); nobody else's.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in (configuration["Liaison:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                o.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Liaison:TrustedProxies: \"{proxy}\" is not an IP address."));
            }
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/sign-in";
            o.LogoutPath = "/account/sign-out";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "liaison";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over TLS (directly or via a trusted proxy)
            // Idle lock: a session unused for 30 minutes ends (sign in again, back on the same page); and however
            // active, a session lasts one shift at most.
            o.ExpireTimeSpan = IdleTimeout;
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = context =>
            {
                // Kept when a session is re-issued with its properties (password change, confirmation).
                context.Properties.Items.TryAdd(SignedInAt, Stamp((context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow()));
                // Every sign-in ends with the code; /account/confirm renews it. On the injected clock, as SecondFactorFresh reads it.
                if (!context.Properties.Items.ContainsKey(SecondFactorAt))
                {
                    SecondFactorGiven(context.Properties, context.HttpContext.RequestServices.GetRequiredService<IClock>().GetCurrentInstant());
                }

                return Task.CompletedTask;
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                if (!await SessionStandsAsync(context))
                {
                    context.RejectPrincipal();
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context.HttpContext, IdentityConstants.ApplicationScheme);
                }
            };
        });

        // Least privilege: each page (and each handler that changes something) names its policy; the fallback
        // (signed in) only catches a page someone forgot, and the authorisation matrix test fails on it first.
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in Policies.Roles)
        {
            authorization.AddPolicy(policy, p => p.RequireRole(roles));
        }

        // The API: integration keys only (never a staff cookie), each endpoint its own scope.
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, IntegrationKeyAuthentication>(IntegrationKeyAuthentication.SchemeName, null);
        foreach (var (policy, scope) in Policies.ApiScopes)
        {
            authorization.AddPolicy(policy, p => p.AddAuthenticationSchemes(IntegrationKeyAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim(IntegrationKeyAuthentication.ScopeClaim, scope));
        }

        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Liaison integration API";
            document.Info.Description = "How a jail management system and DHS feed Liaison. Every request carries an integration key created by an " +
                "administrator (Administration → Integrations): Authorization: Bearer lsk_... . The same rules as the feed file apply (docs/interfaces.md).";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["integrationKey"] = new Microsoft.OpenApi.OpenApiSecurityScheme
            {
                Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An integration key (lsk_...), scoped to the endpoints it may call.",
            };
            document.Security = [new Microsoft.OpenApi.OpenApiSecurityRequirement { [new Microsoft.OpenApi.OpenApiSecuritySchemeReference("integrationKey", document)] = [] }];
            return Task.CompletedTask;
        }));

        // Names and places in any script print as themselves; markup characters are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<Display.AgencyTime>();
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/SignIn");
                o.Conventions.AllowAnonymousToPage("/Account/Denied");
                // Between password and code: these pages check the second-step cookie themselves.
                o.Conventions.AllowAnonymousToPage("/Account/Code");
                o.Conventions.AllowAnonymousToPage("/Account/Enrol");
                o.Conventions.AuthorizePage("/Account/Password", Policies.SignedIn);
                o.Conventions.AuthorizePage("/Account/Confirm", Policies.SignedIn);
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AuthorizePage("/Index", Policies.SignedIn);
                o.Conventions.AuthorizeFolder("/Work", Policies.SignedIn);
                o.Conventions.AuthorizePage("/Account/SignOut", Policies.SignedIn);
                o.Conventions.AuthorizeFolder("/Queue", Policies.Screening);
                o.Conventions.AuthorizeFolder("/Board", Policies.ReleaseBoard);
                o.Conventions.AuthorizeFolder("/Cases", Policies.CaseRecords);
                o.Conventions.AuthorizeFolder("/Search", Policies.CaseRecords);
                o.Conventions.AuthorizeFolder("/Alerts", Policies.Alerts);
                o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
                o.Conventions.AuthorizePage("/Admin/Users", Policies.Accounts);
                o.Conventions.AuthorizePage("/Admin/Integrations", Policies.Accounts);
                o.Conventions.AllowAnonymousToPage("/ApiDocs/Index");
                o.Conventions.AuthorizeFolder("/Audit", Policies.AuditLog);
                o.Conventions.AllowAnonymousToPage("/Transparency/Index");
                o.Conventions.AllowAnonymousToPage("/Complaints/File");
                o.Conventions.AllowAnonymousToPage("/Complaints/Status");
                o.Conventions.AllowAnonymousToPage("/Complaints/Poster");
                o.Conventions.AllowAnonymousToPage("/Survey/Answer");
                o.Conventions.AuthorizeFolder("/ComplaintRecords", Policies.Complaints);
                o.Conventions.AuthorizeFolder("/Statistics", Policies.Statistics);
            })
            .AddApplicationPart(typeof(LiaisonWebApp).Assembly)
            .AddMvcOptions(o => o.Filters.Add<InputGuard>());
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.ValueCountLimit = FieldLimits.MaxFields;
            o.MultipartBodyLengthLimit = FieldLimits.MaxRequestBytes;
        });
        services.AddPublicFormLimits(configuration);
        services.AddLiaisonMetrics();
        services.AddHealthChecks().AddCheck<Operations.DatabaseReadiness>("database", tags: [Operations.DatabaseReadiness.Tag]);
        return services;
    }

    public static WebApplication UseLiaisonWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.UseForwardedHeaders();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            await next();
        });
        app.Use(async (context, next) =>
        {
            if (!Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = string.Join(", ", Methods);
                return;
            }

            await next();
        });
        // Answers without a page of their own (a refused form, 404, 413) get the error page, which names what was wrong.
        app.UseStatusCodePagesWithReExecute("/error", "?status={0}");
        app.UseRateLimiter(); // the public forms, by client address (after forwarded headers), before any body is read; its 429 gets the error page
        app.Use(async (context, next) =>
        {
            // A form too large or with too many fields is refused before anything reads it, with a reason.
            if (HttpMethods.IsPost(context.Request.Method) && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
                && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) // the API reads and limits its own JSON bodies
            {
                string? problem = null;
                var limit = FieldLimits.MaxRequestBytesFor(context.Request.Path);
                if (limit != FieldLimits.MaxRequestBytes)
                {
                    // The complaint form's files: this request alone may be larger, and its form is read with that limit.
                    if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                    {
                        size.MaxRequestBodySize = limit;
                    }

                    context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(context.Request,
                        new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = FieldLimits.MaxFields, MultipartBodyLengthLimit = limit }));
                }

                if (context.Request.ContentLength > limit)
                {
                    problem = $"The request is larger than {limit / 1024} KB.";
                    context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                }
                else if (context.Request.HasFormContentType)
                {
                    context.Request.EnableBuffering(); // so that a form the framework cannot read can be read again to say why
                    try
                    {
                        await context.Request.ReadFormAsync(context.RequestAborted);
                    }
                    catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
                    {
                        context.Response.StatusCode = e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status400BadRequest;
                        context.Items[InputGuard.ProblemsKey] = e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                            ? [$"The request is larger than {limit / 1024} KB."]
                            : await InputGuard.UnreadableFormProblemsAsync(context.Request);
                        return;
                    }
                }

                if (problem is not null)
                {
                    context.Items[InputGuard.ProblemsKey] = new[] { problem };
                    return;
                }
            }

            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Liaison.Web.wwwroot"),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=3600",
        });
        app.UseMetricsGate();
        app.UseRouting();
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // After an administrator's reset, the one-time password opens only the page that replaces it.
            if (context.Items.ContainsKey(MustChangePassword)
                && !context.Request.Path.StartsWithSegments("/account/password", StringComparison.OrdinalIgnoreCase)
                && !context.Request.Path.StartsWithSegments("/account/sign-out", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect("/account/password?ReturnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                return;
            }

            await next();
        });
        app.UseAuthorization();
        app.MapRazorPages();
        app.MapIntegrationApi();
        app.MapPublicStatistics();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapPrometheusScrapingEndpoint(Operations.MetricsEndpoint.Path).AllowAnonymous(); // gated by address (UseMetricsGate)
        // Alive (the process answers; no check runs) and ready (database reachable, schema current), for load balancers
        // and orchestrators; /health is the older name of /healthz.
        var alive = new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false, ResponseWriter = Operations.DatabaseReadiness.WriteAsync };
        app.MapHealthChecks("/healthz", alive).AllowAnonymous();
        app.MapHealthChecks("/health", alive).AllowAnonymous();
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Operations.DatabaseReadiness.Tag),
            ResponseWriter = Operations.DatabaseReadiness.WriteAsync,
        }).AllowAnonymous();
        return app;
    }
}

/// <summary>Who may open what, by role. Pages name these; the layout's navigation asks the same table.</summary>
public static class Policies
{
    public const string SignedIn = nameof(SignedIn);

    /// <summary>The screening queue: officers who screen, and those who oversee them.</summary>
    public const string Screening = nameof(Screening);

    public const string ReleaseBoard = nameof(ReleaseBoard);

    /// <summary>Case pages and search: people's case data. Not the IT administrator, unless also given a case role.</summary>
    public const string CaseRecords = nameof(CaseRecords);

    /// <summary>The alert inbox names bookings and deadlines, not people: case roles, and administrators for the record checks.</summary>
    public const string Alerts = nameof(Alerts);

    /// <summary>Acknowledging an alert changes the record: not auditors, who read.</summary>
    public const string AcknowledgeAlerts = nameof(AcknowledgeAlerts);

    /// <summary>Agency settings, agreements, officers and their designations.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>
    /// Recording officers, certifications and revocations: administrators. The program manager reads them, so that
    /// whoever oversees the officers' work does not also decide who may do it.
    /// </summary>
    public const string ManageOfficers = nameof(ManageOfficers);

    /// <summary>Accounts: the IT administrator.</summary>
    public const string Accounts = nameof(Accounts);

    /// <summary>Reading the audit log: auditors, and administrators who keep the chain heads.</summary>
    public const string AuditLog = nameof(AuditLog);

    /// <summary>The program dashboard and monthly reports: the program manager, auditors and administrators.</summary>
    public const string Statistics = nameof(Statistics);

    /// <summary>Case-level research data (pseudonymised): the program manager and auditors.</summary>
    public const string ResearchExport = nameof(ResearchExport);

    /// <summary>Importing ICE's published figures to reconcile: the program manager and auditors.</summary>
    public const string ImportIceFigures = nameof(ImportIceFigures);

    /// <summary>Publishing a month of statistics: the program manager's act.</summary>
    public const string PublishStatistics = nameof(PublishStatistics);

    /// <summary>Importing the police's monthly crime-report counts for the reporting indicator: the program manager.</summary>
    public const string ImportCrimeReports = nameof(ImportCrimeReports);

    /// <summary>Running the community trust survey (rounds, invitations, population margins): the program manager.</summary>
    public const string ManageSurvey = nameof(ManageSurvey);

    /// <summary>Complaints from the public, with their contact details and files: the program manager, who works them, and auditors, who read.</summary>
    public const string Complaints = nameof(Complaints);

    /// <summary>Recording on a complaint (assign, scope, investigate, find, refer, close): the program manager.</summary>
    public const string ManageComplaints = nameof(ManageComplaints);

    /// <summary>The integration API: a key holding the endpoint's scope.</summary>
    public const string JmsEventsApi = nameof(JmsEventsApi), DhsResponsesApi = nameof(DhsResponsesApi);

    public static readonly IReadOnlyDictionary<string, string> ApiScopes = new Dictionary<string, string>
    {
        [JmsEventsApi] = Data.Integrations.IntegrationScopes.JmsEvents,
        [DhsResponsesApi] = Data.Integrations.IntegrationScopes.DhsResponses,
    };

    private static readonly string[] CaseRoles =
        [Data.Identity.Roles.DesignatedOfficer, Data.Identity.Roles.IceOfficer, Data.Identity.Roles.IceSupervisor, Data.Identity.Roles.JailStaff, Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor];

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [SignedIn] = [.. Data.Identity.Roles.All],
        [Screening] = [Data.Identity.Roles.DesignatedOfficer, Data.Identity.Roles.IceOfficer, Data.Identity.Roles.IceSupervisor, Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor],
        [ReleaseBoard] = [Data.Identity.Roles.JailStaff, Data.Identity.Roles.DesignatedOfficer, Data.Identity.Roles.IceOfficer, Data.Identity.Roles.IceSupervisor, Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor],
        [CaseRecords] = CaseRoles,
        [Alerts] = [.. CaseRoles, Data.Identity.Roles.Administrator],
        [AcknowledgeAlerts] = [.. CaseRoles.Where(r => r != Data.Identity.Roles.Auditor), Data.Identity.Roles.Administrator],
        [Administration] = [Data.Identity.Roles.Administrator, Data.Identity.Roles.ProgramManager],
        [ManageOfficers] = [Data.Identity.Roles.Administrator],
        [Accounts] = [Data.Identity.Roles.Administrator],
        [AuditLog] = [Data.Identity.Roles.Auditor, Data.Identity.Roles.Administrator],
        [Statistics] = [Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor, Data.Identity.Roles.Administrator],
        [PublishStatistics] = [Data.Identity.Roles.ProgramManager],
        [ResearchExport] = [Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor],
        [ImportIceFigures] = [Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor],
        [Complaints] = [Data.Identity.Roles.ProgramManager, Data.Identity.Roles.Auditor],
        [ManageComplaints] = [Data.Identity.Roles.ProgramManager],
        [ImportCrimeReports] = [Data.Identity.Roles.ProgramManager],
        [ManageSurvey] = [Data.Identity.Roles.ProgramManager],
    };

    /// <summary>Whether <paramref name="user"/> holds a role <paramref name="policy"/> admits (for navigation; the server checks with the policy itself).</summary>
    public static bool Allow(System.Security.Claims.ClaimsPrincipal user, string policy)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Roles[policy].Any(user.IsInRole);
    }
}
