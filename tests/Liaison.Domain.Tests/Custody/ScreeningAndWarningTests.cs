using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>Who waits in the screening queue, which refusals a form corrects, and when hold warnings are due: the engine's answers, not a page's.</summary>
public sealed class ScreeningAndWarningTests
{
    [Fact]
    public void ANewBooking_AwaitsScreening_UntilAnOfficerInterviews_AndNeverAgain()
    {
        var world = new CustodyWorld();
        Assert.True(world.Book("B1", "2026-03-02 22:15").Booking!.AwaitingScreening);
        Assert.True(world.Match("B1", "2026-03-02 22:20").Booking!.AwaitingScreening);

        var interviewed = world.Do(new Interview(T("2026-03-03 09:00"), "dso-1", "B1", "es", [], InterviewClaim.Declined));
        Assert.False(interviewed.Booking!.AwaitingScreening);
        Assert.False(world.Scheduled("B1", "2026-03-03 10:00").Booking!.AwaitingScreening);
    }

    [Fact]
    public void ScreeningEnds_WhenThePersonIsNoLongerSimplyInJail_EvenWithoutAnOfficer()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        Assert.False(world.Eligible("B1", "2026-03-03 09:00").Booking!.AwaitingScreening);

        world.Book("B2", "2026-03-03 09:01");
        world.Claim("B2", "2026-03-03 09:02");
        var found = world.Resolve("B2", "2026-03-03 10:00", CitizenshipFinding.UsCitizen);
        Assert.False(found.Booking!.AwaitingScreening);
    }

    [Fact]
    public void AClaimResolvedAgainstThePerson_LeavesThemInTheQueue_IfNoOfficerHasActed()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");
        world.Claim("B1", "2026-03-02 22:30");

        Assert.True(world.Resolve("B1", "2026-03-03 10:00", CitizenshipFinding.NotUsCitizen).Booking!.AwaitingScreening);
    }

    [Fact]
    public void OnlyRefusalsAboutTheStepsOwnArguments_AreForTheFormToCorrect()
    {
        RefusalCode[] arguments = [RefusalCode.MissingProbableCause, RefusalCode.MissingWarrant, RefusalCode.WarrantNotSignedBySupervisor, RefusalCode.MissingEvidence];

        Assert.All(Enum.GetValues<RefusalCode>(), code => Assert.Equal(arguments.Contains(code), code.IsAboutTheArguments()));
    }

    [Theory]
    [InlineData(30, new string[0])]
    [InlineData(24, new[] { "deadline-24h" })]
    [InlineData(5, new[] { "deadline-24h" })]
    [InlineData(4, new[] { "deadline-24h", "deadline-4h" })]
    [InlineData(1, new[] { "deadline-24h", "deadline-4h", "deadline-1h" })]
    [InlineData(0, new string[0])]
    public void HoldWarnings_AreDue_24_4_And1HourBeforeTheDeadline_NotAtOrAfterIt(int hoursLeft, string[] expected)
    {
        var deadline = T("2026-03-05 09:00");

        Assert.Equal(expected, HoldWarnings.DueBy(deadline, deadline - Duration.FromHours(hoursLeft)).Select(Codes.Of));
    }
}
