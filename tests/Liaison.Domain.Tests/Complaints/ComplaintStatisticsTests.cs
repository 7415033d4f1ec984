using Liaison.Domain.Complaints;
using Liaison.Domain.Statistics;
using NodaTime;

namespace Liaison.Domain.Tests.Complaints;

/// <summary>The measures of complaints: received, closed by finding, and ICE's 48-hour referral by outcome, once settled.</summary>
public sealed class ComplaintStatisticsTests
{
    private static readonly DateTimeZone Eastern = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Instant Local(int month, int day, int hour) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(Eastern).ToInstant();

    private static ComplaintState Filed(Instant at, params ComplaintEntry[] entries) => ComplaintState.Of(at, Eastern, entries);

    private static ComplaintState Closed(Instant at, ComplaintFinding finding, Instant closedAt, params ComplaintEntry[] before) => Filed(at,
        [new ComplaintAssigned(at, "m", "park"), new InvestigationStarted(at, "m"), .. before, new FindingRecorded(closedAt, "m", finding, "why"),
            new ComplaintReferred(closedAt, "m", ReferralBody.Ice, null, Results: true), new ComplaintClosed(closedAt, "m")]);

    private static double Get(StatisticsFigures figures, string measure, string category, YearMonth month) =>
        figures.Get(Measures.Find(measure)!, StatPeriod.OfMonth(month), StatisticsFigures.AllModels, category).Value!.Value;

    [Fact]
    public void Complaints_AreCountedReceived_ClosedByFinding_AndReferredToIceByOutcome_OnceSettled()
    {
        var march = new YearMonth(2026, 3);
        var april = new YearMonth(2026, 4);
        var wednesday = Local(3, 4, 10); // owed to ICE by Friday 10:00
        ComplaintState[] complaints =
        [
            Closed(wednesday, ComplaintFinding.Sustained, Local(4, 2, 9), new ComplaintReferred(Local(3, 5, 9), "m", ReferralBody.Ice, "R1")), // in time
            Closed(wednesday, ComplaintFinding.Unfounded, Local(4, 3, 9), new ComplaintReferred(Local(3, 9, 9), "m", ReferralBody.Ice, "R2")), // late
            Closed(wednesday, ComplaintFinding.Unfounded, Local(4, 6, 9)), // closed, never sent
            Filed(wednesday), // open, past due, not sent: not yet settled
            Filed(wednesday, new ComplaintScoped(wednesday, "m", ImmigrationRole: false, null, null)), // not owed to ICE
            Filed(Local(4, 1, 9)),
        ];
        var figures = StatisticsFigures.Empty(Eastern);

        figures.AddComplaints(complaints);

        Assert.Equal(5, Get(figures, "complaints-received", Measure.All, march));
        Assert.Equal(1, Get(figures, "complaints-received", Measure.All, april));
        Assert.Equal((1, 2, 0, 3), (Get(figures, "complaints-closed", "sustained", april), Get(figures, "complaints-closed", "unfounded", april),
            Get(figures, "complaints-closed", "sustained", march), Get(figures, "complaints-closed", Measure.All, april)));
        Assert.Equal((1, 1, 1, 3), (Get(figures, "complaints-referred-to-ice", "in-time", march), Get(figures, "complaints-referred-to-ice", "late", march),
            Get(figures, "complaints-referred-to-ice", "never-told", march), Get(figures, "complaints-referred-to-ice", Measure.All, march)));
        Assert.All(Measures.All.Where(m => m.ComplaintContributions is not null), m => Assert.Equal([StatisticsFigures.AllModels], StatisticsFigures.ModelsOf(m)));
    }
}
