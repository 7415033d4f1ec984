using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Domain.Tests;

/// <summary>
/// A small county for rule tests: a New York jail under a JEM agreement, with the officers of the shared
/// scenarios. Times are written as the facility's wall clock ("2026-03-03 09:10") for readability.
/// </summary>
internal sealed class CustodyWorld
{
    public static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static readonly Warrant SignedWarrant = new(WarrantForm.I200, "W-1", "sup-1");

    private static readonly LocalDateTimePattern WallClock = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    public CustodyWorld(HoldPolicy policy = HoldPolicy.Calendar48h, IEnumerable<Agreement>? agreements = null, IEnumerable<LocalDate>? holidays = null)
    {
        Engine = new CustodyEngine(
            new Jurisdiction(NewYork, policy, holidays),
            agreements ?? [new Agreement("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), null)],
            [
                new Officer("dso-1", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Jem, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1))]),
                new Officer("dso-2", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Jem, new LocalDate(2023, 1, 10), new LocalDate(2025, 1, 10))]),
                new Officer("wso-1", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Wso, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1))]),
                new Officer("ice-1", ActorKind.IceOfficer, []),
                new Officer("sup-1", ActorKind.IceSupervisor, []),
            ]);
    }

    public CustodyEngine Engine { get; }

    /// <summary>The instant a New York wall clock shows <paramref name="local"/> (an ambiguous time takes the earlier).</summary>
    public static Instant T(string local) =>
        NewYork.AtLeniently(WallClock.Parse(local).GetValueOrThrow()).ToInstant();

    public StepOutcome Do(CustodyStep step) => Engine.Apply(step);

    public StepOutcome Book(string id, string at) =>
        Do(new Book(T(at), "jms", new BookingDetails(id, "P-" + id, "MX", "MX", [new Charge("5404", "DUI", "misdemeanor", "pending")])));

    public StepOutcome Match(string id, string at) => Do(new BiometricResponse(T(at), "dhs", id, BiometricResult.Match, RecordStatus.NoLawfulStatus));

    public StepOutcome Lodge(string id, string at, string actor = "dso-1", Warrant? warrant = null, params ProbableCauseBasis[] bases) =>
        Do(new LodgeDetainer(T(at), actor, id, ProbableCauseBasisSet.Of(bases.Length == 0 ? [ProbableCauseBasis.FinalOrder] : bases), warrant ?? SignedWarrant));

    public StepOutcome Serve(string id, string at, string actor = "dso-1") => Do(new ServeDetainer(T(at), actor, id));

    public StepOutcome ServeWarrant(string id, string at, string actor = "dso-1", Warrant? warrant = null) =>
        Do(new ServeWarrant(T(at), actor, id, warrant ?? SignedWarrant));

    public StepOutcome Eligible(string id, string at) => Do(new ReleaseEligible(T(at), "jms", id, "bond-posted"));

    public StepOutcome Scheduled(string id, string at) => Do(new ReleaseScheduled(T(at), "jms", id, null));

    public StepOutcome Release(string id, string at) => Do(new Release(T(at), "jms", id));

    public StepOutcome Claim(string id, string at, string actor = "subject") => Do(new ClaimCitizenship(T(at), actor, id));

    public StepOutcome Resolve(string id, string at, CitizenshipFinding? finding, string? evidence = "US passport verified", string actor = "sup-1") =>
        Do(new ResolveCitizenship(T(at), actor, id, finding, evidence));

    public StepOutcome Lift(string id, string at, string actor = "ice-1") => Do(new LiftDetainer(T(at), actor, id, "prosecutorial discretion"));

    public StepOutcome Assume(string id, string at, string actor = "ice-1") => Do(new AssumeCustody(T(at), actor, id));

    public StepOutcome Tick(string at) => Do(new Tick(T(at)));

    public StepOutcome RequestNotification(string id, string at, DetainerForm? form = DetainerForm.I247G, string actor = "ice-1") =>
        Do(new RequestNotification(T(at), actor, id, form));

    public StepOutcome Notify(string id, string at, IceDutyKind? about = IceDutyKind.Detainer, string actor = "dso-1") =>
        Do(new NotifyIce(T(at), actor, id, about));

    /// <summary>Books B1, serves a detainer on it and tells ICE, as the agreement asks: the usual start of a hold.</summary>
    public void BookWithServedDetainer(string id = "B1")
    {
        Book(id, "2026-03-02 22:15");
        Lodge(id, "2026-03-03 09:10");
        Serve(id, "2026-03-03 09:20");
        Notify(id, "2026-03-03 09:30");
    }
}
