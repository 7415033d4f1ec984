using NodaTime;

namespace Liaison.Data.Audit;

/// <summary>
/// One entry of the audit log: who did or read what, when, about which record, from which address. Written in
/// the same transaction as the write it records; never changed (database triggers) and hash-chained.
/// </summary>
public sealed class AuditEntryRecord : IChained
{
    public long Id { get; set; }

    public long ChainIndex { get; set; }

    public Instant At { get; set; }

    /// <summary>The signed-in account, or a system actor (jms, dhs, demo, monitor) for what no person did.</summary>
    public string Actor { get; set; } = "";

    /// <summary>The client's address, when the entry came through the web.</summary>
    public string? Address { get; set; }

    /// <summary>What happened, e.g. custody.step, custody.refused, case.read, search.read, settings.change.</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of record (booking, settings, holiday, officer...) and its id.</summary>
    public string RecordType { get; set; } = "";

    public string? RecordId { get; set; }

    /// <summary>What the entry says beyond that: the step, the query, the values before and after.</summary>
    public string? Details { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    public void WriteCanonical(System.Text.Json.Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumberValue(ChainIndex);
        json.WriteNumberValue(At.ToUnixTimeTicks());
        HashChain.Write(json, Actor);
        HashChain.Write(json, Address);
        HashChain.Write(json, Action);
        HashChain.Write(json, RecordType);
        HashChain.Write(json, RecordId);
        HashChain.Write(json, Details);
    }
}
