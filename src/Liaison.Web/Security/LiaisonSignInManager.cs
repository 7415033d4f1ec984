using Liaison.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Security;

/// <summary>
/// Identity's sign-in with one change: every account needs a second factor. A right password always leads to the
/// second step (the code, or enrolment for an account that has none yet), never straight to a session.
/// </summary>
public sealed class LiaisonSignInManager(
    UserManager<LiaisonUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<LiaisonUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<LiaisonUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<LiaisonUser> confirmation)
    : SignInManager<LiaisonUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override Task<bool> IsTwoFactorEnabledAsync(LiaisonUser user) => Task.FromResult(true);

    /// <summary>Ends the half-way state between password and code (a refused account, or a finished enrolment).</summary>
    public Task EndSecondStepAsync() => Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
}
