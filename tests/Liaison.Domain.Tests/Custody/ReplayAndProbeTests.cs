using Liaison.Domain.Agreements;
using Liaison.Domain.Custody;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rebuilding a booking from stored events, and asking the engine what it would refuse, without changing anything.</summary>
public sealed class ReplayAndProbeTests
{
    [Fact]
    public void Replay_OfAcceptedSteps_ReproducesTheState()
    {
        var live = new CustodyWorld();
        var accepted = new List<CustodyStep>();
        void Keep(StepOutcome o)
        {
            if (o.Accepted)
            {
                accepted.Add(o.Step);
            }
        }

        Keep(live.Book("B1", "2026-03-02 22:15"));
        Keep(live.Lodge("B1", "2026-03-03 09:10"));
        Keep(live.Lodge("B1", "2026-03-03 09:12")); // refused: not replayed
        Keep(live.Serve("B1", "2026-03-03 09:20"));
        Keep(live.Eligible("B1", "2026-03-04 10:00"));
        Keep(live.Tick("2026-03-06 10:30"));

        var rebuilt = new CustodyWorld();
        foreach (var step in accepted)
        {
            rebuilt.Engine.Replay(step);
        }

        Assert.Equal(live.Engine.Booking("B1"), rebuilt.Engine.Booking("B1"));
    }

    [Fact]
    public void Replay_DoesNotJudgeAgainWhoActed()
    {
        // Accepted under an agreement that has since been ended retroactively: the record stands.
        var ended = new CustodyWorld(agreements: [new Agreement("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), new LocalDate(2026, 1, 1))]);
        ended.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        var outcome = ended.Engine.Replay(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant));

        Assert.Equal(HoldAuthority.DetainerLodged, outcome.Booking!.HoldAuthority);
    }

    [Fact]
    public void Replay_OfAStepThatBreaksAStateRule_Throws()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new ServeDetainer(T("2026-03-03 09:10"), "dso-1", "B1")));
    }

    [Fact]
    public void Probe_AnswersWithoutChangingAnything()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        var before = world.Engine.Booking("B1");

        var serve = world.Engine.Probe(new ServeDetainer(T("2026-03-03 09:10"), "dso-1", "B1"));
        var lodge = world.Engine.Probe(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant));
        var lapsed = world.Engine.Probe(new LodgeDetainer(T("2026-03-03 09:10"), "dso-2", "B1", ProbableCauseBasisSet.Empty, null));

        Assert.Equal(RefusalCode.InvalidTransition, serve!.Code);
        Assert.Null(lodge);
        Assert.Equal(RefusalCode.OfficerNotCertified, lapsed!.Code);
        Assert.Equal(before, world.Engine.Booking("B1"));
        Assert.Equal(T("2026-03-02 22:15"), world.Engine.Now);
    }

    [Fact]
    public void Snapshot_OverDetentionKeepsAccruingAfterItWasTaken()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        Assert.Single(world.Tick("2026-03-06 10:10").Alerts);
        var snapshot = world.Engine.Booking("B1")!;

        Assert.Equal(T("2026-03-06 10:00"), snapshot.OverDetentionSince);
        Assert.Equal(Duration.FromMinutes(10), snapshot.OverDetention);
        Assert.Equal(Duration.FromMinutes(70), snapshot.OverDetentionAt(T("2026-03-06 11:10")));
    }

    [Fact]
    public void Replay_OfAStepOnAClosedCase_Throws()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));
        world.Engine.Replay(new Release(T("2026-03-03 09:00"), "jms", "B1"));

        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new Release(T("2026-03-03 09:10"), "jms", "B1")));
        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new ClaimCitizenship(T("2026-03-03 09:20"), "subject", "B1")));
    }

    [Fact]
    public void Replay_OfStepsOutOfOrder_Throws()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new Release(T("2026-03-02 22:00"), "jms", "B1")));
    }

    [Fact]
    public void Replay_OfADuplicateOrUnknownBooking_Throws()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new Book(T("2026-03-02 22:20"), "jms", new Bookings.BookingDetails("B1", null, null, null, []))));
        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new Release(T("2026-03-02 22:30"), "jms", "B9")));
    }

    [Fact]
    public void Probe_OfAStepDatedBeforeTheEnginesClock_IsTimeWentBackwards()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Tick("2026-03-03 10:00");

        var refusal = world.Engine.Probe(new ReleaseEligible(T("2026-03-03 09:59"), "jms", "B1", "bond-posted"));

        Assert.Equal(RefusalCode.TimeWentBackwards, refusal!.Code);
        Assert.Null(world.Engine.Probe(new ReleaseEligible(T("2026-03-03 10:00"), "jms", "B1", "bond-posted")));
    }

    [Fact]
    public void Replay_OfStepsAtTheSameInstant_IsAllowed()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        var claimed = world.Engine.Replay(new ClaimCitizenship(T("2026-03-02 22:15"), "subject", "B1"));

        Assert.Equal(Domain.Citizenship.CitizenshipStatus.UnderReview, claimed.Booking!.Citizenship);
    }
}
