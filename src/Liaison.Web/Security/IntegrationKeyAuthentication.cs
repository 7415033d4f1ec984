using System.Security.Claims;
using System.Text.Encodings.Web;
using Liaison.Data.Integrations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Security;

/// <summary>
/// The API's sign-in: <c>Authorization: Bearer lsk_...</c>, an integration key an administrator created. The
/// principal is the key (named <c>key:NAME</c> in the audit log and the custody record), with one claim per scope.
/// Staff cookies never reach the API: its policies authenticate with this scheme only.
/// </summary>
public sealed class IntegrationKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IntegrationKey";
    public const string ScopeClaim = "liaison.scope";
    public const string KeyIdClaim = "liaison.key-id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var key = await Context.RequestServices.GetRequiredService<IntegrationKeys>().AuthenticateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid, or it was revoked.");
        }

        var identity = new ClaimsIdentity(SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, key.Actor));
        identity.AddClaim(new Claim(KeyIdClaim, key.Id));
        identity.AddClaims(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"liaison\"";
        return Problem(StatusCodes.Status401Unauthorized, "API key required",
            Request.Headers.Authorization.Count == 0
                ? "Send the integration key an administrator created: Authorization: Bearer lsk_..."
                : "The API key is not valid, or it was revoked.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problem(StatusCodes.Status403Forbidden, "Not permitted", "This API key is not allowed to call this endpoint; an administrator sets what each key may call.");

    private Task Problem(int status, string title, string detail) =>
        Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
}
