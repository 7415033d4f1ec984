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
}

/// <summary>A person who may act on bookings, with the certifications they hold.</summary>
public sealed record Officer(string Id, ActorKind Kind, IReadOnlyList<Certification> Certifications)
{
    public bool IsCertifiedOn(AgreementModel model, LocalDate date) =>
        Certifications.Any(c => c.Model == model && c.IsValidOn(date));
}
