namespace Liaison.Web.Security;

/// <summary>The address a request came from, after trusted proxies' forwarded headers: what sign-in throttling counts by.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
