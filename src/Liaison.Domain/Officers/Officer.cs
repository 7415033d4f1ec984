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

/// <summary>Completion of an agreement model's training, valid from <paramref name="Completed"/> to <paramref name="Expires"/> inclusive.</summary>
public sealed record Certification(AgreementModel Model, LocalDate Completed, LocalDate Expires)
{
    public bool IsValidOn(LocalDate date) => Completed <= date && date <= Expires;
}

/// <summary>A person who may act on bookings, with the certifications they hold.</summary>
public sealed record Officer(string Id, ActorKind Kind, IReadOnlyList<Certification> Certifications)
{
    public bool IsCertifiedOn(AgreementModel model, LocalDate date) =>
        Certifications.Any(c => c.Model == model && c.IsValidOn(date));
}
