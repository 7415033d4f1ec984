using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Citizenship;

/// <summary>Rule 9: a claim of US citizenship stops the immigration side until an ICE supervisor resolves it with evidence.</summary>
public sealed class CitizenshipReviewTests
{
    [Fact]
    public void Claim_OpensAReviewAndRaisesAnAlert()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Claim("B1", "2026-03-03 08:00");

        Assert.Equal(CitizenshipStatus.UnderReview, outcome.Booking!.Citizenship);
        Assert.Equal([new Alert("B1", AlertKind.CitizenshipReviewRequired, T("2026-03-03 08:00"))], outcome.Alerts);
    }

    [Fact]
    public void Claim_RecordedByADesignatedOfficer_NeedsNoAgreement()
    {
        var world = new CustodyWorld(agreements: []);
        world.Book("B1", "2026-03-02 22:15");

        Assert.True(world.Claim("B1", "2026-03-03 08:00", actor: "dso-2").Accepted);
    }

    [Fact]
    public void InterviewClaimingCitizenship_OpensAReview()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new Interview(T("2026-03-03 08:30"), "dso-1", "B1", "es", ["rights"], InterviewClaim.UsCitizen));

        Assert.Equal(CitizenshipStatus.UnderReview, outcome.Booking!.Citizenship);
    }

    [Fact]
    public void BiometricRecordShowingCitizenship_OpensAReview()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new BiometricResponse(T("2026-03-02 22:40"), "dhs", "B1", BiometricResult.Match, RecordStatus.UsCitizen));

        Assert.Equal(CitizenshipStatus.UnderReview, outcome.Booking!.Citizenship);
        Assert.Single(outcome.Alerts);
    }

    [Fact]
    public void Claim_WhileHeld_RequiresReleaseAtOnceAndCountsOverDetention()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");

        var claim = world.Claim("B1", "2026-03-04 10:20");
        var release = world.Release("B1", "2026-03-04 11:00");

        Assert.Equal(CustodyStatus.ReleaseRequired, claim.Booking!.Custody);
        Assert.Null(claim.Booking.HoldDeadline);
        Assert.Equal(40, release.Booking!.OverDetentionMinutes);
    }

    [Fact]
    public void ReleaseEligible_DuringAReview_RequiresReleaseWithoutAHold()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Claim("B1", "2026-03-03 12:00");

        var outcome = world.Eligible("B1", "2026-03-04 10:00");

        Assert.Equal(CustodyStatus.ReleaseRequired, outcome.Booking!.Custody);
        Assert.Null(outcome.Booking.HoldDeadline);
    }

    [Fact]
    public void ImmigrationActs_DuringAReview_AreRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Claim("B1", "2026-03-03 09:15");

        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, world.Serve("B1", "2026-03-03 09:20").Refusal!.Code);
        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, world.ServeWarrant("B1", "2026-03-03 09:25").Refusal!.Code);
        world.Lift("B1", "2026-03-03 09:30");
        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, world.Lodge("B1", "2026-03-03 09:35").Refusal!.Code);
    }

    [Fact]
    public void AssumeCustody_DuringAReview_IsRefused()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Claim("B1", "2026-03-03 10:00");

        var outcome = world.Assume("B1", "2026-03-03 11:00");

        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, outcome.Refusal!.Code);
        Assert.Equal(CustodyStatus.InJail, outcome.Booking!.Custody);
    }

    [Fact]
    public void Resolve_ByAnIceOfficerWhoIsNotASupervisor_IsNotAuthorized()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        Assert.Equal(RefusalCode.NotAuthorized, world.Resolve("B1", "2026-03-03 09:00", CitizenshipFinding.UsCitizen, actor: "ice-1").Refusal!.Code);
    }

    [Fact]
    public void Resolve_WithoutAnOpenReview_IsAnInvalidTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.InvalidTransition, world.Resolve("B1", "2026-03-03 09:00", CitizenshipFinding.NotUsCitizen).Refusal!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_WithoutEvidence_IsRefused(string? evidence)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        var outcome = world.Resolve("B1", "2026-03-03 09:00", CitizenshipFinding.NotUsCitizen, evidence);

        Assert.Equal(RefusalCode.MissingEvidence, outcome.Refusal!.Code);
        Assert.Equal(CitizenshipStatus.UnderReview, outcome.Booking!.Citizenship);
    }

    [Fact]
    public void Resolve_WithoutAFinding_IsRefusedAsMissingEvidence()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        Assert.Equal(RefusalCode.MissingEvidence, world.Resolve("B1", "2026-03-03 09:00", null).Refusal!.Code);
    }

    [Fact]
    public void FindingUsCitizen_LiftsAuthorityAndClosesTheImmigrationCase()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Claim("B1", "2026-03-03 10:00");

        var resolved = world.Resolve("B1", "2026-03-03 11:00", CitizenshipFinding.UsCitizen);

        Assert.Equal(CitizenshipStatus.UsCitizen, resolved.Booking!.Citizenship);
        Assert.Equal(HoldAuthority.Lifted, resolved.Booking.HoldAuthority);
        Assert.Equal(RefusalCode.CaseClosed, world.Lodge("B1", "2026-03-03 11:10", actor: "ice-1").Refusal!.Code);
        Assert.Equal(RefusalCode.CaseClosed, world.Claim("B1", "2026-03-03 11:15").Refusal!.Code);
        Assert.True(world.Scheduled("B1", "2026-03-03 11:20").Accepted);
        Assert.True(world.Eligible("B1", "2026-03-04 10:00").Accepted);
        Assert.Equal(CustodyStatus.Released, world.Release("B1", "2026-03-04 10:30").Booking!.Custody);
    }

    [Fact]
    public void FindingUsCitizen_WithNoAuthority_LeavesAuthorityNone()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 10:00");

        Assert.Equal(HoldAuthority.None, world.Resolve("B1", "2026-03-03 11:00", CitizenshipFinding.UsCitizen).Booking!.HoldAuthority);
    }

    [Fact]
    public void FindingNotUsCitizen_InsideTheWindow_ResumesTheHold()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Claim("B1", "2026-03-04 10:20");

        var resolved = world.Resolve("B1", "2026-03-04 11:20", CitizenshipFinding.NotUsCitizen);

        Assert.Equal(CustodyStatus.HeldForIce, resolved.Booking!.Custody);
        Assert.Equal(T("2026-03-06 10:00"), resolved.Booking.HoldDeadline);
        Assert.Equal(60, resolved.Booking.OverDetentionMinutes);
        Assert.Equal(CitizenshipStatus.NotUsCitizen, resolved.Booking.Citizenship);
    }

    [Fact]
    public void FindingNotUsCitizen_AfterTheWindow_LeavesReleaseRequired()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Claim("B1", "2026-03-04 10:20");

        var resolved = world.Resolve("B1", "2026-03-06 10:00", CitizenshipFinding.NotUsCitizen);

        Assert.Equal(CustodyStatus.ReleaseRequired, resolved.Booking!.Custody);
    }

    [Fact]
    public void NewClaim_AfterANotUsCitizenFinding_OpensANewReview()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");
        world.Resolve("B1", "2026-03-03 09:00", CitizenshipFinding.NotUsCitizen);

        var again = world.Claim("B1", "2026-03-03 10:00");

        Assert.Equal(CitizenshipStatus.UnderReview, again.Booking!.Citizenship);
        Assert.Single(again.Alerts);
    }

    [Fact]
    public void RepeatedClaim_DuringAnOpenReview_IsRecordedWithoutASecondAlert()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        var again = world.Claim("B1", "2026-03-03 08:30");

        Assert.True(again.Accepted);
        Assert.Empty(again.Alerts);
    }

    [Theory]
    [InlineData(InterviewClaim.Declined)]
    [InlineData(InterviewClaim.ForeignNational)]
    [InlineData(null)]
    public void Interview_WithoutAClaimOfCitizenship_OpensNoReview(InterviewClaim? claims)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new Interview(T("2026-03-03 09:00"), "dso-1", "B1", "es", ["rights"], claims));

        Assert.True(outcome.Accepted);
        Assert.Equal(CitizenshipStatus.None, outcome.Booking!.Citizenship);
        Assert.Empty(outcome.Alerts);
        Assert.Empty(outcome.Booking.Duties);
    }

    [Theory]
    [InlineData(RecordStatus.FinalOrder)]
    [InlineData(RecordStatus.LawfulStatus)]
    [InlineData(null)]
    public void BiometricRecord_NotShowingCitizenship_OpensNoReview(RecordStatus? status)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new BiometricResponse(T("2026-03-03 09:00"), "dhs", "B1", BiometricResult.Match, status));

        Assert.Equal(CitizenshipStatus.None, outcome.Booking!.Citizenship);
        Assert.Empty(outcome.Alerts);
    }
}
