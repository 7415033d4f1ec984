using System.Threading.RateLimiting;

namespace Liaison.Web.Security;

/// <summary>
/// Abuse protection for the public forms (no sign-in, no third-party service): each client address may send at most
/// <c>Liaison:PublicForms:PostsPerHour</c> (default 10) complaint filings, status look-ups and survey answers an hour,
/// counted together, so the forms cannot be flooded nor tracking codes or invitations guessed; more are answered 429. Reading the pages is not
/// limited. Staff pages are not counted: they sit behind sign-in and its throttle.
/// </summary>
public static class PublicFormLimits
{
    public const int DefaultPostsPerHour = 10;

    public static bool Applies(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return HttpMethods.IsPost(context.Request.Method) && IsPublicForm(context.Request.Path);
    }

    /// <summary>Whether <paramref name="path"/> is one of the public forms' pages (the complaint pages and the survey).</summary>
    public static bool IsPublicForm(PathString path) =>
        path.StartsWithSegments("/complaints", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/survey", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddPublicFormLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var perHour = configuration.GetValue("Liaison:PublicForms:PostsPerHour", DefaultPostsPerHour);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "3600";
                return ValueTask.CompletedTask;
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Applies(context)
                ? RateLimitPartition.GetFixedWindowLimiter(ClientAddress.Of(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });
    }
}
