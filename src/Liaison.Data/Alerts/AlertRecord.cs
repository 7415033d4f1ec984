using Liaison.Domain;
using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Data.Alerts;

/// <summary>
/// An alert for people to act on. Raised exactly once per booking, kind and due instant (a unique index
/// makes a second raise, after a restart or by a second instance, a no-op).
/// </summary>
public sealed class AlertRecord
{
    public long Id { get; set; }

    public string BookingId { get; set; } = "";

    /// <summary>notify-ice-of-release, citizenship-review-required, hold-expired, deadline-24h/-4h/-1h, duty-halfway or ice-notice-overdue.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The instant the alert is about (e.g. the hold deadline it warns of, or the instant ICE must be told by).</summary>
    public Instant DueAt { get; set; }

    public Instant RaisedAt { get; set; }

    public Instant? EmailedAt { get; set; }

    public Instant? AcknowledgedAt { get; set; }

    public string? AcknowledgedBy { get; set; }

    /// <summary>When the alert's cause ended (custody ended, hold ended, claim resolved, ICE told): it closes itself.</summary>
    public Instant? ClearedAt { get; set; }

    /// <summary>Why it was cleared, in words: "custody ended", "the hold ended"...</summary>
    public string? ClearedBecause { get; set; }

    /// <summary>Neither acknowledged nor cleared.</summary>
    public bool IsOpen => AcknowledgedAt is null && ClearedAt is null;

    /// <summary>Whether the alert is about a complaint (its subject a complaint number), not a booking.</summary>
    public bool IsComplaint => Kind == AlertKinds.ComplaintOverdue;
}

public static class AlertKinds
{
    public const string Deadline24h = "deadline-24h";
    public const string Deadline4h = "deadline-4h";
    public const string Deadline1h = "deadline-1h";
    public const string HoldExpired = "hold-expired";
    public const string NotifyIceOfRelease = "notify-ice-of-release";
    public const string CitizenshipReviewRequired = "citizenship-review-required";

    /// <summary>Half the time the agreement allows to tell ICE (rule 14) has passed and ICE has not been told.</summary>
    public const string DutyHalfway = "duty-halfway";

    public const string IceNoticeOverdue = "ice-notice-overdue";

    /// <summary>A consular duty (advise the person of the right; tell the consulate) passed its due time unmet.</summary>
    public const string ConsularOverdue = "consular-overdue";

    /// <summary>A notice owed to the person (a copy of an ICE request, a release notice, the interview consent form) is past its due time.</summary>
    public const string NoticeOverdue = "notice-overdue";

    /// <summary>
    /// A complaint's clock passed unmet (to ICE within 48 weekday hours, results within 30 days of the finding, assigned,
    /// a finding). Its subject is the complaint's number (C-000042) where other alerts name a booking; only those who
    /// read complaints see it.
    /// </summary>
    public const string ComplaintOverdue = "complaint-overdue";

    /// <summary>A booking's row differs from a replay of its events: the record was changed around the engine.</summary>
    public const string ProjectionMismatch = "projection-mismatch";

    /// <summary>The hold warnings (the schedule is the domain's <see cref="HoldWarnings"/>), furthest first.</summary>
    public static readonly IReadOnlyList<string> Warnings = [.. HoldWarnings.Schedule.Select(Codes.Of)];

    public static string Describe(string kind) => kind switch
    {
        NotifyIceOfRelease => "Notify ICE of release",
        CitizenshipReviewRequired => "Citizenship claim: supervisor review required",
        HoldExpired => "Hold expired: release now",
        Deadline24h => "Hold ends within 24 hours",
        Deadline4h => "Hold ends within 4 hours",
        Deadline1h => "Hold ends within 1 hour",
        DutyHalfway => "Tell ICE: half the time allowed has passed",
        IceNoticeOverdue => "ICE was not told in time: tell ICE now",
        ConsularOverdue => "Consular notification overdue: advise the person or tell the consulate now",
        NoticeOverdue => "Notice to the person overdue: a copy of ICE's request, a release notice, or the consent form before an interview",
        ComplaintOverdue => "Complaint overdue: a clock of the agreement or of the workflow has passed",
        ProjectionMismatch => "Record check: this booking's row differs from its events (administrator)",
        _ => kind,
    };
}
