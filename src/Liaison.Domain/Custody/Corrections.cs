using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// A correction of one accepted event (its place <see cref="Target"/> in the booking's record): voided when
/// <see cref="Replacement"/> is null, otherwise read as <see cref="Replacement"/> (the same act by the same actor at
/// the same instant, with the values it should have had). The original is never changed; the correction is appended.
/// </summary>
public sealed record Correction(int Target, CustodyStep? Replacement, string Reason)
{
    public bool Voids => Replacement is null;
}

/// <summary>One accepted entry of a booking's record, in order: a step (with the hold deadline stored with it) or a correction.</summary>
public sealed record RecordedStep(int Sequence, CustodyStep? Step, Instant? HoldDeadline, Correction? Correction = null);

/// <summary>
/// What a booking's record says happened once its corrections are applied: the history the engine replays. The
/// latest correction of an event wins (so a second correction can restore the original values, or undo a void).
/// </summary>
public static class CorrectedHistory
{
    /// <summary>
    /// The steps to replay, in order. Hold deadlines stored before the first corrected event are kept (rule: a later
    /// change of settings never moves a deadline); from the first corrected event on they are judged again, because the
    /// correction may have moved the hold itself.
    /// </summary>
    public static IReadOnlyList<(CustodyStep Step, Instant? HoldDeadline)> Of(IReadOnlyList<RecordedStep> accepted)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var latest = new Dictionary<int, Correction>();
        foreach (var c in accepted.Select(r => r.Correction).OfType<Correction>())
        {
            latest[c.Target] = c;
        }

        var history = new List<(CustodyStep, Instant?)>(accepted.Count);
        var corrected = false;
        foreach (var entry in accepted)
        {
            if (entry.Step is not { } step)
            {
                continue; // a correction is read through its target, not replayed
            }

            if (latest.TryGetValue(entry.Sequence, out var correction))
            {
                corrected = true;
                if (correction.Replacement is { } replacement)
                {
                    history.Add((replacement, null));
                }

                continue;
            }

            history.Add((step, corrected ? null : entry.HoldDeadline));
        }

        return history;
    }

    /// <summary>Why <paramref name="correction"/> cannot apply to <paramref name="target"/>; null when it can.</summary>
    public static string? Problem(RecordedStep target, Correction correction)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(correction);
        if (target.Step is not { } original)
        {
            return "A correction cannot itself be corrected: correct the event it corrected instead.";
        }

        if (original is Book or Tick)
        {
            return "The booking itself is the jail's record: the jail corrects it in its own system.";
        }

        if (original is BiometricResponse)
        {
            return "DHS's response is DHS's record: it is corrected by a new response from DHS.";
        }

        if (string.IsNullOrWhiteSpace(correction.Reason))
        {
            return "Reason: say why the entry was wrong (it stays on the record with the correction).";
        }

        if (correction.Replacement is { } replacement
            && (replacement.Action != original.Action || replacement.At != original.At || replacement.Actor != original.Actor || replacement.BookingId != original.BookingId))
        {
            return "A correction keeps the act, its actor and its instant; only the values recorded with it change. Void it and record the right act instead.";
        }

        return null;
    }

    /// <summary>
    /// Whether going from <paramref name="before"/> to <paramref name="after"/> changes custody or a deadline: what a
    /// second person (an ICE supervisor) must approve before the correction is recorded.
    /// </summary>
    public static bool ChangesCustodyOrDeadline(BookingSnapshot before, BookingSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return before.Custody != after.Custody || before.HoldAuthority != after.HoldAuthority || before.Citizenship != after.Citizenship
            || before.HoldDeadline != after.HoldDeadline || before.EligibleAt != after.EligibleAt || before.OverDetention != after.OverDetention
            || !before.Duties.Select(d => (d.About, d.Due)).SequenceEqual(after.Duties.Select(d => (d.About, d.Due)));
    }
}
