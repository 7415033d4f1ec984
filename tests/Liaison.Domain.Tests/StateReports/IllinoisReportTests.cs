using Liaison.Domain.Custody;
using Liaison.Domain.StateReports;
using NodaTime;

namespace Liaison.Domain.Tests.StateReports;

/// <summary>Illinois 5 ILCS 805/25: each detainer or warrant received, bail, released or transferred, when and to whom; no personal data; zero certified.</summary>
public sealed class IllinoisReportTests
{
    private static readonly DateTimeZone Chicago = DateTimeZoneProviders.Tzdb["America/Chicago"];
    private static readonly Instant AfterTheYear = Instant.FromUtc(2027, 2, 1, 12, 0);

    private static Instant At(int month, int day, int hour = 12) => Instant.FromUtc(2026, month, day, hour, 0);

    private static LodgeDetainer Lodge(Instant at, DetainerForm form = DetainerForm.I247A) =>
        new(at, "ice-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), new Warrant(WarrantForm.I205, "W-1", "sup-1"), form);

    [Fact]
    public void EachRequestIsARow_WithBailAndWhereThePersonWent()
    {
        var requests = HoldRequests.Of(
        [
            Lodge(At(3, 2)),
            new ReleaseEligible(At(3, 4), "jms", "B1", "bond-posted"),
            new ServeWarrant(At(3, 4, 15), "dso-1", "B1", new Warrant(WarrantForm.I200, "W-2", "sup-1")),
            new AssumeCustody(At(3, 5), "ice-1", "B1"),
        ]);

        var report = new IllinoisReport().Build("Lake County Sheriff", 2026, requests, Chicago, AfterTheYear);

        Assert.True(report.YearEnded);
        Assert.Equal("request,type,form,date_received,bail_posted_date,outcome,outcome_date,transferred_to,lifted_date\n" +
            "1,detainer,I-247A,2026-03-02,2026-03-04,transferred,2026-03-05,U.S. Immigration and Customs Enforcement,\n" +
            "2,warrant,I-200,2026-03-04,2026-03-04,transferred,2026-03-05,U.S. Immigration and Customs Enforcement,\n", report.Csv());
        Assert.Contains("lists every immigration detainer and non-judicial immigration warrant it received from 1 January to 31 December 2026, 2 in all",
            report.Certification, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Notes, n => n.StartsWith("PROVISIONAL", StringComparison.Ordinal));
    }

    [Fact]
    public void ALiftedDetainer_AndARelease_AreRecorded_AndOnlyBailReasonsCountAsBail()
    {
        var requests = HoldRequests.Of(
        [
            Lodge(At(6, 1)),
            new ReleaseEligible(At(6, 2), "jms", "B1", "time-served"),
            new LiftDetainer(At(6, 2, 18), "ice-1", "B1", "ice-cancelled"),
            new Release(At(6, 3), "jms", "B1"),
            new RequestNotification(At(6, 1, 13), "ice-1", "B1", DetainerForm.I247N),
        ]);

        var row = Assert.Single(new IllinoisReport().Build("X", 2026, requests.Take(1), Chicago, AfterTheYear).Rows);
        Assert.Equal(["1", "detainer", "I-247A", "2026-06-01", "", "released", "2026-06-03", "", "2026-06-02"], row);
        Assert.Equal("I-247N", requests[1].Form); // a request for notice of release is an "immigration detainer" in 805/10
        Assert.Equal(HoldOutcome.InCustody, HoldRequests.Of([Lodge(At(6, 1))])[0].Outcome);
    }

    [Fact]
    public void TheYearIsTheFacilitysCalendarYear()
    {
        // 1 January 2026, 03:00 UTC is still 31 December 2025 in Chicago.
        var requests = HoldRequests.Of([Lodge(Instant.FromUtc(2026, 1, 1, 3, 0)), Lodge(Instant.FromUtc(2027, 1, 1, 7, 0))]);

        Assert.Single(new IllinoisReport().Build("X", 2025, requests, Chicago, AfterTheYear).Rows);
        Assert.Empty(new IllinoisReport().Build("X", 2026, requests, Chicago, AfterTheYear).Rows);
        Assert.Equal("2025-12-31", new IllinoisReport().Build("X", 2025, requests, Chicago, AfterTheYear).Rows[0][3]);
    }

    [Fact]
    public void AYearWithNone_IsCertifiedZero_AndAYearNotEnded_IsProvisional()
    {
        var none = new IllinoisReport().Build("Lake County Sheriff", 2026, [], Chicago, AfterTheYear);
        var early = new IllinoisReport().Build("Lake County Sheriff", 2026, [], Chicago, At(12, 1));

        Assert.Equal("request,type,form,date_received,bail_posted_date,outcome,outcome_date,transferred_to,lifted_date\n", none.Csv());
        Assert.Equal("Lake County Sheriff certifies that it received no immigration detainers and no non-judicial immigration warrants from 1 January to 31 December 2026.",
            none.Certification);
        Assert.False(early.YearEnded);
        Assert.StartsWith("PROVISIONAL: 2026 has not ended; this lists requests received to 2026-12-01", early.Notes[0], StringComparison.Ordinal);
    }

    [Fact]
    public void StateFormats_AreFoundByTheirCommandName()
    {
        Assert.IsType<IllinoisReport>(StateReportFormats.Find("illinois"));
        Assert.Null(StateReportFormats.Find("atlantis"));
        Assert.All(StateReportFormats.All, f => Assert.Matches("^[a-z-]+$", f.Id));
    }
}
