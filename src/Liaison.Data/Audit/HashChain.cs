using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Liaison.Data.Audit;

/// <summary>
/// A record kept in a hash chain: its place (<see cref="ChainIndex"/>, 1, 2, 3... without gaps), the hash of the
/// entry before it, and its own hash, a SHA-256 over the previous hash and its canonical form. Editing,
/// deleting, inserting or reordering any entry breaks the chain from there on.
/// </summary>
public interface IChained
{
    long ChainIndex { get; set; }

    string PreviousHash { get; set; }

    string Hash { get; set; }

    /// <summary>Every field that makes the entry what it is, in a fixed order, as a JSON array.</summary>
    string Canonical();
}

public static class HashChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>SHA-256, in lower-case hex, over the previous hash, a newline, and the canonical form.</summary>
    public static string Compute(string previousHash, string canonical)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(canonical);
        var bytes = Encoding.UTF8.GetBytes(previousHash + "\n" + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>Links <paramref name="entry"/> after the entry at <paramref name="headIndex"/> whose hash is <paramref name="headHash"/>.</summary>
    public static void Link(IChained entry, long headIndex, string headHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.ChainIndex = headIndex + 1;
        entry.PreviousHash = headHash;
        entry.Hash = Compute(headHash, entry.Canonical());
    }

    /// <summary>The fields as a JSON array: unambiguous whatever the values contain.</summary>
    public static string CanonicalOf(params object?[] fields) => JsonSerializer.Serialize(fields);
}
