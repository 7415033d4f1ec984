using Liaison.Domain.Custody;
using Liaison.Domain.Notices;
using NodaTime;

namespace Liaison.Domain.Tests.Notices;

/// <summary>The person's notices a booking owes under the agency's dual-notification rules, and when.</summary>
public sealed class DualNotificationTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 3, 2, 14, 0);
    private static readonly DualNoticeHistory Both = DualNoticeHistory.Always(DualNoticeRule.RequestCopies, DualNoticeRule.ReleaseNotices);

    private static LodgeDetainer Lodge(Instant at, DetainerForm form = DetainerForm.I247A) => new(at, "dso-1", "B1", default, null, form);

    [Fact]
    public void EveryIceRequest_OwesACopyWithin24Hours_AndAReleaseIceIsToBeToldOf_OwesTheNoticeToo()
    {
        CustodyStep[] steps =
        [
            Lodge(T),
            new RequestNotification(T + Duration.FromHours(1), "ice-1", "B1", DetainerForm.I247G),
            new ReleaseEligible(T + Duration.FromHours(5), "jms", "B1", "bond-posted"),
        ];

        var tasks = DualNotification.Tasks(steps, [], Both);

        Assert.Equal(
            [(NoticeKind.RequestCopy, "I-247A detainer", T + Duration.FromHours(24)), (NoticeKind.RequestCopy, "I-247G notification request", T + Duration.FromHours(25)),
                (NoticeKind.ReleaseNotice, "release eligible", T + Duration.FromHours(29))],
            tasks.Select(t => (t.Kind, t.What, t.Due)));
        Assert.All(tasks, t => Assert.True(t.IsOpen));
        Assert.False(tasks[0].OverdueAt(T + Duration.FromHours(24) - Duration.Epsilon));
        Assert.True(tasks[0].OverdueAt(T + Duration.FromHours(24)));
    }

    [Fact]
    public void ANoticeGiven_MeetsTheTaskItAnswers_OnTimeOrLate_AndNoOther()
    {
        CustodyStep[] steps = [Lodge(T), new RequestNotification(T + Duration.FromHours(1), "ice-1", "B1", DetainerForm.I247N)];
        NoticeGiven[] given = [new(T + Duration.FromHours(30), "records", NoticeKind.RequestCopy, T, null)];

        var tasks = DualNotification.Tasks(steps, given, Both);

        Assert.Equal(T + Duration.FromHours(30), tasks[0].GivenAt);
        Assert.True(tasks[0].GivenLate);
        Assert.False(tasks[0].OverdueAt(T + Duration.FromDays(5)));
        Assert.True(tasks[1].IsOpen);
    }

    [Fact]
    public void WithoutTheRule_NothingIsOwed_AndAReleaseNoOneAskedAbout_OwesNoNotice()
    {
        CustodyStep[] steps = [Lodge(T), new ReleaseEligible(T + Duration.FromHours(5), "jms", "B1", "bond-posted")];
        Assert.Empty(DualNotification.Tasks(steps, [], DualNoticeHistory.Always()));
        Assert.Equal([NoticeKind.RequestCopy], DualNotification.Tasks(steps, [], DualNoticeHistory.Always(DualNoticeRule.RequestCopies)).Select(t => t.Kind));

        // A lifted detainer leaves nothing for ICE to be told of: the release owes no notice.
        CustodyStep[] lifted = [Lodge(T), new LiftDetainer(T + Duration.FromHours(2), "ice-1", "B1", "ice-declined"), new ReleaseEligible(T + Duration.FromHours(5), "jms", "B1", "bond-posted")];
        Assert.DoesNotContain(DualNotification.Tasks(lifted, [], Both), t => t.Kind == NoticeKind.ReleaseNotice);
        Assert.Empty(DualNotification.Tasks([new ReleaseEligible(T, "jms", "B1", "bond-posted")], [], Both));
    }

    [Theory]
    [InlineData("request-copies,release-notices", "request-copies,release-notices")]
    [InlineData(" release-notices , request-copies ", "request-copies,release-notices")]
    [InlineData("release-notices,bogus", "release-notices")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void TheAgencysRules_ReadFromTheirCodes(string? stored, string expected) =>
        Assert.Equal(expected, DualNotification.CodesOf(DualNotification.Rules(stored)));

    [Fact]
    public void EachInterview_IsCoveredOnlyByAConsentAnswerRecordedSinceThePreviousOne()
    {
        var rules = DualNoticeHistory.Always(DualNoticeRule.InterviewConsent);
        CustodyStep[] steps =
        [
            new Interview(T + Duration.FromHours(1), "dso-1", "B1", "es", ["rights"], null),
            new Interview(T + Duration.FromHours(5), "dso-1", "B1", "es", ["rights"], null),
        ];
        NoticeGiven[] given = [new(T, "dso-1", NoticeKind.InterviewConsent, T, null) { Consent = ConsentAnswer.Declined }];

        var tasks = DualNotification.Tasks(steps, given, rules);

        Assert.Equal((T, ConsentAnswer.Declined), (tasks[0].GivenAt!.Value, tasks[0].Consent!.Value));
        Assert.True(tasks[1].IsOpen);
        Assert.True(tasks[1].OverdueAt(T + Duration.FromHours(5))); // due before the interview: missing once it happened
        Assert.Null(DualNotification.PendingConsent(steps, given));
        var next = new NoticeGiven(T + Duration.FromHours(6), "dso-1", NoticeKind.InterviewConsent, T + Duration.FromHours(6), null) { Consent = ConsentAnswer.Agreed };
        Assert.Equal(next, DualNotification.PendingConsent(steps, [.. given, next]));
    }

    [Fact]
    public void TheRulesInEffectWhenIceAsked_DecideWhatIsOwed_SoChangingThemRewritesNothing()
    {
        // Copies from 10:00 to 14:00 only.
        var rules = new DualNoticeHistory(new HashSet<DualNoticeRule>(), [
            (T + Duration.FromHours(1), new HashSet<DualNoticeRule> { DualNoticeRule.RequestCopies }),
            (T + Duration.FromHours(5), new HashSet<DualNoticeRule>()),
        ]);
        CustodyStep[] steps =
        [
            Lodge(T),                                                                                   // before: owes nothing
            new RequestNotification(T + Duration.FromHours(1), "ice-1", "B1", DetainerForm.I247G),      // the instant it was turned on: owed
            new RequestNotification(T + Duration.FromHours(6), "ice-1", "B1", DetainerForm.I247N),      // after it was turned off: nothing
        ];

        var tasks = DualNotification.Tasks(steps, [], rules);

        Assert.Equal([T + Duration.FromHours(1)], tasks.Select(t => t.Arose));
        Assert.Empty(rules.Current);
        Assert.True(rules.EverAny);
        Assert.False(DualNoticeHistory.Always().EverAny);
    }

    [Fact]
    public void TheStatistics_CountANoticeInTimeLateOrNeverGiven_OnceSettled()
    {
        var due = T + Duration.FromHours(24);
        NoticeTask Copy(Instant? given) => new(NoticeKind.RequestCopy, "I-247A detainer", T, due, given, null);
        NoticeTask[] tasks =
        [
            Copy(T + Duration.FromHours(2)),                                              // in time
            Copy(due + Duration.FromHours(1)),                                            // late
            Copy(null),                                                                   // open: never given only if custody ended after the due time
            new(NoticeKind.InterviewConsent, "interview", T + Duration.FromHours(3), T + Duration.FromHours(3), null, null), // an interview without the form
        ];

        Assert.Equal(new NoticeOutcomes(T + Duration.FromHours(3), 1, 1, 1), NoticeOutcomes.Of(tasks, custodyEnded: null));
        Assert.Equal(new NoticeOutcomes(T + Duration.FromHours(3), 1, 1, 1), NoticeOutcomes.Of(tasks, custodyEnded: due - Duration.FromHours(1)));
        Assert.Equal(new NoticeOutcomes(T + Duration.FromHours(3), 1, 1, 2), NoticeOutcomes.Of(tasks, custodyEnded: due + Duration.FromHours(1)));
        Assert.Equal(default, NoticeOutcomes.Of([Copy(null)], null));
    }
}
