using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Rule 14: the duties to tell ICE in time, their overdue alerts, and how they end.</summary>
public sealed class IceDutyTests
{
    [Fact]
    public void DetainerLodgedByADesignatedOfficer_MustReachIceWithin24Hours()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var lodged = world.Lodge("B1", "2026-03-03 09:10");

        Assert.Equal([new OpenDuty(IceDutyKind.Detainer, T("2026-03-03 09:10"), T("2026-03-04 09:10"), false)], lodged.Booking!.Duties);
        Assert.Equal(T("2026-03-04 09:10"), lodged.Booking.NextDutyDue);
    }

    [Theory]
    [InlineData("ice-1")]
    [InlineData("sup-1")]
    public void DetainerLodgedByIce_CreatesNoDuty(string actor)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Empty(world.Lodge("B1", "2026-03-03 09:10", actor: actor).Booking!.Duties);
        Assert.Empty(world.Tick("2026-03-05 09:10").Alerts);
    }

    [Theory]
    [InlineData("subject", true)]
    [InlineData("dso-1", true)]
    [InlineData("ice-1", false)]
    [InlineData("sup-1", false)]
    public void CitizenshipClaim_MustReachIceWithinAnHour_UnlessIceRecordedIt(string actor, bool duty)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var claimed = world.Claim("B1", "2026-03-03 09:00", actor);

        Assert.Equal(duty ? [new OpenDuty(IceDutyKind.CitizenshipClaim, T("2026-03-03 09:00"), T("2026-03-03 10:00"), false)] : [], claimed.Booking!.Duties);
    }

    [Theory]
    [InlineData("dso-1", true)]
    [InlineData("ice-1", false)]
    public void InterviewClaimingCitizenship_CreatesADutyOnlyForADesignatedOfficer(string actor, bool duty)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new Interview(T("2026-03-03 09:00"), actor, "B1", "es", ["rights"], InterviewClaim.UsCitizen));

        Assert.Equal(duty, outcome.Booking!.Duties.Count == 1);
    }

    [Fact]
    public void DhsRecordOfCitizenship_CreatesNoDuty()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new BiometricResponse(T("2026-03-03 09:00"), "dhs", "B1", BiometricResult.Match, RecordStatus.UsCitizen));

        Assert.Equal(CitizenshipStatus.UnderReview, outcome.Booking!.Citizenship);
        Assert.Empty(outcome.Booking.Duties);
    }

    [Fact]
    public void ARepeatedClaimWhileTheReviewIsOpen_CreatesNoSecondDuty()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 09:00");

        Assert.Single(world.Claim("B1", "2026-03-03 09:30").Booking!.Duties);
    }

    [Fact]
    public void OverdueDuty_AlertsOnceAtItsDueInstant_AndStaysOpen()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        Assert.Empty(world.Do(new Tick(T("2026-03-04 09:10") - Duration.Epsilon)).Alerts);
        var due = world.Tick("2026-03-04 09:10");
        var later = world.Tick("2026-03-04 12:00");

        Assert.Equal([new Alert("B1", AlertKind.IceNoticeOverdue, T("2026-03-04 09:10"))], due.Alerts);
        Assert.Empty(later.Alerts);
        Assert.True(world.Engine.Booking("B1")!.Duties.Single().Overdue);
        Assert.True(world.Notify("B1", "2026-03-04 12:10").Accepted);
        Assert.Empty(world.Engine.Booking("B1")!.Duties);
    }

    [Fact]
    public void OverdueDuty_IsAlertedBeforeTheStepsOwnAction_EvenWhenTheStepIsRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var refused = world.Serve("B1", "2026-03-04 09:30", actor: "dso-2");

        Assert.False(refused.Accepted);
        Assert.Equal([new Alert("B1", AlertKind.IceNoticeOverdue, T("2026-03-04 09:10"))], refused.Alerts);
    }

    [Fact]
    public void NotifyIce_DischargesTheEarliestDueDutyOfItsKind()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-03 09:00");
        world.Resolve("B1", "2026-03-03 09:20", CitizenshipFinding.NotUsCitizen, actor: "sup-1");
        world.Lodge("B1", "2026-03-03 09:30");
        world.Claim("B1", "2026-03-03 09:40");

        var notified = world.Notify("B1", "2026-03-03 09:45", IceDutyKind.CitizenshipClaim);

        Assert.Equal([new OpenDuty(IceDutyKind.Detainer, T("2026-03-03 09:30"), T("2026-03-04 09:30"), false)], notified.Booking!.Duties);
    }

    [Fact]
    public void Snapshot_ListsDutiesEarliestDueFirst_AndInCreationOrderWhenDueTogether()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:00"); // due 4 March 09:00
        world.Claim("B1", "2026-03-04 08:00"); // due 4 March 09:00 too
        world.Resolve("B1", "2026-03-04 08:10", CitizenshipFinding.NotUsCitizen);
        world.Claim("B1", "2026-03-04 08:20"); // due 4 March 09:20

        var duties = world.Engine.Booking("B1")!.Duties;

        Assert.Equal(
            [(IceDutyKind.Detainer, T("2026-03-04 09:00")), (IceDutyKind.CitizenshipClaim, T("2026-03-04 09:20"))],
            duties.Select(d => (d.About, d.Due)));

        var tied = new CustodyWorld();
        tied.Book("B1", "2026-03-02 22:15");
        tied.Lodge("B1", "2026-03-03 09:00");
        tied.Claim("B1", "2026-03-04 08:00");
        Assert.Equal([IceDutyKind.Detainer, IceDutyKind.CitizenshipClaim], tied.Engine.Booking("B1")!.Duties.Select(d => d.About));
        Assert.Equal(T("2026-03-04 09:00"), tied.Engine.Booking("B1")!.NextDutyDue);
    }

    [Fact]
    public void NotifyIce_WithTwoOpenDutiesOfOneKind_DischargesTheEarlierFirst()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Lift("B1", "2026-03-03 09:20");
        world.Lodge("B1", "2026-03-03 09:30");

        var notified = world.Notify("B1", "2026-03-03 10:00");

        Assert.Equal([T("2026-03-04 09:30")], notified.Booking!.Duties.Select(d => d.Due));
        Assert.Equal([new Alert("B1", AlertKind.IceNoticeOverdue, T("2026-03-04 09:30"))], world.Tick("2026-03-04 09:30").Alerts);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(IceDutyKind.CitizenshipClaim)]
    public void NotifyIce_WithoutAnOpenDutyOfThatKind_IsAnInvalidTransition(IceDutyKind? about)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var outcome = world.Notify("B1", "2026-03-03 10:00", about);

        Assert.Equal(RefusalCode.InvalidTransition, outcome.Refusal!.Code);
        Assert.Single(outcome.Booking!.Duties);
    }

    [Theory]
    [InlineData("ice-1")]
    [InlineData("sup-1")]
    [InlineData("jms")]
    [InlineData("subject")]
    public void NotifyIce_IsRecordedOnlyByADesignatedOfficer(string actor)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        Assert.Equal(RefusalCode.NotAuthorized, world.Notify("B1", "2026-03-03 10:00", actor: actor).Refusal!.Code);
    }

    [Theory]
    [InlineData("dso-2")] // certification expired
    [InlineData("wso-1")] // certified for WSO only
    public void NotifyIce_NeedsNoCertification(string actor)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        Assert.True(world.Notify("B1", "2026-03-03 10:00", actor: actor).Accepted);
    }

    [Fact]
    public void NotifyIce_NeedsNoAgreementInEffect()
    {
        var world = new CustodyWorld(agreements: [new Agreement("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), new LocalDate(2026, 3, 3))]);
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        Assert.True(world.Notify("B1", "2026-03-04 10:00").Accepted);
    }

    [Fact]
    public void Duties_EndWhenThePersonIsReleased()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Claim("B1", "2026-03-03 09:20");

        var released = world.Release("B1", "2026-03-03 09:30");

        Assert.Empty(released.Booking!.Duties);
        Assert.Empty(world.Tick("2026-03-05 00:00").Alerts);
        Assert.Equal(RefusalCode.CaseClosed, world.Notify("B1", "2026-03-05 00:10").Refusal!.Code);
    }

    [Fact]
    public void Duties_EndWhenIceTakesCustody()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Serve("B1", "2026-03-03 09:20");

        Assert.Empty(world.Assume("B1", "2026-03-03 09:30").Booking!.Duties);
        Assert.Empty(world.Tick("2026-03-05 00:00").Alerts);
    }

    [Theory]
    [InlineData(CitizenshipFinding.UsCitizen)]
    [InlineData(CitizenshipFinding.NotUsCitizen)]
    public void ClaimDuties_EndWhenTheReviewIsResolved_DetainerDutiesDoNot(CitizenshipFinding finding)
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");
        world.Claim("B1", "2026-03-03 09:20");

        var resolved = world.Resolve("B1", "2026-03-03 09:30", finding);

        Assert.Equal([IceDutyKind.Detainer], resolved.Booking!.Duties.Select(d => d.About));
        Assert.Empty(world.Tick("2026-03-03 10:20").Alerts);
    }

    [Fact]
    public void AHoldExpiryAndADutyDueAtOnce_AlertTheExpiryFirst_AndBookingsInIdOrder()
    {
        var world = new CustodyWorld();
        world.Book("B2", "2026-03-01 08:00");
        world.Eligible("B2", "2026-03-01 09:00"); // release required, no hold yet
        world.Book("B1", "2026-03-02 08:00");
        world.Lodge("B1", "2026-03-02 14:00"); // B1's duty falls due first
        world.Lodge("B2", "2026-03-02 15:00");
        world.Serve("B2", "2026-03-02 15:05"); // late authority: held until 3 March 09:00 (window from eligibility)

        var tick = world.Tick("2026-03-03 16:00");

        Assert.Equal(
            [
                new Alert("B1", AlertKind.IceNoticeOverdue, T("2026-03-03 14:00")),
                new Alert("B2", AlertKind.HoldExpired, T("2026-03-03 09:00")),
                new Alert("B2", AlertKind.IceNoticeOverdue, T("2026-03-03 15:00")),
            ],
            tick.Alerts);
    }

    [Fact]
    public void Replay_RebuildsDutiesExactly()
    {
        var live = new CustodyWorld();
        var steps = new List<CustodyStep>();
        void Keep(StepOutcome o)
        {
            if (o.Accepted)
            {
                steps.Add(o.Step);
            }
        }

        Keep(live.Book("B1", "2026-03-02 22:15"));
        Keep(live.Lodge("B1", "2026-03-03 09:10"));
        Keep(live.Claim("B1", "2026-03-03 09:20"));
        Keep(live.Tick("2026-03-03 11:00"));
        Keep(live.RequestNotification("B1", "2026-03-03 11:10"));
        Keep(live.Notify("B1", "2026-03-03 11:20", IceDutyKind.CitizenshipClaim));

        var rebuilt = new CustodyWorld();
        steps.ForEach(s => rebuilt.Engine.Replay(s));

        Assert.Equal(live.Engine.Booking("B1"), rebuilt.Engine.Booking("B1"));
        Assert.Single(rebuilt.Engine.Booking("B1")!.Duties);
        Assert.True(rebuilt.Engine.Booking("B1")!.NotificationRequested);
    }

    [Fact]
    public void Replay_OfANotifyIceWithNoOpenDuty_Throws()
    {
        var world = new CustodyWorld();
        world.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new BookingDetails("B1", null, null, null, [])));

        Assert.Throws<InvalidOperationException>(() => world.Engine.Replay(new NotifyIce(T("2026-03-03 09:10"), "dso-1", "B1", IceDutyKind.Detainer)));
    }

    // ---- Properties: whatever the zone, the date and daylight saving -------------------------------

    [Property(Arbitrary = [typeof(DutyCases)], MaxTest = 300)]
    public void ADuty_FallsDueExactlyAfterItsElapsedTime_AndAlertsOnce(DutyCase c)
    {
        var engine = c.Engine();
        engine.Apply(new Book(c.Start - Duration.FromMinutes(30), "jms", new BookingDetails("B1", null, null, null, [])));
        var opened = engine.Apply(c.Opening());
        var due = c.Start + Duration.FromHours(c.About == IceDutyKind.Detainer ? 24 : 1); // independent of the engine's table

        Assert.True(opened.Accepted);
        Assert.Empty(engine.Apply(new Tick(due - Duration.Epsilon)).Alerts);
        Assert.Equal([new Alert("B1", AlertKind.IceNoticeOverdue, due)], engine.Apply(new Tick(due)).Alerts);
        Assert.Empty(engine.Apply(new Tick(due + Duration.FromDays(3))).Alerts);
    }

    [Property(Arbitrary = [typeof(DutyCases)], MaxTest = 300)]
    public void ADuty_NeverAlertsAfterCustodyEnded(DutyCase c)
    {
        var engine = c.Engine();
        engine.Apply(new Book(c.Start - Duration.FromMinutes(30), "jms", new BookingDetails("B1", null, null, null, [])));
        engine.Apply(c.Opening());
        var release = c.Start + Duration.FromMinutes(c.MinutesToRelease);
        var due = c.Start + Duration.FromHours(c.About == IceDutyKind.Detainer ? 24 : 1);

        var released = engine.Apply(new Release(release, "jms", "B1"));
        var later = engine.Apply(new Tick(due + Duration.FromDays(2)));

        // Due at or before the release step: alerted by that step, before the release; never after it.
        Assert.Equal(release >= due ? 1 : 0, released.Alerts.Count(a => a.Kind == AlertKind.IceNoticeOverdue));
        Assert.Empty(later.Alerts);
    }

    public sealed record DutyCase(string ZoneId, Instant Start, IceDutyKind About, int MinutesToRelease)
    {
        public CustodyEngine Engine() => new(
            new Jurisdiction(DateTimeZoneProviders.Tzdb[ZoneId], HoldPolicy.Calendar48h),
            [new Agreement("moa-jem", AgreementModel.Jem, new LocalDate(1990, 1, 1), null)],
            [new Officer("dso-1", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Jem, new LocalDate(1990, 1, 1), new LocalDate(2100, 1, 1))]),
             new Officer("sup-1", ActorKind.IceSupervisor, [])]);

        public CustodyStep Opening() => About == IceDutyKind.Detainer
            ? new LodgeDetainer(Start, "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), new Warrant(WarrantForm.I200, "W", "sup-1"))
            : new ClaimCitizenship(Start, "subject", "B1");

        public override string ToString() => $"{About} in {ZoneId} from {Start}, release after {MinutesToRelease} min";
    }

    public static class DutyCases
    {
        private static readonly string[] Zones =
        [
            "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
            "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu", "Europe/London",
        ];

        private static readonly Instant Origin = Instant.FromUtc(2000, 1, 1, 0, 0);

        public static Arbitrary<DutyCase> Case() =>
            (from zone in Gen.Elements(Zones)
             from minutes in Gen.Choose(60, 40 * 366 * 24 * 60)
             from seconds in Gen.Choose(0, 59)
             from about in Gen.Elements(IceDutyKind.Detainer, IceDutyKind.CitizenshipClaim)
             from release in Gen.Choose(0, 30 * 60)
             select new DutyCase(zone, Origin + Duration.FromMinutes(minutes) + Duration.FromSeconds(seconds), about, release))
            .ToArbitrary();
    }
}
