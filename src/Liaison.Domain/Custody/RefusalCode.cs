namespace Liaison.Domain.Custody;

/// <summary>
/// Why an act was refused. Declared in precedence order: when several apply, the lowest value wins.
/// </summary>
public enum RefusalCode
{
    TimeWentBackwards,
    UnknownActor,
    NotAuthorized,
    DuplicateBooking,
    UnknownBooking,
    CaseClosed,
    AgreementNotInEffect,
    OfficerNotCertified,
    InvalidTransition,
    CitizenshipClaimUnresolved,
    NotificationOnlyRequest,
    MissingProbableCause,
    MissingWarrant,
    WarrantNotSignedBySupervisor,
    MissingEvidence,
}

/// <summary>A refused step: the code the contract names, and the reason in plain words for the person who tried.</summary>
public sealed record Refusal(RefusalCode Code, string Reason);

public static class RefusalCodes
{
    /// <summary>
    /// The step's own arguments were missing or wrong (a basis, a warrant, its signer, evidence): the act itself
    /// is open to whoever tried, and a form that collects the arguments should be offered.
    /// </summary>
    public static bool IsAboutTheArguments(this RefusalCode code) =>
        code is RefusalCode.MissingProbableCause or RefusalCode.MissingWarrant
            or RefusalCode.WarrantNotSignedBySupervisor or RefusalCode.MissingEvidence;
}
