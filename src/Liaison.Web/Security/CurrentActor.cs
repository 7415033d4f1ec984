using System.Security.Claims;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Domain.Officers;

namespace Liaison.Web.Security;

/// <summary>
/// Who the signed-in user acts as in the engine: their officer record (designated, ICE or supervisory
/// officer), or the jail ("jms") for release staff. Auditors and managers act as no one: they read.
/// Whether an act is allowed is then the engine's decision, never this class's (a deactivated officer is
/// still themselves, and the engine refuses their acts with its reason). Read from the sign-in cookie's
/// claims (<see cref="LiaisonClaims"/>) and the cached officer list: no database round trip.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http, CaseQueries cases)
{
    public async Task<(ActingAs? Acting, ActorKind? Kind, string DisplayName)> ResolveAsync()
    {
        var principal = http.HttpContext?.User ?? new ClaimsPrincipal();
        if (principal.Identity?.IsAuthenticated != true)
        {
            return (null, null, "");
        }

        var userName = principal.Identity.Name;
        var displayName = principal.FindFirstValue(LiaisonClaims.DisplayName) ?? userName ?? "";
        if (principal.FindFirstValue(LiaisonClaims.OfficerId) is { } officerId)
        {
            var agency = await cases.AgencyAsync();
            if (agency.World.Officers.FirstOrDefault(o => o.Id == officerId) is { } officer)
            {
                return (new ActingAs(officer.Id, userName), officer.Kind, displayName);
            }
        }

        if (principal.IsInRole(Roles.JailStaff))
        {
            return (new ActingAs("jms", userName), ActorKind.Jms, displayName);
        }

        return (null, null, displayName);
    }
}
