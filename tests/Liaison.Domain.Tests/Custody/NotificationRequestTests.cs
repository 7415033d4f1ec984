using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rules 8, 12 and 13: an I-247G or I-247N asks only for notice of release; it is never a detainer or a hold.</summary>
public sealed class NotificationRequestTests
{
    [Theory]
    [InlineData(DetainerForm.I247G)]
    [InlineData(DetainerForm.I247N)]
    public void LodgeDetainer_OnANotificationForm_IsRefusedAndHoldsNoOne(DetainerForm form)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant, form));

        Assert.Equal(RefusalCode.NotificationOnlyRequest, outcome.Refusal!.Code);
        Assert.Equal(HoldAuthority.None, outcome.Booking!.HoldAuthority);
        Assert.Empty(outcome.Booking.Duties);
    }

    [Fact]
    public void LodgeDetainer_OnAnI247A_IsADetainer()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:10"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant, DetainerForm.I247A));

        Assert.True(outcome.Accepted);
        Assert.Equal(HoldAuthority.DetainerLodged, outcome.Booking!.HoldAuthority);
    }

    [Fact]
    public void NotificationOnlyRequest_ComesAfterInvalidTransition()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:20"), "ice-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant, DetainerForm.I247G));

        Assert.Equal(RefusalCode.InvalidTransition, outcome.Refusal!.Code);
    }

    [Fact]
    public void NotificationOnlyRequest_ComesAfterAnOpenCitizenshipClaim()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 09:00");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:20"), "ice-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant, DetainerForm.I247N));

        Assert.Equal(RefusalCode.CitizenshipClaimUnresolved, outcome.Refusal!.Code);
    }

    [Fact]
    public void NotificationOnlyRequest_ComesBeforeMissingProbableCauseAndWarrant()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:20"), "ice-1", "B1", ProbableCauseBasisSet.Empty, null, DetainerForm.I247G));

        Assert.Equal(RefusalCode.NotificationOnlyRequest, outcome.Refusal!.Code);
    }

    [Fact]
    public void NotificationOnlyRequest_ComesAfterCertification()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new LodgeDetainer(T("2026-03-03 09:20"), "dso-2", "B1", ProbableCauseBasisSet.Empty, null, DetainerForm.I247G));

        Assert.Equal(RefusalCode.OfficerNotCertified, outcome.Refusal!.Code);
    }

    [Theory]
    [InlineData("ice-1")]
    [InlineData("sup-1")]
    [InlineData("dso-1")]
    public void RequestNotification_IsRecordedAndChangesNoPrintedState(string actor)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        var before = world.Engine.Booking("B1")!;

        var outcome = world.RequestNotification("B1", "2026-03-03 09:00", actor: actor);

        Assert.True(outcome.Accepted);
        Assert.Empty(outcome.Alerts);
        var after = outcome.Booking!;
        Assert.Equal((before.Custody, before.HoldAuthority, before.Citizenship, before.HoldDeadline), (after.Custody, after.HoldAuthority, after.Citizenship, after.HoldDeadline));
        Assert.True(after.NotificationRequested);
        Assert.Empty(after.Duties);
    }

    [Fact]
    public void RequestNotification_ByAWarrantServiceOfficer_IsNotCertified()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.OfficerNotCertified, world.RequestNotification("B1", "2026-03-03 09:00", actor: "wso-1").Refusal!.Code);
    }

    [Theory]
    [InlineData("jms")]
    [InlineData("dhs")]
    [InlineData("subject")]
    public void RequestNotification_BySomeoneNotAnOfficer_IsNotAuthorized(string actor)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.NotAuthorized, world.RequestNotification("B1", "2026-03-03 09:00", actor: actor).Refusal!.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(DetainerForm.I247A)]
    public void RequestNotification_WithoutANotificationForm_IsAnInvalidTransition(DetainerForm? form)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.RequestNotification("B1", "2026-03-03 09:00", form);

        Assert.Equal(RefusalCode.InvalidTransition, outcome.Refusal!.Code);
        Assert.False(outcome.Booking!.NotificationRequested);
    }

    [Fact]
    public void RequestNotification_WhileACitizenshipClaimIsOpen_IsAllowed()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00");

        Assert.True(world.RequestNotification("B1", "2026-03-03 09:00").Accepted);
    }

    [Fact]
    public void RequestNotification_AfterAUsCitizenFinding_IsCaseClosed()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 08:00", actor: "ice-1");
        world.Resolve("B1", "2026-03-03 08:30", CitizenshipFinding.UsCitizen);

        Assert.Equal(RefusalCode.CaseClosed, world.RequestNotification("B1", "2026-03-03 09:00").Refusal!.Code);
    }

    [Fact]
    public void ARequestOnFile_AlertsOnScheduledReleaseAndEligibility_ButStartsNoHold()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.RequestNotification("B1", "2026-03-03 09:00");

        var scheduled = world.Scheduled("B1", "2026-03-03 12:00");
        var eligible = world.Eligible("B1", "2026-03-04 10:00");

        Assert.Equal([new Alert("B1", AlertKind.NotifyIceOfRelease, T("2026-03-03 12:00"))], scheduled.Alerts);
        Assert.Equal([new Alert("B1", AlertKind.NotifyIceOfRelease, T("2026-03-04 10:00"))], eligible.Alerts);
        Assert.Equal(CustodyStatus.ReleaseRequired, eligible.Booking!.Custody);
        Assert.Null(eligible.Booking.HoldDeadline);
    }

    [Fact]
    public void WithoutARequestOrDetainer_ReleaseRaisesNoNotice()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Empty(world.Scheduled("B1", "2026-03-03 12:00").Alerts);
        Assert.Empty(world.Eligible("B1", "2026-03-04 10:00").Alerts);
    }

    [Fact]
    public void ARequestOnFile_OutlivesALiftedDetainer()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10", actor: "ice-1");
        world.RequestNotification("B1", "2026-03-03 09:20");
        world.Lift("B1", "2026-03-03 10:00");

        Assert.Single(world.Eligible("B1", "2026-03-04 10:00").Alerts, a => a.Kind == AlertKind.NotifyIceOfRelease);
    }
}
