using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Domain.Notices;

/// <summary>
/// Which of the person's notices an agency gives (the model is California's TRUTH Act, Gov. Code 7283.1; some states
/// require them, some forbid parts): an agency setting, none by default.
/// </summary>
public enum DualNoticeRule
{
    /// <summary>A copy of every ICE request about the person (detainer, notification request), with whether the jail will comply.</summary>
    RequestCopies,

    /// <summary>When ICE is to be told of the person's release, the person and their attorney of record are told too.</summary>
    ReleaseNotices,

    /// <summary>Before an ICE interview, the person is given the consent form and answers it (interview, only with an attorney, or not at all).</summary>
    InterviewConsent,
}

/// <summary>The person's answer to the interview consent form.</summary>
public enum ConsentAnswer
{
    Agreed,
    WithAttorney,
    Declined,
}

public enum NoticeKind
{
    /// <summary>The person was given a copy of an ICE request.</summary>
    RequestCopy,

    /// <summary>The person (and their attorney of record) were told of the release date ICE is told of.</summary>
    ReleaseNotice,

    /// <summary>The person was given the interview consent form and answered it, before an ICE interview.</summary>
    InterviewConsent,
}

/// <summary>
/// A notice given to the person, recorded beside the custody record (like the consular entries: it is not a custody
/// step and changes no custody state). <paramref name="About"/> is the instant of the entry it answers: the ICE request
/// copied, or the release step ICE is told of.
/// </summary>
public sealed record NoticeGiven(Instant At, string Actor, NoticeKind Kind, Instant About, string? Attorney)
{
    public const int MaxAttorney = 200;

    /// <summary>The person's answer, for the interview consent form (which is about the interview to come: its own instant).</summary>
    public ConsentAnswer? Consent { get; init; }
}

/// <summary>
/// The agency's notice rules over time (decision 0017: settings never rewrite history): each rule set in effect from
/// its instant until the next. A notice is owed when its rule was on at the instant of what it answers, so turning a
/// rule on owes nothing for what came before, and turning it off leaves what was owed owed.
/// </summary>
public sealed class DualNoticeHistory
{
    private readonly List<(Instant From, IReadOnlySet<DualNoticeRule> Rules)> _versions;

    /// <param name="first">The rules from the beginning.</param>
    /// <param name="changes">Each later change, from its instant, in any order.</param>
    public DualNoticeHistory(IReadOnlySet<DualNoticeRule> first, IEnumerable<(Instant From, IReadOnlySet<DualNoticeRule> Rules)>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        _versions = [(Instant.MinValue, first), .. (changes ?? []).OrderBy(c => c.From)];
    }

    /// <summary>The same rules all along (an agency that never changed them).</summary>
    public static DualNoticeHistory Always(params DualNoticeRule[] rules) => new(rules.ToHashSet());

    /// <summary>The rules in effect at <paramref name="at"/>.</summary>
    public IReadOnlySet<DualNoticeRule> At(Instant at) => _versions.Last(v => v.From <= at).Rules;

    /// <summary>The rules in effect now (the latest change).</summary>
    public IReadOnlySet<DualNoticeRule> Current => _versions[^1].Rules;

    /// <summary>Whether any rule was ever on: if not, no booking owes a notice and nothing need be computed.</summary>
    public bool EverAny => _versions.Any(v => v.Rules.Count > 0);
}

/// <summary>
/// What the statistics count of a booking's notices: given in time, given late, and never given — an interview held
/// without the consent form, or a copy or release notice still not given when custody ended after its due time (one
/// not yet due when the person left is not counted). <see cref="FirstDue"/> dates them all, as the duties to tell ICE are.
/// </summary>
public readonly record struct NoticeOutcomes(Instant? FirstDue, int InTime, int Late, int NeverGiven)
{
    public static NoticeOutcomes Of(IEnumerable<NoticeTask> tasks, Instant? custodyEnded)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        int inTime = 0, late = 0, never = 0;
        Instant? first = null;
        foreach (var t in tasks)
        {
            var counted = t.GivenAt is not null || t.Kind == NoticeKind.InterviewConsent || (custodyEnded is { } ended && ended > t.Due);
            if (!counted)
            {
                continue;
            }

            first = first is { } f && f <= t.Due ? f : t.Due;
            if (t.GivenAt is null)
            {
                never++;
            }
            else if (t.GivenLate)
            {
                late++;
            }
            else
            {
                inTime++;
            }
        }

        return new NoticeOutcomes(first, inTime, late, never);
    }
}

/// <summary>One notice owed to the person: what it answers, when it arose and is due, and when it was given.</summary>
public sealed record NoticeTask(NoticeKind Kind, string What, Instant Arose, Instant Due, Instant? GivenAt, string? Attorney)
{
    /// <summary>For an interview's consent: what the person answered.</summary>
    public ConsentAnswer? Consent { get; init; }

