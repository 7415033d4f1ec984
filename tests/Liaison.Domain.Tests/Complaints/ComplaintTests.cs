using System.Text.RegularExpressions;
using Liaison.Domain.Complaints;
using NodaTime;

namespace Liaison.Domain.Tests.Complaints;

/// <summary>The complaint workflow and the agreement's clocks on it, and the public's tracking code.</summary>
public sealed partial class ComplaintTests
{
    private static readonly DateTimeZone Eastern = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static Instant Local(int month, int day, int hour) => new LocalDateTime(2026, month, day, hour, 0).InZoneLeniently(Eastern).ToInstant();

    [Theory]
    [InlineData(3, 4, 10, 3, 6, 10)]  // Wednesday 10:00 → Friday 10:00
    [InlineData(3, 6, 16, 3, 10, 16)] // Friday 16:00 → Tuesday 16:00: the weekend (and its change to daylight time) does not count
    [InlineData(3, 7, 11, 3, 11, 0)]  // Saturday → the clock starts Monday 00:00: Wednesday 00:00
    public void ICE_IsOwedTheComplaintWithin48Hours_WeekendsExcluded_InTheFacilitysZone(int month, int day, int hour, int dueMonth, int dueDay, int dueHour)
    {
        var state = new ComplaintState(Local(month, day, hour), Eastern);

        var ice = state.Clocks.Single(c => c.What == "referred to ICE");

        Assert.Equal(Local(dueMonth, dueDay, dueHour), ice.Due);
    }

    [Fact]
    public void TheWorkflow_GoesReceivedAssignedInvestigatingFindingClosed_AndEachStepSaysWhyNot()
    {
        var received = Local(3, 2, 9);
        var state = new ComplaintState(received, Eastern);
        Assert.Equal("Assign the complaint before the investigation starts.", state.Problem(new InvestigationStarted(received, "ia")));
        Assert.Equal("A finding is recorded after the investigation has started, once.", state.Problem(new FindingRecorded(received, "ia", ComplaintFinding.Unfounded, "x")));
        Assert.Equal("Investigator: name the person who investigates.", state.Problem(new ComplaintAssigned(received, "ia", "")));

        state = state.With(new ComplaintAssigned(received + Duration.FromHours(2), "ia", "lt-ortiz"))
            .With(new InvestigationStarted(received + Duration.FromDays(1), "lt-ortiz"));
        Assert.Equal(ComplaintStage.Investigating, state.Stage);
        Assert.Equal("Summary: say what the investigation found.", state.Problem(new FindingRecorded(received, "ia", ComplaintFinding.Sustained, " ".Trim())));

        var found = received + Duration.FromDays(20);
        state = state.With(new FindingRecorded(found, "lt-ortiz", ComplaintFinding.Sustained, "The officer did not give the detainer notice."));
        Assert.Equal("The finding is recorded: the complaint is not reassigned.", state.Problem(new ComplaintAssigned(found, "ia", "sgt-lee")));
        // ICE is owed the results within 30 days of the finding: the complaint cannot close without them.
        Assert.Equal("Send ICE the results before closing: the agreement requires them within 30 days of the finding.", state.Problem(new ComplaintClosed(found, "ia")));
        Assert.Equal(found + Duration.FromDays(30), state.Clocks.Single(c => c.What == "results to ICE").Due);

        state = state.With(new ComplaintReferred(found + Duration.FromDays(2), "ia", ReferralBody.Ice, "ERO-77", Results: true));
        Assert.Null(state.Problem(new ComplaintClosed(found + Duration.FromDays(2), "ia")));
        state = state.With(new ComplaintClosed(found + Duration.FromDays(2), "ia"));
        Assert.Equal(ComplaintStage.Closed, state.Stage);
        Assert.Equal("The complaint is closed: nothing more can be recorded on it.", state.Problem(new ComplaintReferred(found, "ia", ReferralBody.DhsOig, null)));
    }

    [Fact]
    public void AComplaintAboutNoOneInAnImmigrationRole_OwesICENothing_AndItsClocksSaySo()
    {
        var received = Local(3, 2, 9);
        var state = new ComplaintState(received, Eastern);
        Assert.Contains(state.Clocks, c => c.What == "referred to ICE"); // owed until staff say otherwise
        Assert.True(state.Clocks.Single(c => c.What == "referred to ICE").OverdueAt(received + Duration.FromDays(3)));

        state = state.With(new ComplaintScoped(received + Duration.FromHours(1), "ia", ImmigrationRole: false, "B1", null));

        Assert.Equal(["assigned", "finding"], state.Clocks.Select(c => c.What));
        Assert.Equal([received + Duration.FromDays(3), received + Duration.FromDays(90)], state.Clocks.Select(c => c.Due));
    }

    [Fact]
    public void AReferralToIce_MeetsItsClock_LateIfAfterTheDueTime()
    {
        var received = Local(3, 6, 16); // Friday: due Tuesday 16:00
        var state = new ComplaintState(received, Eastern).With(new ComplaintReferred(Local(3, 10, 17), "ia", ReferralBody.Ice, "ICE-JIRA-1"));

        var ice = state.Clocks.Single(c => c.What == "referred to ICE");

        Assert.True(ice.MetLate);
        Assert.False(ice.OverdueAt(Local(3, 20, 0)));
    }

    [Fact]
    public void ATrackingCode_IsHardToGuess_AndReadsBackHoweverItIsTyped()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCode.New()).ToList();
        Assert.All(codes, c => Assert.Matches(CodeShape(), c));
        Assert.Equal(codes.Count, codes.Distinct().Count());

        Assert.Equal("LC-7F3K-9Q2M", TrackingCode.Normalize("LC-7F3K-9Q2M"));
        Assert.Equal("LC-7F3K-9Q2M", TrackingCode.Normalize(" lc 7f3k 9q2m "));
        Assert.Equal("LC-7F3K-9Q2M", TrackingCode.Normalize("7F3K9Q2M"));
        Assert.Equal("LC-0F1K-9Q2M", TrackingCode.Normalize("LC-OFIK-9Q2M")); // O and I read as 0 and 1
        Assert.Null(TrackingCode.Normalize("LC-7F3K-9Q2"));
        Assert.Null(TrackingCode.Normalize("LC-7F3K-9Q2U"));
        Assert.Null(TrackingCode.Normalize("<script>"));
        Assert.Equal(64, TrackingCode.Hash("LC-7F3K-9Q2M").Length);
        Assert.NotEqual(TrackingCode.Hash("LC-7F3K-9Q2M"), TrackingCode.Hash("LC-7F3K-9Q2N"));
    }

    [GeneratedRegex("^LC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex CodeShape();
}
