namespace Liaison.Domain.Custody;

/// <summary>Everything that can happen to a booking. Acts are authorised; facts are recorded.</summary>
public enum CustodyAction
{
    // Facts from the jail management system.
    Book,
    ReleaseScheduled,
    ReleaseEligible,
    Release,

    // A fact from DHS.
    BiometricResponse,

    // A fact, recorded from the subject or by an officer.
    ClaimCitizenship,

    // Acts of officers.
    Interview,
    LodgeDetainer,
    ServeDetainer,
    ServeWarrant,
    LiftDetainer,
    AssumeCustody,
    ResolveCitizenship,
    RequestNotification,

    // A duty of designated officers: telling ICE (rule 14).
    NotifyIce,

    // Time passing, nothing else.
    Tick,
}
