using Liaison.Domain;
using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>What became of a step, whichever entry point gave it.</summary>
public enum StepResultKind
{
    /// <summary>The engine accepted it; it is stored.</summary>
    Applied,

    /// <summary>The same event (same external id, same content) was applied before: nothing changed.</summary>
    AlreadyApplied,

    /// <summary>Refused with a code (the engine's, or the write path's own: in-the-future, event-id-conflict).</summary>
    Refused,

    /// <summary>The booking's record changed under it (another writer at the same moment), or no longer replays: nothing was stored.</summary>
    Conflict,
}

/// <summary>
/// The one answer of the write path. Entry points map it in one place each: <c>StepResultHttp</c> (web and API),
/// the importers' exit codes (0 applied or already applied, 3 when any row was refused or conflicted).
/// </summary>
public sealed record StepResult(StepResultKind Kind, string? Code, string? Reason, StepOutcome? Outcome)
{
    /// <summary>A step dated more than this after the clock is refused: the clock bounds only the future.</summary>
    public static readonly Duration FutureTolerance = Duration.FromMinutes(5);

    public const string InTheFuture = "in-the-future";
    public const string EventIdConflict = "event-id-conflict";
    public const string ConcurrentAct = "concurrent-act";
    public const string RecordInconsistent = "record-inconsistent";

    public bool Succeeded => Kind is StepResultKind.Applied or StepResultKind.AlreadyApplied;

    public static StepResult Applied(StepOutcome outcome) => new(StepResultKind.Applied, null, null, outcome);

    public static StepResult AlreadyApplied() => new(StepResultKind.AlreadyApplied, null, null, null);

    public static StepResult Refused(StepOutcome outcome) =>
        new(StepResultKind.Refused, Codes.Of(outcome.Refusal!.Code), outcome.Refusal.Reason, outcome);

    public static StepResult Refused(string code, string reason) => new(StepResultKind.Refused, code, reason, null);

    public static StepResult Conflict(string code, string reason) => new(StepResultKind.Conflict, code, reason, null);
}

/// <summary>An event's identity in the system that sent it (a JMS event id, a DHS message id) and a hash of its content.</summary>
public sealed record ExternalKey(string Channel, string Id, string ContentHash);

/// <summary>
/// One step for the write path: the step at its own instant, who gives it, and for a booking the person's details;
/// with an <see cref="ExternalKey"/> when it came from another system (idempotent: a second delivery changes nothing).
/// </summary>
public sealed record Submission(CustodyStep Step, ActingAs ActingAs)
{
    /// <summary>For a <see cref="Book"/> step: the person as the jail recorded them.</summary>
    public NewBooking? Person { get; init; }

    public ExternalKey? Key { get; init; }

    /// <summary>When recording past history (the demo county): the audit entry is dated at the step, not at the clock.</summary>
    public bool IsHistory { get; init; }
}
