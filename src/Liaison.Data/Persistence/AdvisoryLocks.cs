namespace Liaison.Data.Persistence;

/// <summary>PostgreSQL advisory lock keys Liaison takes (one namespace: "LSN" and a number).</summary>
public static class AdvisoryLocks
{
    /// <summary>Held by a transaction appending to the hash chains, to its end.</summary>
    public const long ChainAppend = 0x4C534E_0001;

    /// <summary>Held by the one instance that runs the deadline monitor and the other timed jobs, for as long as it lives.</summary>
    public const long Leader = 0x4C534E_0002;
}
