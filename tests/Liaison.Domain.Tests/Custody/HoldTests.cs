using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rules 3, 5, 6, 7, 11 and 12: when a hold starts, when it must end, and what lateness costs.</summary>
public sealed class HoldTests
{
    [Fact]
    public void ReleaseEligible_WithServedDetainer_HoldsForIceFor48Hours()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();

        var outcome = world.Eligible("B1", "2026-03-04 10:00");

        Assert.True(outcome.Accepted);
        Assert.Equal(CustodyStatus.HeldForIce, outcome.Booking!.Custody);
        Assert.Equal(T("2026-03-06 10:00"), outcome.Booking.HoldDeadline);
        Assert.Equal([new Alert("B1", AlertKind.NotifyIceOfRelease, T("2026-03-04 10:00"))], outcome.Alerts);
    }

    [Fact]
    public void ReleaseEligible_WithOnlyALodgedDetainer_RequiresRelease()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var outcome = world.Eligible("B1", "2026-03-04 10:00");

        Assert.Equal(CustodyStatus.ReleaseRequired, outcome.Booking!.Custody);
        Assert.Null(outcome.Booking.HoldDeadline);
        Assert.Single(outcome.Alerts, a => a.Kind == AlertKind.NotifyIceOfRelease);
    }

    [Fact]
    public void ReleaseEligible_WithoutAuthority_RequiresReleaseAndCountsNoOverDetention()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Release("B1", "2026-03-06 10:00");

        Assert.Equal(CustodyStatus.Released, outcome.Booking!.Custody);
        Assert.Equal(0, outcome.Booking.OverDetentionMinutes);
        Assert.Empty(outcome.Alerts);
    }

    [Fact]
    public void ReleaseEligible_UnderNotifyOnlyPolicy_NeverHolds()
    {
        var world = new CustodyWorld(HoldPolicy.NotifyOnly);
        world.BookWithServedDetainer();

        var outcome = world.Eligible("B1", "2026-03-04 10:00");

        Assert.Equal(CustodyStatus.ReleaseRequired, outcome.Booking!.Custody);
        Assert.Null(outcome.Booking.HoldDeadline);
        Assert.Single(outcome.Alerts, a => a.Kind == AlertKind.NotifyIceOfRelease);
    }

    [Fact]
    public void ReleaseEligible_Twice_IsRefusedAsInvalidTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Eligible("B1", "2026-03-04 11:00");

        Assert.Equal(RefusalCode.InvalidTransition, outcome.Refusal!.Code);
    }

    [Fact]
    public void LateAuthority_WithinTheWindow_StartsAHoldThatStillEndsAtEligibilityPlus48Hours()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Serve("B1", "2026-03-04 10:30");

        Assert.Equal(CustodyStatus.HeldForIce, outcome.Booking!.Custody);
        Assert.Equal(T("2026-03-06 10:00"), outcome.Booking.HoldDeadline);
        Assert.Equal(0, outcome.Booking.OverDetentionMinutes);
    }

    [Fact]
    public void LateAuthority_AfterTheWindowEnded_LeavesReleaseRequired()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.ServeWarrant("B1", "2026-03-06 10:00", actor: "ice-1");

        Assert.True(outcome.Accepted);
        Assert.Equal(HoldAuthority.WarrantServed, outcome.Booking!.HoldAuthority);
        Assert.Equal(CustodyStatus.ReleaseRequired, outcome.Booking.Custody);
        Assert.Null(outcome.Booking.HoldDeadline);
    }

    [Fact]
    public void Deadline_PassingOnATick_RequiresReleaseAndRaisesHoldExpired()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var early = world.Tick("2026-03-06 09:59");
        var due = world.Tick("2026-03-06 10:00");

        Assert.Empty(early.Alerts);
        Assert.Equal([new Alert("B1", AlertKind.HoldExpired, T("2026-03-06 10:00"))], due.Alerts);
        Assert.Null(due.Booking);
        Assert.Equal(CustodyStatus.ReleaseRequired, world.Engine.Booking("B1")!.Custody);
    }

    [Fact]
    public void Deadline_IsRaisedOnlyOnce()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Tick("2026-03-06 11:00");

        Assert.Empty(world.Tick("2026-03-06 12:00").Alerts);
    }

    [Fact]
    public void OverDetention_CountsFromTheDeadlineNotFromTheStepThatNoticedIt()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var release = world.Release("B1", "2026-03-06 11:30");

        Assert.Equal(CustodyStatus.Released, release.Booking!.Custody);
        Assert.Equal(90, release.Booking.OverDetentionMinutes);
        Assert.Single(release.Alerts, a => a.Kind == AlertKind.HoldExpired);
    }

    [Fact]
    public void OverDetention_IsRoundedDownToWholeMinutes()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var release = world.Do(new Release(T("2026-03-06 10:02") + NodaTime.Duration.FromSeconds(59), "jms", "B1"));

        Assert.Equal(2, release.Booking!.OverDetentionMinutes);
    }

    [Fact]
    public void OverDetention_StopsWhenCustodyEnds()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Assume("B1", "2026-03-06 10:30");

        var later = world.Release("B1", "2026-03-07 10:00");

        Assert.Equal(RefusalCode.CaseClosed, later.Refusal!.Code);
        Assert.Equal(30, later.Booking!.OverDetentionMinutes);
    }

    [Fact]
    public void OverDetention_StopsWhileAHoldRightlyStartsAgain()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Lift("B1", "2026-03-04 12:00");
        world.Lodge("B1", "2026-03-04 12:10", actor: "ice-1");
        var reserved = world.Serve("B1", "2026-03-04 12:30", actor: "ice-1");

        Assert.Equal(CustodyStatus.HeldForIce, reserved.Booking!.Custody);
        Assert.Equal(30, reserved.Booking.OverDetentionMinutes);
        Assert.Equal(T("2026-03-06 10:00"), reserved.Booking.HoldDeadline);

        var dayLater = world.Tick("2026-03-05 12:00");
        Assert.Empty(dayLater.Alerts);
        Assert.Equal(30, world.Engine.Booking("B1")!.OverDetentionMinutes);
    }

    [Fact]
    public void AssumeCustody_FromHeldForIce_TransfersToIce()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Assume("B1", "2026-03-05 16:30");

        Assert.Equal(CustodyStatus.TransferredToIce, outcome.Booking!.Custody);
        Assert.Null(outcome.Booking.HoldDeadline);
    }

    [Fact]
    public void AssumeCustody_FromInJail_TransfersWithoutAHold()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();

        Assert.Equal(CustodyStatus.TransferredToIce, world.Assume("B1", "2026-03-03 12:00").Booking!.Custody);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("lodged")]
    [InlineData("lifted")]
    public void AssumeCustody_WithoutServedAuthority_IsRefused(string authority)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        if (authority != "none")
        {
            world.Lodge("B1", "2026-03-03 09:10");
        }

        if (authority == "lifted")
        {
            world.Lift("B1", "2026-03-03 09:30");
        }

        var outcome = world.Assume("B1", "2026-03-03 12:00");

        Assert.Equal(RefusalCode.InvalidTransition, outcome.Refusal!.Code);
        Assert.Equal(CustodyStatus.InJail, outcome.Booking!.Custody);
    }

    [Fact]
    public void AnyStep_AfterRelease_IsCaseClosed()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Release("B1", "2026-03-03 08:00");

        Assert.Equal(RefusalCode.CaseClosed, world.Lodge("B1", "2026-03-03 09:10").Refusal!.Code);
        Assert.Equal(RefusalCode.CaseClosed, world.Scheduled("B1", "2026-03-03 09:20").Refusal!.Code);
        Assert.Equal(RefusalCode.CaseClosed, world.Claim("B1", "2026-03-03 09:30").Refusal!.Code);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void ReleaseScheduled_NotifiesIceOnlyWhenADetainerOrWarrantIsActive(bool lodge, bool expectAlert)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        if (lodge)
        {
            world.Lodge("B1", "2026-03-03 09:10");
        }

        var outcome = world.Scheduled("B1", "2026-03-03 14:00");

        Assert.Equal(expectAlert, outcome.Alerts.Any(a => a.Kind == AlertKind.NotifyIceOfRelease));
        Assert.Equal(CustodyStatus.InJail, outcome.Booking!.Custody);
    }

    [Fact]
    public void ReleaseScheduled_AfterALift_DoesNotNotifyIce()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Lift("B1", "2026-03-03 10:00");

        Assert.Empty(world.Scheduled("B1", "2026-03-03 14:00").Alerts);
    }

    [Fact]
    public void Deadlines_OfOtherBookings_PassBeforeTheStepsOwnAction()
    {
        var world = new CustodyWorld();
        world.Book("B2", "2026-03-02 21:00");
        world.BookWithServedDetainer("B1");
        world.Eligible("B1", "2026-03-04 10:00");

        var outcome = world.Release("B2", "2026-03-06 10:05");

        Assert.Equal("B2", outcome.Booking!.BookingId);
        Assert.Equal([new Alert("B1", AlertKind.HoldExpired, T("2026-03-06 10:00"))], outcome.Alerts);
        Assert.Equal(5, world.Engine.Booking("B1")!.OverDetentionMinutes);
    }

    [Fact]
    public void LateWarrant_WithinTheWindow_StartsAHoldThatStillEndsAtEligibilityPlus48Hours()
    {
        // Rule 5 for warrants: a warrant served while the person waits to be released starts the hold.
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Eligible("B1", "2026-03-04 10:00");

        var served = world.ServeWarrant("B1", "2026-03-05 09:00", actor: "ice-1");

        Assert.Equal(HoldAuthority.WarrantServed, served.Booking!.HoldAuthority);
        Assert.Equal(CustodyStatus.HeldForIce, served.Booking.Custody);
        Assert.Equal(T("2026-03-06 10:00"), served.Booking.HoldDeadline);
    }

    [Fact]
    public void WarrantServedBeforeEligibility_StartsNoHoldYet()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var served = world.ServeWarrant("B1", "2026-03-03 09:00", actor: "ice-1");

        Assert.Equal(CustodyStatus.InJail, served.Booking!.Custody);
        Assert.Null(served.Booking.HoldDeadline);
    }
}
