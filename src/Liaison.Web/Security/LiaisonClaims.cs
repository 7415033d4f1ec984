using System.Security.Claims;
using Liaison.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Liaison.Web.Security;

/// <summary>Claims Liaison puts in the sign-in cookie: the officer an account acts as, and its display name.</summary>
public sealed class LiaisonClaims(UserManager<LiaisonUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<LiaisonUser, IdentityRole>(users, roles, options)
{
    public const string OfficerId = "liaison:officer";
    public const string DisplayName = "liaison:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        if (user.OfficerId is { } officer)
        {
            identity.AddClaim(new Claim(OfficerId, officer));
        }

        return identity;
    }
}
