using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rules 1 and 2, the precedence of errors, and the order alerts are reported in.</summary>
public sealed class OrderingTests
{
    [Fact]
    public void StepDatedBeforeThePreviousOne_IsRefusedAndChangesNothing()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Tick("2026-03-05 10:00");

        var outcome = world.Release("B1", "2026-03-04 09:00");

        Assert.Equal(RefusalCode.TimeWentBackwards, outcome.Refusal!.Code);
        Assert.Equal(CustodyStatus.HeldForIce, outcome.Booking!.Custody);
        Assert.Equal(T("2026-03-05 10:00"), world.Engine.Now);
    }

    [Fact]
    public void StepAtTheSameInstantAsThePreviousOne_IsAccepted()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.True(world.Release("B1", "2026-03-02 22:15").Accepted);
    }

    [Fact]
    public void Book_CreatesABookingInJail()
    {
        var world = new CustodyWorld();

        var outcome = world.Book("B1", "2026-03-02 22:15");

        // Counted under the agreement in effect on the booking date (the statistics' model).
        var milestones = BookingMilestones.None with { Model = Liaison.Domain.Agreements.AgreementModel.Jem };
        Assert.Equal(new BookingSnapshot("B1", CustodyStatus.InJail, HoldAuthority.None, CitizenshipStatus.None, null, NodaTime.Duration.Zero) { AsOf = T("2026-03-02 22:15"), Milestones = milestones }, outcome.Booking);
    }

    [Fact]
    public void Book_WithAnExistingId_IsADuplicate()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var outcome = world.Book("B1", "2026-03-03 10:00");

        Assert.Equal(RefusalCode.DuplicateBooking, outcome.Refusal!.Code);
        Assert.Equal(HoldAuthority.DetainerLodged, outcome.Booking!.HoldAuthority);
    }

    [Fact]
    public void StepOnAnUnknownBooking_IsRefusedWithNoBookingReported()
    {
        var world = new CustodyWorld();

        var outcome = world.Release("B9", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.UnknownBooking, outcome.Refusal!.Code);
        Assert.Null(outcome.Booking);
    }

    [Fact]
    public void Precedence_TimeBeforeActor()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.TimeWentBackwards, world.Do(new Release(T("2026-03-01 00:00"), "sheriff", "B9")).Refusal!.Code);
    }

    [Fact]
    public void Precedence_NotAuthorizedBeforeUnknownBooking()
    {
        var world = new CustodyWorld();

        Assert.Equal(RefusalCode.NotAuthorized, world.Lodge("B9", "2026-03-03 09:10", actor: "jms").Refusal!.Code);
    }

    [Fact]
    public void Precedence_CaseClosedBeforeCertification()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Release("B1", "2026-03-03 08:00");

        Assert.Equal(RefusalCode.CaseClosed, world.Lodge("B1", "2026-03-03 09:10", actor: "dso-2").Refusal!.Code);
    }

    [Fact]
    public void Precedence_CertificationBeforeTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.OfficerNotCertified, world.Serve("B1", "2026-03-03 09:10", actor: "dso-2").Refusal!.Code);
    }

    [Fact]
    public void Precedence_TransitionBeforeUnresolvedClaim()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        Assert.Equal(RefusalCode.InvalidTransition, world.Serve("B1", "2026-03-03 09:10").Refusal!.Code);
    }

    [Fact]
    public void Precedence_UnresolvedClaimBeforeProbableCause()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Empty, null));

        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, outcome.Refusal!.Code);
    }

    [Fact]
    public void Precedence_ProbableCauseBeforeWarrant()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.MissingProbableCause,
            world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Empty, null)).Refusal!.Code);
    }

    [Fact]
    public void RefusedStep_StillLetsDeadlinesPass()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Lodge("B1", "2026-03-06 10:15", actor: "sheriff");

        Assert.Equal(RefusalCode.UnknownActor, outcome.Refusal!.Code);
        Assert.Equal(CustodyStatus.ReleaseRequired, outcome.Booking!.Custody);
        Assert.Equal(15, outcome.Booking.OverDetentionMinutes);
        Assert.Single(outcome.Alerts, a => a.Kind == AlertKind.HoldExpired);
    }

    [Fact]
    public void Alerts_AreListedInBookingIdOrderThenInTheOrderRaised()
    {
        var world = new CustodyWorld();
        foreach (var id in new[] { "B3", "B1", "B2" })
        {
            world.Do(new Book(T("2026-03-02 22:15"), "jms", new BookingDetails(id, null, null, null, [])));
        }

        foreach (var id in new[] { "B3", "B1", "B2" })
        {
            Assert.True(world.Lodge(id, "2026-03-03 09:10").Accepted);
        }

        foreach (var id in new[] { "B3", "B1", "B2" })
        {
            Assert.True(world.Serve(id, "2026-03-03 09:20").Accepted);
        }

        foreach (var id in new[] { "B3", "B1", "B2" })
        {
            Assert.Equal(CustodyStatus.HeldForIce, world.Eligible(id, "2026-03-04 10:00").Booking!.Custody);
        }

        // All three holds expire at this step; B1's claim adds its own alert after B1's expiry.
        var outcome = world.Claim("B1", "2026-03-06 10:00");

        Assert.Equal(
            [("B1", AlertKind.HoldExpired), ("B1", AlertKind.CitizenshipReviewRequired), ("B2", AlertKind.HoldExpired), ("B3", AlertKind.HoldExpired)],
            outcome.Alerts.Select(a => (a.BookingId, a.Kind)));
    }
}
