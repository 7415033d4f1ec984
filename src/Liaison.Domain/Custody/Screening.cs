using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>What an officer concluded on screening a booking without a custody act of their own.</summary>
public enum ScreeningOutcome
{
    /// <summary>Screened: nothing for the agreement to do (e.g. a citizen, or lawful status on record). Ends screening.</summary>
    NoAction,

    /// <summary>Referred to ICE for its own review (an ICE officer decides whether to lodge). Ends screening.</summary>
    Referred,
}

/// <summary>
/// The screening queue's own record, beside the custody rules: an outcome that ends a booking's screening without a
/// custody step, and who the booking is assigned to. Neither changes custody, a hold or a deadline, so neither is a
/// step of the custody rules; both are appended to the booking's record and audited like one.
/// </summary>
public abstract record ScreeningEntry(Instant At, string Actor);

/// <summary>An officer's screening outcome, with why (required for "no action": the reason is the record of the decision).</summary>
public sealed record ScreeningDecision(Instant At, string Actor, ScreeningOutcome Outcome, string? Note) : ScreeningEntry(At, Actor);

/// <summary>The booking's screening given to <see cref="Officer"/> (an officer id), or taken back when null.</summary>
public sealed record ScreeningAssignment(Instant At, string Actor, string? Officer) : ScreeningEntry(At, Actor);

/// <summary>Where a booking's screening stands after its entries, in order: the latest assignment and outcome win.</summary>
public sealed record ScreeningState(ScreeningOutcome? Outcome, string? AssignedTo)
{
    public static readonly ScreeningState None = new(null, null);

    public static ScreeningState Of(IEnumerable<ScreeningEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Aggregate(None, (s, e) => s.With(e));
    }

    /// <summary>The state after one more entry.</summary>
    public ScreeningState With(ScreeningEntry entry) => entry switch
    {
        ScreeningDecision d => this with { Outcome = d.Outcome },
        ScreeningAssignment a => this with { AssignedTo = a.Officer },
        _ => this,
    };

    /// <summary>
    /// Why <paramref name="entry"/> cannot be recorded on a booking whose custody record says <paramref name="awaiting"/>
    /// and whose screening stands at this state, or null. An outcome is recorded once, only while the booking awaits
    /// screening; an assignment only while it awaits screening. (A repeat of what is already recorded is not a problem:
    /// <see cref="AlreadyRecorded"/>.)
    /// </summary>
    public string? Problem(ScreeningEntry entry, bool awaiting)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Outcome is not null || !awaiting)
        {
            return "This booking is no longer awaiting screening: an officer has acted on it or its custody changed.";
        }

        return entry switch
        {
            ScreeningDecision { Outcome: ScreeningOutcome.NoAction, Note: null or "" } =>
                "Reason: say why no action is needed (for example \"born in Chicago, birth certificate seen\"); it is the record of the decision.",
            ScreeningDecision { Note.Length: > MaxNote } => $"Reason: at most {MaxNote} characters.",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="entry"/> would change nothing: the same outcome or assignment is already on record.</summary>
    public bool AlreadyRecorded(ScreeningEntry entry) => entry switch
    {
        ScreeningDecision d => Outcome == d.Outcome,
        ScreeningAssignment a => AssignedTo == a.Officer,
        _ => false,
    };

    public const int MaxNote = 500;
}
