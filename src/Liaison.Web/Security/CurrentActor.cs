using System.Security.Claims;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Officers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Security;

/// <summary>
/// Who the signed-in user acts as in the engine: their officer record (designated, ICE or supervisory
/// officer), or the jail ("jms") for release staff. Auditors and managers act as no one: they read.
/// Whether an act is allowed is then the engine's decision, never this class's.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, UserManager<LiaisonUser> users, LiaisonDbContext db)
{
    private (ActingAs? Acting, ActorKind? Kind, string DisplayName)? _resolved;

    public async Task<(ActingAs? Acting, ActorKind? Kind, string DisplayName)> ResolveAsync()
    {
        if (_resolved is { } done)
        {
            return done;
        }

        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return (_resolved = (null, null, "")).Value;
        }

        if (user.OfficerId is { } officerId
            && await db.Officers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officerId && o.Active) is { } officer
            && Codes.TryParse<ActorKind>(officer.Kind, out var kind))
        {
            return (_resolved = (new ActingAs(officer.Id, user.UserName), kind, user.DisplayName)).Value;
        }

        if (principal.IsInRole(Roles.JailStaff))
        {
            return (_resolved = (new ActingAs("jms", user.UserName), ActorKind.Jms, user.DisplayName)).Value;
        }

        return (_resolved = (null, null, user.DisplayName)).Value;
    }
}
