using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Jurisdictions;

/// <summary>Settings over time: each step is judged by the version in effect at its instant, and a hold keeps the deadline it started with.</summary>
public sealed class JurisdictionHistoryTests
{
    private static readonly Jurisdiction Calendar = new(NewYork, HoldPolicy.Calendar48h);
    private static readonly Jurisdiction BusinessWithHolidays = new(NewYork, HoldPolicy.Business48h, [new LocalDate(2026, 3, 5), new LocalDate(2026, 3, 6)]);

    [Fact]
    public void At_GivesTheVersionInEffect_FromItsInstantOn()
    {
        var change = T("2026-03-04 09:00");
        var history = new JurisdictionHistory(Calendar, [(change, BusinessWithHolidays)]);

        Assert.Same(Calendar, history.At(change - Duration.Epsilon));
        Assert.Same(BusinessWithHolidays, history.At(change));
        Assert.Same(BusinessWithHolidays, history.Current);
        Assert.Same(Calendar, history.At(Instant.MinValue));
        Assert.Equal(2, history.Count);
    }

    [Fact]
    public void TwoVersionsAtOneInstant_AreRejected() =>
        Assert.Throws<ArgumentException>(() => new JurisdictionHistory(Calendar, [(T("2026-03-04 09:00"), Calendar), (T("2026-03-04 09:00"), BusinessWithHolidays)]));

    [Fact]
    public void AHold_IsFixedUnderTheSettingsInEffectWhenItStarts_AndALaterChangeMovesNothing()
    {
        // Business hours with Thursday and Friday off until Wednesday noon, then 48 elapsed hours.
        var history = new JurisdictionHistory(BusinessWithHolidays, [(T("2026-03-04 12:00"), Calendar)]);
        var engine = Engine(history);
        engine.Apply(new Book(T("2026-03-02 08:00"), "jms", new BookingDetails("B1", null, null, null, [])));
        engine.Apply(new Book(T("2026-03-02 08:01"), "jms", new BookingDetails("B2", null, null, null, [])));
        engine.Apply(new ServeWarrant(T("2026-03-02 08:10"), "sup-1", "B1", SignedWarrant));
        engine.Apply(new ServeWarrant(T("2026-03-02 08:11"), "sup-1", "B2", SignedWarrant));

        var before = engine.Apply(new ReleaseEligible(T("2026-03-04 09:30"), "jms", "B1", null)); // before the change
        var after = engine.Apply(new ReleaseEligible(T("2026-03-04 12:30"), "jms", "B2", null));  // after it

        Assert.Equal(T("2026-03-10 09:30"), before.Booking!.HoldDeadline); // Wed 14.5 h, Thu–Sun off, Mon 24 h, Tue 9.5 h
        Assert.Equal(T("2026-03-06 12:30"), after.Booking!.HoldDeadline);
        Assert.DoesNotContain(engine.Apply(new Tick(T("2026-03-09 12:00"))).Alerts, a => a.BookingId == "B1");
        Assert.Equal(CustodyStatus.HeldForIce, engine.Booking("B1")!.Custody);
    }

    [Fact]
    public void Agreements_AreJudgedOnTheLocalDateInTheZoneInEffectAtTheStep()
    {
        // The facility moved from Honolulu to New York time on 1 March: 2 March 03:00 UTC is still 1 March in Honolulu.
        var history = new JurisdictionHistory(new Jurisdiction(DateTimeZoneProviders.Tzdb["Pacific/Honolulu"], HoldPolicy.Calendar48h),
            [(Instant.FromUtc(2026, 3, 2, 4, 0), Calendar)]);
        var engine = new CustodyEngine(history, [new Agreement("moa", AgreementModel.Jem, new LocalDate(2026, 3, 2), null)],
            [new Officer("dso-1", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Jem, new LocalDate(2025, 1, 1), new LocalDate(2028, 1, 1))])]);
        engine.Apply(new Book(Instant.FromUtc(2026, 3, 2, 2, 0), "jms", new BookingDetails("B1", null, null, null, [])));

        var hawaii = engine.Apply(new Interview(Instant.FromUtc(2026, 3, 2, 3, 0), "dso-1", "B1", "es", [], null));
        var newYork = engine.Apply(new Interview(Instant.FromUtc(2026, 3, 2, 5, 0), "dso-1", "B1", "es", [], null));

        Assert.Equal(RefusalCode.AgreementNotInEffect, hawaii.Refusal!.Code); // 1 March, 17:00 in Honolulu
        Assert.True(newYork.Accepted);                                        // 2 March, 00:00 in New York
    }

    [Fact]
    public void Replay_KeepsTheDeadlineStoredWithTheStep_WhateverTheSettingsSayNow()
    {
        var engine = Engine(Calendar);
        engine.Replay(new Book(T("2026-03-02 08:00"), "jms", new BookingDetails("B1", null, null, null, [])));
        engine.Replay(new ServeWarrant(T("2026-03-02 08:10"), "sup-1", "B1", SignedWarrant));

        var held = engine.Replay(new ReleaseEligible(T("2026-03-02 09:00"), "jms", "B1", null), holdDeadline: T("2026-03-06 09:00"));
        var expiry = engine.Apply(new Tick(T("2026-03-06 09:00")));

        Assert.Equal(T("2026-03-06 09:00"), held.Booking!.HoldDeadline);
        Assert.Equal([new Alert("B1", AlertKind.HoldExpired, T("2026-03-06 09:00"))], expiry.Alerts);
    }

    [Fact]
    public void Replay_WithoutAStoredDeadline_ComputesItFromTheSettingsThen()
    {
        var engine = Engine(new JurisdictionHistory(BusinessWithHolidays, [(T("2026-03-04 12:00"), Calendar)]));
        engine.Replay(new Book(T("2026-03-02 08:00"), "jms", new BookingDetails("B1", null, null, null, [])));
        engine.Replay(new ServeWarrant(T("2026-03-02 08:10"), "sup-1", "B1", SignedWarrant));

        var held = engine.Replay(new ReleaseEligible(T("2026-03-04 09:30"), "jms", "B1", null));

        Assert.Equal(T("2026-03-10 09:30"), held.Booking!.HoldDeadline);
    }

    private static CustodyEngine Engine(JurisdictionHistory history) =>
        new(history, [], [new Officer("sup-1", ActorKind.IceSupervisor, [])]);
}
