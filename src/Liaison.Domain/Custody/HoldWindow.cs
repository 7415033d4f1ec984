using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// The half-open interval [Start, End) during which a person may lawfully be held for ICE.
/// Start is the instant they would otherwise have gone free; at End the hold must have ended.
/// </summary>
public readonly record struct HoldWindow(Instant Start, Instant End)
{
    public bool IsOpenAt(Instant instant) => instant >= Start && instant < End;

    public Duration Length => End - Start;
}
