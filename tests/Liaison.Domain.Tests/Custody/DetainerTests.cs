using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rules 8 and 10: a detainer needs probable cause and a supervisor's warrant; lifting ends a hold.</summary>
public sealed class DetainerTests
{
    [Fact]
    public void LodgeDetainer_WithBasisAndSignedWarrant_IsLodgedButGivesNoAuthorityToHoldYet()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Lodge("B1", "2026-03-03 09:10");

        Assert.True(outcome.Accepted);
        Assert.Equal(HoldAuthority.DetainerLodged, outcome.Booking!.HoldAuthority);
        Assert.False(outcome.Booking.HoldAuthority.AllowsHolding());
    }

    [Fact]
    public void LodgeDetainer_WithoutAnyBasis_IsRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Empty, SignedWarrant));

        Assert.Equal(RefusalCode.MissingProbableCause, outcome.Refusal!.Code);
        Assert.Equal(HoldAuthority.None, outcome.Booking!.HoldAuthority);
    }

    [Fact]
    public void LodgeDetainer_OnBiometricGroundsWithoutADhsMatch_IsRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Do(new BiometricResponse(T("2026-03-02 22:40"), "dhs", "B1", Bookings.BiometricResult.NoMatch, null));

        var outcome = world.Lodge("B1", "2026-03-03 09:10", bases: ProbableCauseBasis.BiometricAndRecords);

        Assert.Equal(RefusalCode.MissingProbableCause, outcome.Refusal!.Code);
        Assert.Contains("biometric match", outcome.Refusal.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void LodgeDetainer_OnBiometricGroundsAfterADhsMatch_IsLodged()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Match("B1", "2026-03-02 22:40");

        Assert.True(world.Lodge("B1", "2026-03-03 09:10", bases: ProbableCauseBasis.BiometricAndRecords).Accepted);
    }

    [Fact]
    public void LodgeDetainer_WithoutAWarrant_IsRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), null));

        Assert.Equal(RefusalCode.MissingWarrant, outcome.Refusal!.Code);
    }

    [Fact]
    public void LodgeDetainer_WithAWarrantOfNoKnownForm_IsRefusedAsMissingWarrant()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Lodge("B1", "2026-03-03 09:10", warrant: new Warrant(null, "W-1", "sup-1"));

        Assert.Equal(RefusalCode.MissingWarrant, outcome.Refusal!.Code);
    }

    [Theory]
    [InlineData("dso-1")]
    [InlineData("ice-1")]
    [InlineData("nobody")]
    [InlineData(null)]
    public void LodgeDetainer_WithAWarrantNotSignedByASupervisor_IsRefused(string? signer)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Lodge("B1", "2026-03-03 09:10", warrant: new Warrant(WarrantForm.I205, "W-9", signer));

        Assert.Equal(RefusalCode.WarrantNotSignedBySupervisor, outcome.Refusal!.Code);
    }

    [Fact]
    public void LodgeDetainer_WhileADetainerIsActive_IsAnInvalidTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        Assert.Equal(RefusalCode.InvalidTransition, world.Lodge("B1", "2026-03-03 09:15").Refusal!.Code);
    }

    [Fact]
    public void LodgeDetainer_AfterALift_IsAllowed()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Lift("B1", "2026-03-03 09:30");

        Assert.Equal(HoldAuthority.DetainerLodged, world.Lodge("B1", "2026-03-03 10:00").Booking!.HoldAuthority);
    }

    [Fact]
    public void ServeDetainer_WithoutALodgedDetainer_IsAnInvalidTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.InvalidTransition, world.Serve("B1", "2026-03-03 09:20").Refusal!.Code);
    }

    [Fact]
    public void ServeWarrant_GivesAuthorityAtOnce_FromAnyStateButWarrantServed()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();

        var first = world.ServeWarrant("B1", "2026-03-03 10:00");
        var second = world.ServeWarrant("B1", "2026-03-03 10:05");

        Assert.Equal(HoldAuthority.WarrantServed, first.Booking!.HoldAuthority);
        Assert.Equal(RefusalCode.InvalidTransition, second.Refusal!.Code);
    }

    [Fact]
    public void ServeWarrant_HasTheSameWarrantChecksAsLodging()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.MissingWarrant, world.Do(new ServeWarrant(T("2026-03-03 09:00"), "dso-1", "B1", null)).Refusal!.Code);
        Assert.Equal(RefusalCode.WarrantNotSignedBySupervisor,
            world.ServeWarrant("B1", "2026-03-03 09:05", warrant: new Warrant(WarrantForm.I200, "W-2", "ice-1")).Refusal!.Code);
    }

    [Fact]
    public void LiftDetainer_WhileHeld_RequiresReleaseAndStartsCountingOverDetention()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var lift = world.Lift("B1", "2026-03-04 12:00");
        var release = world.Release("B1", "2026-03-04 12:45");

        Assert.Equal(CustodyStatus.ReleaseRequired, lift.Booking!.Custody);
        Assert.Equal(HoldAuthority.Lifted, lift.Booking.HoldAuthority);
        Assert.Null(lift.Booking.HoldDeadline);
        Assert.Equal(45, release.Booking!.OverDetentionMinutes);
    }

    [Fact]
    public void LiftDetainer_BeforeEligibility_CostsNothing()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Lift("B1", "2026-03-03 12:00");
        world.Eligible("B1", "2026-03-04 10:00");

        var release = world.Release("B1", "2026-03-04 12:00");

        Assert.Equal(0, release.Booking!.OverDetentionMinutes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LiftDetainer_WithNothingActive_IsAnInvalidTransition(bool alreadyLifted)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        if (alreadyLifted)
        {
            world.Lodge("B1", "2026-03-03 09:10");
            world.Lift("B1", "2026-03-03 09:30");
        }

        Assert.Equal(RefusalCode.InvalidTransition, world.Lift("B1", "2026-03-03 10:00").Refusal!.Code);
    }

    [Fact]
    public void ProbableCauseBasisSet_HoldsEachBasisOnce()
    {
        var set = ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder, ProbableCauseBasis.FinalOrder, ProbableCauseBasis.StatementsAndEvidence]);

        Assert.Equal([ProbableCauseBasis.FinalOrder, ProbableCauseBasis.StatementsAndEvidence], set.Items);
        Assert.True(set.Effective(biometricMatchRecorded: false).Contains(ProbableCauseBasis.FinalOrder));
        Assert.True(ProbableCauseBasisSet.Of([ProbableCauseBasis.BiometricAndRecords]).Effective(false).IsEmpty);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(BiometricResult.NoMatch)]
    public void LodgeDetainer_OnBiometricGroundsAfterAResponseThatIsNotAMatch_IsRefused(BiometricResult? result)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Do(new BiometricResponse(T("2026-03-02 23:00"), "dhs", "B1", result, null));

        var outcome = world.Lodge("B1", "2026-03-03 09:10", bases: ProbableCauseBasis.BiometricAndRecords);

        Assert.Equal(RefusalCode.MissingProbableCause, outcome.Refusal!.Code);
    }

    [Fact]
    public void LodgeDetainer_OnBiometricGroundsAfterAMatchThenAMiss_StillCountsTheMatch()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Match("B1", "2026-03-02 23:00");
        world.Do(new BiometricResponse(T("2026-03-02 23:30"), "dhs", "B1", BiometricResult.NoMatch, null));

        Assert.True(world.Lodge("B1", "2026-03-03 09:10", bases: ProbableCauseBasis.BiometricAndRecords).Accepted);
    }
}
