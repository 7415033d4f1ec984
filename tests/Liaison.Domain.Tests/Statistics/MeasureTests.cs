using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using NodaTime;

namespace Liaison.Domain.Tests.Statistics;

/// <summary>The rules behind the figures: fiscal periods, the offence table, what the engine keeps of each booking.</summary>
public sealed class MeasureTests
{
    [Theory]
    [InlineData(2026, 10, "FY2027", "FY2027-Q1")]
    [InlineData(2026, 12, "FY2027", "FY2027-Q1")]
    [InlineData(2027, 1, "FY2027", "FY2027-Q2")]
    [InlineData(2027, 9, "FY2027", "FY2027-Q4")]
    [InlineData(2026, 9, "FY2026", "FY2026-Q4")]
    public void FiscalYearsRunOctoberToSeptember(int year, int month, string fiscalYear, string quarter)
    {
        var period = StatPeriod.OfMonth(new YearMonth(year, month));

        Assert.Equal(fiscalYear, period.YearPeriod.ToString());
        Assert.Equal(quarter, period.QuarterPeriod.ToString());
    }

    [Fact]
    public void AQuarterIsItsThreeMonths_AndAYearItsFourQuarters()
    {
        Assert.True(StatPeriod.TryParse("FY2027-Q1", out var q1));
        Assert.Equal(["2026-10", "2026-11", "2026-12"], q1.Parts.Select(p => p.ToString()));
        Assert.True(StatPeriod.TryParse("FY2027", out var year));
        Assert.Equal(["FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4"], year.Parts.Select(p => p.ToString()));
        Assert.Equal(12, year.Months.Count());
        Assert.False(StatPeriod.TryParse("2026-13", out _));
        Assert.False(StatPeriod.TryParse("FY2027-Q5", out _));
        Assert.Equal(["2026-11"], Publication.PeriodsClosedBy(new YearMonth(2026, 11)).Select(p => p.ToString()));
        Assert.Equal(["2026-12", "FY2027-Q1"], Publication.PeriodsClosedBy(new YearMonth(2026, 12)).Select(p => p.ToString()));
        Assert.Equal(["2027-09", "FY2027-Q4", "FY2027"], Publication.PeriodsClosedBy(new YearMonth(2027, 9)).Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("0911", "homicide")]
    [InlineData("1001", "kidnapping")]
    [InlineData("1102", "sex-offences")]
    [InlineData("3601", "sex-offences")]
    [InlineData("1201", "robbery")]
    [InlineData("1313", "assault")]
    [InlineData("5212", "weapons")]
    [InlineData("3562", "dangerous-drugs")]
    [InlineData("5403", "dui")]
    [InlineData("5404", "dui")]
    [InlineData("5499", "traffic")]
    [InlineData("7099", "other")]
    public void TheOffenceTable_GivesIcesCategories(string code, string category) =>
        Assert.Equal(category, OffenceCategories.Standard.CategoryOf(code));

    [Fact]
    public void TheMostSeriousCharge_IsTheHighestLevel_ThenTheGravestCategory()
    {
        Charge[] charges = [new("5499", null, "misdemeanor", "pending"), new("1313", null, "felony", "pending"), new("0911", null, "misdemeanor", "convicted")];

        Assert.Equal("assault", Measures.MostSeriousCategory(charges, OffenceCategories.Standard));
        Assert.Equal("felony", Measures.LevelOf(charges));
        Assert.Equal("convicted", Measures.CriminalityOf(charges));
        Assert.Equal("pending-charges", Measures.CriminalityOf([charges[0]]));
        Assert.Equal("no-criminal-history", Measures.CriminalityOf([]));
    }

    [Fact]
    public void TheEngine_KeepsEachBookingsMilestones_AndTheModelItWasWorkedUnder()
    {
        var world = new CustodyWorld();
        var engine = world.Engine;
        engine.Apply(new Book(CustodyWorld.T("2026-03-03 08:00"), "jms", new BookingDetails("B1", "P1", "MX", "MX", [new Charge("1313", null, "felony", "pending")])));
        engine.Apply(new BiometricResponse(CustodyWorld.T("2026-03-03 09:00"), "dhs", "B1", BiometricResult.Match, RecordStatus.NoLawfulStatus));
        engine.Apply(new LodgeDetainer(CustodyWorld.T("2026-03-03 10:00"), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.BiometricAndRecords]), CustodyWorld.SignedWarrant));
        engine.Apply(new ServeDetainer(CustodyWorld.T("2026-03-03 10:30"), "dso-1", "B1"));
        engine.Apply(new NotifyIce(CustodyWorld.T("2026-03-04 11:00"), "dso-1", "B1", IceDutyKind.Detainer)); // 25 hours after the lodge: an hour late
        engine.Apply(new ReleaseEligible(CustodyWorld.T("2026-03-05 09:00"), "jms", "B1", "bond-posted"));
        var outcome = engine.Apply(new AssumeCustody(CustodyWorld.T("2026-03-05 15:00"), "ice-1", "B1"));

