using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// One thing that happened, or was attempted, at <see cref="At"/> by <see cref="Actor"/> (an officer id
/// or a system actor: jms, dhs, subject). Every entry point turns its input into these and gives them
/// to <see cref="CustodyEngine"/>.
/// </summary>
public abstract record CustodyStep(Instant At, string? Actor)
{
    public abstract CustodyAction Action { get; }

    /// <summary>The booking the step is about; null only for <see cref="Tick"/>.</summary>
    public abstract string? BookingId { get; }
}

/// <summary>A step about one existing booking.</summary>
public abstract record BookingStep(Instant At, string Actor, string Booking) : CustodyStep(At, Actor)
{
    public sealed override string BookingId => Booking;
}

public sealed record Book(Instant At, string Actor, BookingDetails Details) : CustodyStep(At, Actor)
{
    public override CustodyAction Action => CustodyAction.Book;

    public override string BookingId => Details.Id;
}

public sealed record BiometricResponse(Instant At, string Actor, string Booking, BiometricResult? Result, RecordStatus? RecordStatus)
    : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.BiometricResponse;
}

public sealed record Interview(Instant At, string Actor, string Booking, string? Language, IReadOnlyList<string> Advisals, InterviewClaim? Claims)
    : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.Interview;

    /// <summary>Whether an interpreter was needed, and who interpreted (kept as the record; no rule reads it).</summary>
    public InterpreterRecord? Interpreter { get; init; }
}

/// <summary>Lodges a detainer. <paramref name="Form"/> is the form ICE sent; an I-247A when not stated (also for events stored before forms were recorded).</summary>
public sealed record LodgeDetainer(Instant At, string Actor, string Booking, ProbableCauseBasisSet Bases, Warrant? Warrant, DetainerForm Form = DetainerForm.I247A)
    : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.LodgeDetainer;
}

/// <summary>Puts on file ICE's request to be told before the person's release (an I-247G or I-247N, rule 13). Never a hold.</summary>
public sealed record RequestNotification(Instant At, string Actor, string Booking, DetainerForm? Form) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.RequestNotification;
}

/// <summary>Records that ICE was told (rule 14): discharges the earliest open duty <paramref name="About"/> that kind.</summary>
public sealed record NotifyIce(Instant At, string Actor, string Booking, IceDutyKind? About) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.NotifyIce;

    /// <summary>How, to whom, with what reference ICE was told.</summary>
    public IceNotice Notice { get; init; } = IceNotice.None;
}

public sealed record ServeDetainer(Instant At, string Actor, string Booking) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ServeDetainer;
}

public sealed record ServeWarrant(Instant At, string Actor, string Booking, Warrant? Warrant) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ServeWarrant;
}

public sealed record ReleaseScheduled(Instant At, string Actor, string Booking, Instant? Expected) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ReleaseScheduled;
}

public sealed record ReleaseEligible(Instant At, string Actor, string Booking, string? Reason) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ReleaseEligible;
}

public sealed record Release(Instant At, string Actor, string Booking) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.Release;
}

public sealed record ClaimCitizenship(Instant At, string Actor, string Booking) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ClaimCitizenship;
}

public sealed record ResolveCitizenship(Instant At, string Actor, string Booking, CitizenshipFinding? Finding, string? Evidence)
    : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.ResolveCitizenship;
}

public sealed record LiftDetainer(Instant At, string Actor, string Booking, string? Reason) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.LiftDetainer;
}

public sealed record AssumeCustody(Instant At, string Actor, string Booking) : BookingStep(At, Actor, Booking)
{
    public override CustodyAction Action => CustodyAction.AssumeCustody;
}

/// <summary>Time passes; deadlines that fall due are processed and nothing else happens.</summary>
public sealed record Tick(Instant At) : CustodyStep(At, null)
{
    public override CustodyAction Action => CustodyAction.Tick;

    public override string? BookingId => null;
}
