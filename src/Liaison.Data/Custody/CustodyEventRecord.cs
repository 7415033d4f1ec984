using Liaison.Data.Audit;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>
/// One step given to the engine for a booking, accepted or refused, never changed afterwards.
/// <see cref="StepJson"/> is the step in the scenario file's own format, so a booking's accepted events
/// replay through the same parser and engine as any scenario.
/// </summary>
public sealed class CustodyEventRecord : IChained
{
    public long Id { get; set; }

    /// <summary>Place in the hash chain of all custody events (1, 2, 3... in the order they were stored).</summary>
    public long ChainIndex { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public string BookingId { get; set; } = "";

    /// <summary>1, 2, 3... per booking, in the order the engine saw the steps.</summary>
    public int Sequence { get; set; }

    public Instant At { get; set; }

    public string Action { get; set; } = "";

    /// <summary>The engine actor: jms, dhs, subject or an officer id.</summary>
    public string Actor { get; set; } = "";

    /// <summary>The signed-in account that entered it, when it came through the web.</summary>
    public string? UserName { get; set; }

    public string StepJson { get; set; } = "";

    public bool Accepted { get; set; }

    public string? RefusalCode { get; set; }

    public string? RefusalReason { get; set; }

    /// <summary>
    /// While the booking is held for ICE after this step, the hold's deadline, fixed when the hold started under
    /// the settings then in effect. Replay keeps it: no later change of settings moves a deadline.
    /// </summary>
    public Instant? HoldDeadline { get; set; }

    public void WriteCanonical(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumberValue(ChainIndex);
        HashChain.Write(json, BookingId);
        json.WriteNumberValue(Sequence);
        json.WriteNumberValue(At.ToUnixTimeTicks());
        HashChain.Write(json, Action);
        HashChain.Write(json, Actor);
        HashChain.Write(json, UserName);
        HashChain.Write(json, StepJson);
        json.WriteBooleanValue(Accepted);
        HashChain.Write(json, RefusalCode);
        HashChain.Write(json, RefusalReason);
        if (HoldDeadline is { } deadline)
        {
            json.WriteNumberValue(deadline.ToUnixTimeTicks());
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
