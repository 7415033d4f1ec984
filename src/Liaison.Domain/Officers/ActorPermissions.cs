using Liaison.Domain.Custody;

namespace Liaison.Domain.Officers;

/// <summary>Which kind of actor may take which step at all (before agreements and certifications).</summary>
public static class ActorPermissions
{
    /// <summary>The kind of the system actor with this id (jms, dhs, subject), or null: officer ids may not reuse them.</summary>
    public static ActorKind? SystemActor(string id) => id switch
    {
        "jms" => ActorKind.Jms,
        "dhs" => ActorKind.Dhs,
        "subject" => ActorKind.Subject,
        _ => null,
    };

    public static bool IsSystemActor(string id) => SystemActor(id) is not null;

    public static bool May(this ActorKind kind, CustodyAction action) => kind switch
    {
        ActorKind.Jms => action is CustodyAction.Book or CustodyAction.ReleaseScheduled
            or CustodyAction.ReleaseEligible or CustodyAction.Release,
        ActorKind.Dhs => action is CustodyAction.BiometricResponse,
        ActorKind.Subject => action is CustodyAction.ClaimCitizenship,
        ActorKind.DesignatedOfficer => action is CustodyAction.Interview or CustodyAction.LodgeDetainer
            or CustodyAction.ServeDetainer or CustodyAction.ServeWarrant or CustodyAction.ClaimCitizenship
            or CustodyAction.RequestNotification or CustodyAction.NotifyIce,
        ActorKind.IceOfficer => IceOfficerMay(action),
        ActorKind.IceSupervisor => IceOfficerMay(action) || action is CustodyAction.ResolveCitizenship,
    };

    /// <summary>Only an ICE supervisor may sign an I-200 or I-205.</summary>
    public static bool MaySignWarrants(this ActorKind kind) => kind == ActorKind.IceSupervisor;

    private static bool IceOfficerMay(CustodyAction action) => action is CustodyAction.Interview
        or CustodyAction.LodgeDetainer or CustodyAction.ServeDetainer or CustodyAction.ServeWarrant
        or CustodyAction.LiftDetainer or CustodyAction.AssumeCustody or CustodyAction.ClaimCitizenship
        or CustodyAction.RequestNotification;
}
