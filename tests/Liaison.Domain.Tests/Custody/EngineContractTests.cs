using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>The engine's own contract with its callers: arguments, snapshots, stale deadlines, and steps it does not know.</summary>
public sealed class EngineContractTests
{
    [Fact]
    public void NullArguments_AreRejected()
    {
        var engine = new CustodyWorld().Engine;

        Assert.Throws<ArgumentNullException>(() => engine.Apply(null!));
        Assert.Throws<ArgumentNullException>(() => engine.Replay(null!));
        Assert.Throws<ArgumentNullException>(() => engine.Probe(null!));
        Assert.Throws<ArgumentNullException>(() => new CustodyEngine(null!, [], []));
        Assert.Throws<ArgumentNullException>(() => new CustodyEngine(new Jurisdiction(NewYork, HoldPolicy.Calendar48h), [], null!));
        Assert.Throws<ArgumentNullException>(() => new Jurisdiction(null!, HoldPolicy.Calendar48h));
        Assert.Throws<ArgumentNullException>(() => ProbableCauseBasisSet.Of(null!));
    }

    [Fact]
    public void Snapshot_WithNoOpenDuty_HasNoNextDue()
    {
        var world = new CustodyWorld();

        var booked = world.Book("B1", "2026-03-02 22:15").Booking!;

        Assert.Empty(booked.Duties);
        Assert.Null(booked.NextDutyDue);
        Assert.False(booked.NotificationRequested);
    }

    [Fact]
    public void Snapshot_OverDetentionDoesNotGrowWhenNothingAccrues_NorBeforeItsOwnInstant()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Tick("2026-03-06 10:10");
        var accruing = world.Engine.Booking("B1")!;
        world.Release("B1", "2026-03-06 10:40");
        var ended = world.Engine.Booking("B1")!;

        Assert.Equal(Duration.FromMinutes(40), ended.OverDetentionAt(T("2026-03-07 10:00")));
        Assert.Equal(Duration.FromMinutes(10), accruing.OverDetentionAt(T("2026-03-06 10:00")));
        Assert.Equal(Duration.Zero, world.Book("B2", "2026-03-06 11:00").Booking!.OverDetentionAt(T("2026-03-09 11:00")));
    }

    [Fact]
    public void AHoldThatEndedEarly_LeavesNoExpiryBehind()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Assume("B1", "2026-03-04 12:00");

        var after = world.Tick("2026-03-06 11:00");

        Assert.Empty(after.Alerts);
        Assert.Equal(CustodyStatus.TransferredToIce, world.Engine.Booking("B1")!.Custody);
        Assert.Equal(0, world.Engine.Booking("B1")!.OverDetentionMinutes);
    }

    [Fact]
    public void AHoldLiftedAndStartedAgain_ExpiresOnce()
    {
        var world = new CustodyWorld();
        world.BookWithServedDetainer();
        world.Eligible("B1", "2026-03-04 10:00");
        world.Lift("B1", "2026-03-04 11:00");
        world.Lodge("B1", "2026-03-04 11:10", actor: "ice-1");
        world.Serve("B1", "2026-03-04 11:20", actor: "ice-1"); // the same window: still ends 6 March 10:00

        var tick = world.Tick("2026-03-06 10:00");

        Assert.Equal([new Alert("B1", AlertKind.HoldExpired, T("2026-03-06 10:00"))], tick.Alerts);
        Assert.Equal(20, world.Engine.Booking("B1")!.OverDetentionMinutes); // 11:00–11:20 on the 4th, between the lift and the new hold
    }

    [Fact]
    public void AStepTypeTheEngineDoesNotKnow_IsNotAppliedSilently()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var e = Assert.Throws<InvalidOperationException>(() => world.Do(new Unknown(T("2026-03-03 09:00"), "jms", "B1")));
        Assert.Equal("No effect defined for Unknown.", e.Message);
    }

    [Fact]
    public void BookingCount_CountsBookingsOnce()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Book("B1", "2026-03-02 22:16");
        world.Book("B2", "2026-03-02 22:17");

        Assert.Equal(2, world.Engine.BookingCount);
        Assert.Null(world.Engine.Booking("B3"));
    }

    private sealed record Unknown(Instant At, string Actor, string Booking) : BookingStep(At, Actor, Booking)
    {
        public override CustodyAction Action => CustodyAction.Release;
    }
}

/// <summary>The small value types the engine's answers are made of.</summary>
public sealed class ValueTypeTests
{
    [Fact]
    public void ValueList_ComparesByItems()
    {
        var a = new ValueList<int>([1, 2, 3]);
        var b = new ValueList<int>([1, 2, 3]);
        var c = new ValueList<int>([1, 2]);

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a.GetHashCode(), c.GetHashCode());
        Assert.False(a.Equals(c));
        Assert.False(a.Equals(null));
        Assert.False(a.Equals((object)"1,2,3"));
        Assert.Equal("[1, 2, 3]", a.ToString());
        Assert.Equal(3, a.Count);
        Assert.Equal(2, a[1]);
        Assert.Equal([1, 2, 3], a.ToArray());
    }

    [Fact]
    public void Codes_ParseOnlyTheirOwnCodes()
    {
        Assert.True(Codes.TryParse<HoldAuthority>("detainer-served", out var served));
        Assert.Equal(HoldAuthority.DetainerServed, served);
        Assert.False(Codes.TryParse<HoldAuthority>("Detainer-Served", out _));
        Assert.False(Codes.TryParse<HoldAuthority>(null, out var none));
        Assert.Equal(default, none);
        Assert.Equal(["I-247A", "I-247G", "I-247N"], Codes.All<DetainerForm>());
        Assert.Equal("ice-notice-overdue", Codes.Of(AlertKind.IceNoticeOverdue));
    }

    [Fact]
    public void Codes_RefuseAnEnumThatIsNotNumberedFromZero() =>
        Assert.IsType<InvalidOperationException>(Assert.Throws<TypeInitializationException>(() => Codes.Of(Gapped.Second)).InnerException);

    [Theory]
    [InlineData("jms", ActorKind.Jms)]
    [InlineData("dhs", ActorKind.Dhs)]
    [InlineData("subject", ActorKind.Subject)]
    [InlineData("JMS", null)]
    [InlineData("dso-1", null)]
    public void SystemActors_AreKnownByTheirExactIds(string id, ActorKind? kind)
    {
        Assert.Equal(kind, ActorPermissions.SystemActor(id));
        Assert.Equal(kind is not null, ActorPermissions.IsSystemActor(id));
    }

    private enum Gapped
    {
        First = 0,
        Second = 5,
    }
}