    public bool IsOpen => GivenAt is null;

    public bool OverdueAt(Instant now) => GivenAt is null && now >= Due;

    /// <summary>Given, but after its due time.</summary>
    public bool GivenLate => GivenAt is { } given && given > Due;
}

/// <summary>
/// The person's notices a booking owes under the agency's rules, from its custody steps (corrections applied) and the
/// notices recorded, under the rules in effect when what it answers happened: each is due 24 hours after what it answers (Liaison's reading of "within 24 hours" for copies and
/// of "promptly" for release notices, decision 0017).
/// </summary>
public static class DualNotification
{
    public static readonly Duration Allowed = Duration.FromHours(24);

    public static IReadOnlyList<NoticeTask> Tasks(IEnumerable<CustodyStep> effective, IEnumerable<NoticeGiven> given, DualNoticeHistory rules)
    {
        ArgumentNullException.ThrowIfNull(effective);
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(rules);
        if (!rules.EverAny)
        {
            return [];
        }

        var notices = given.ToList();
        var tasks = new List<NoticeTask>();
        bool holdActive = false, notificationRequested = false;
        Instant? lastInterview = null;
        foreach (var step in effective)
        {
            switch (step)
            {
                case LodgeDetainer lodge:
                    holdActive = true;
                    notificationRequested |= lodge.Form.IsNotificationOnly();
                    if (rules.At(lodge.At).Contains(DualNoticeRule.RequestCopies))
                    {
                        tasks.Add(Task(NoticeKind.RequestCopy, $"{Codes.Of(lodge.Form)} {(lodge.Form.IsNotificationOnly() ? "notification request" : "detainer")}", lodge.At, notices));
                    }

                    break;
                case RequestNotification request:
                    notificationRequested = true;
                    if (rules.At(request.At).Contains(DualNoticeRule.RequestCopies))
                    {
                        tasks.Add(Task(NoticeKind.RequestCopy, $"{(request.Form is { } f ? Codes.Of(f) : "I-247")} notification request", request.At, notices));
                    }

                    break;
                case ServeWarrant:
                    holdActive = true;
                    break;
                case LiftDetainer:
                    holdActive = false;
                    break;
                case Interview interview when rules.At(interview.At).Contains(DualNoticeRule.InterviewConsent):
                    // The consent form comes before the interview: the answer recorded since the last interview covers it.
                    var consent = notices.Where(n => n.Kind == NoticeKind.InterviewConsent && n.At <= interview.At && (lastInterview is null || n.At > lastInterview))
                        .OrderBy(n => n.At).LastOrDefault();
                    tasks.Add(new NoticeTask(NoticeKind.InterviewConsent, "interview", interview.At, interview.At, consent?.At, null) { Consent = consent?.Consent });
                    lastInterview = interview.At;
                    break;
                case ReleaseScheduled or ReleaseEligible when (holdActive || notificationRequested) && rules.At(step.At).Contains(DualNoticeRule.ReleaseNotices):
                    tasks.Add(Task(NoticeKind.ReleaseNotice, step is ReleaseScheduled ? "release date set" : "release eligible", step.At, notices));
                    break;
            }
        }

        return tasks;
    }

    private static NoticeTask Task(NoticeKind kind, string what, Instant arose, List<NoticeGiven> notices)
    {
        var given = notices.Where(n => n.Kind == kind && n.About == arose).OrderBy(n => n.At).FirstOrDefault();
        return new NoticeTask(kind, what, arose, arose + Allowed, given?.At, given?.Attorney);
    }

    /// <summary>The consent answer recorded since the last interview (for the next one), or null when none is.</summary>
    public static NoticeGiven? PendingConsent(IEnumerable<CustodyStep> effective, IEnumerable<NoticeGiven> given)
    {
        var lastInterview = effective.OfType<Interview>().Select(i => (Instant?)i.At).LastOrDefault();
        return given.Where(n => n.Kind == NoticeKind.InterviewConsent && (lastInterview is null || n.At > lastInterview)).OrderBy(n => n.At).LastOrDefault();
    }

    /// <summary>The agency's rules from their codes (request-copies, release-notices, interview-consent); unknown codes are ignored.</summary>
    public static IReadOnlySet<DualNoticeRule> Rules(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => Codes.TryParse<DualNoticeRule>(c, out var r) ? r : (DualNoticeRule?)null)
            .OfType<DualNoticeRule>().ToHashSet();

    public static string CodesOf(IEnumerable<DualNoticeRule> rules) => string.Join(",", rules.Distinct().Order().Select(r => Codes.Of(r)));
}
