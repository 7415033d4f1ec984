using Liaison.Domain.Agreements;
using NodaTime;

namespace Liaison.Domain.Officers;

public enum ActorKind
{
    /// <summary>The jail management system.</summary>
    Jms,

    /// <summary>DHS biometric and records responses.</summary>
    Dhs,

    /// <summary>The person in custody.</summary>
    Subject,

    /// <summary>A local officer designated under a 287(g) agreement.</summary>
    DesignatedOfficer,
    IceOfficer,

    /// <summary>An ICE supervisory officer: the only one who may sign a warrant or resolve a citizenship claim.</summary>
    IceSupervisor,
}

/// <summary>
/// Completion of an agreement model's training, valid from <paramref name="Completed"/> to <paramref name="Expires"/>
/// inclusive, and not from <paramref name="Revoked"/> on: the date of the Field Office Director's revocation letter
/// (under the 2025 template a designation lasts until revoked).
/// </summary>
public sealed record Certification(AgreementModel Model, LocalDate Completed, LocalDate Expires, LocalDate? Revoked = null)
{
    public bool IsValidOn(LocalDate date) => Completed <= date && date <= Expires && (Revoked is null || date < Revoked);

    /// <summary>Where the certification stands on <paramref name="date"/>, warning <paramref name="warning"/> ahead of its expiry.</summary>
    public CertificationStatus StatusOn(LocalDate date, Period warning) =>
        Revoked <= date ? CertificationStatus.Revoked
        : Expires < date ? CertificationStatus.Expired
        : Completed > date ? CertificationStatus.NotYetValid
        : Revoked is not null ? CertificationStatus.RevocationPending
        : Expires <= date + warning ? CertificationStatus.ExpiresSoon
        : CertificationStatus.Valid;
}

/// <summary>A certification on a given date. Only <see cref="Valid"/>, <see cref="ExpiresSoon"/> and <see cref="RevocationPending"/> let an officer act.</summary>
public enum CertificationStatus
{
    Valid,
    ExpiresSoon,

    /// <summary>A revocation letter is recorded, dated later: valid until that date.</summary>
    RevocationPending,
    NotYetValid,
    Expired,
    Revoked,
}

/// <summary>
/// A person who may act on bookings, with the certifications they hold. An officer the agency has deactivated
/// (left, suspended) is still known, so their past acts replay, but may take no new step.
/// </summary>
public sealed record Officer(string Id, ActorKind Kind, IReadOnlyList<Certification> Certifications, bool Active = true)
{
    public bool IsCertifiedOn(AgreementModel model, LocalDate date) =>
        Certifications.Any(c => c.Model == model && c.IsValidOn(date));

    /// <summary>Officers are designated, ICE or supervisory officers; the jail, DHS and the person are system actors.</summary>
    public static bool IsOfficerKind(ActorKind kind) =>
        kind is ActorKind.DesignatedOfficer or ActorKind.IceOfficer or ActorKind.IceSupervisor;

    /// <summary>Why <paramref name="id"/> cannot name an officer (empty, or a system actor's id); null when it can.</summary>
    public static string? IdProblem(string id) =>
        string.IsNullOrWhiteSpace(id) ? "required"
        : ActorPermissions.IsSystemActor(id) ? $"\"{id}\" is a system actor (jms, dhs, subject)"
        : id.Length > 64 ? "at most 64 characters"
        : PlainText.Problem(id);
}