        var m = outcome.Booking!.Milestones;
        Assert.Equal(AgreementModel.Jem, m.Model);
        Assert.Equal(CustodyWorld.T("2026-03-03 09:00"), m.ScreenedAt);
        Assert.Equal(CustodyWorld.T("2026-03-03 09:00"), m.DhsMatchAt);
        Assert.Equal(CustodyWorld.T("2026-03-03 10:00"), m.DetainerLodgedAt);
        Assert.Equal(CustodyWorld.T("2026-03-03 10:30"), m.DetainerServedAt);
        Assert.Equal(CustodyWorld.T("2026-03-05 15:00"), m.TransferredAt);
        Assert.True(m.TransferHonouredHold);
        Assert.Equal((0, 1, 0), (m.DutiesInTime, m.DutiesLate, m.DutiesNeverTold));
        Assert.Equal(60 * 60, m.DutyLateSeconds);
    }

    [Fact]
    public void AHoldThatRunsOut_IsAnExpiry_AndTheOverDetentionStartsAtTheDeadline()
    {
        var world = new CustodyWorld();
        var engine = world.Engine;
        engine.Apply(new Book(CustodyWorld.T("2026-03-03 08:00"), "jms", new BookingDetails("B1", "P1", "MX", "MX", [])));
        Assert.True(world.Lodge("B1", "2026-03-03 10:00").Accepted);
        engine.Apply(new ServeDetainer(CustodyWorld.T("2026-03-03 10:30"), "dso-1", "B1"));
        engine.Apply(new ReleaseEligible(CustodyWorld.T("2026-03-05 09:00"), "jms", "B1", "bond-posted"));
        var outcome = engine.Apply(new Release(CustodyWorld.T("2026-03-07 10:00"), "jms", "B1"));

        var m = outcome.Booking!.Milestones;
        Assert.Equal(CustodyWorld.T("2026-03-07 09:00"), m.HoldExpiredAt);
        Assert.Equal(CustodyWorld.T("2026-03-07 09:00"), m.OverDetentionFrom);
        Assert.Equal(CustodyWorld.T("2026-03-07 10:00"), m.ReleasedAt);
        Assert.Null(m.TransferredAt);
    }

    [Fact]
    public void LinearBounds_PinWhatTheSumsPin_AndLeaveTheRestOpen()
    {
        // x0 + x1 = 5, x1 = 2 (via x1 + x2 = 2 with x2 ≥ 0 only bounding it): x0 ∈ [3, 5], x1 ∈ [0, 2], x3 unconstrained.
        var bounds = LinearBounds.Of(4, [new([0, 1], [1, 1], 5), new([1, 2], [1, 1], 2)]);

        Assert.Equal((3d, 5d), (Math.Round(bounds[0].Min, 6), Math.Round(bounds[0].Max, 6)));
        Assert.Equal((0d, 2d), (Math.Round(bounds[1].Min, 6), Math.Round(bounds[1].Max, 6)));
        Assert.True(double.IsPositiveInfinity(bounds[3].Max));
    }

    [Theory]
    [InlineData(10, null, "in-time")]      // told 10 hours after booking
    [InlineData(30, null, "late")]         // told after the 24 hours
    [InlineData(null, 30, "never-told")]   // never told; released after the due time
    [InlineData(null, 20, null)]           // released before the due time: the duty lapsed, not counted
    [InlineData(null, null, null)]         // still held, not yet told: not settled, not counted
    public void AConsularAdvisal_IsCountedOnceSettled_DatedAtItsDueTime(int? advisedAfterHours, int? releasedAfterHours, string? outcome)
    {
        var booked = Instant.FromUtc(2026, 3, 2, 14, 0);
        Instant? After(int? hours) => hours is { } h ? booked + Duration.FromHours(h) : null;
        var booking = new StatisticsBooking("P1", booked, "MX", [], null, 0, new BookingMilestones { ReleasedAt = After(releasedAfterHours) })
        {
            Notices = NoticeMilestones.None with { ConsularAdvisalDeadline = booked + Duration.FromHours(24), ConsularAdvisedAt = After(advisedAfterHours) },
        };

        var counted = Measures.Find("consular-advisals")!.Contributions(booking, new StatisticsContext(OffenceCategories.Standard)).ToList();

        Assert.Equal(outcome is null ? [] : [new Contribution(booked + Duration.FromHours(24), outcome)], counted);
    }

    [Fact]
    public void ThePersonsNotices_AreCountedByOutcome_AtTheFirstDueTime()
    {
        var due = Instant.FromUtc(2026, 3, 3, 14, 0);
        var booking = new StatisticsBooking("P1", due - Duration.FromHours(30), "MX", [], null, 0, BookingMilestones.None)
        {
            Notices = NoticeMilestones.None with { Person = new Liaison.Domain.Notices.NoticeOutcomes(due, InTime: 2, Late: 1, NeverGiven: 1) },
        };

        var counted = Measures.Find("notices-to-the-person")!.Contributions(booking, new StatisticsContext(OffenceCategories.Standard)).ToList();

        Assert.Equal(["in-time", "in-time", "late", "never-given"], counted.Select(c => c.Category));
        Assert.All(counted, c => Assert.Equal(due, c.At));
    }
}
