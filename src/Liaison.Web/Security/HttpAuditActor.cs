using Liaison.Data.Audit;

namespace Liaison.Web.Security;

/// <summary>The audit log's "who" for a web request: the signed-in user (or "anonymous") and the client's address.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    public string Actor => http.HttpContext?.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : http.HttpContext is null ? "system" : "anonymous";

    public string? Address => http.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
