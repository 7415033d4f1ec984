using System.Buffers;
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

    /// <summary>
    /// Writes every field that makes the entry what it is, in a fixed order, as one JSON array (numbers, strings,
    /// booleans, nulls; default escaping), e.g. with <see cref="HashChain.Write(Utf8JsonWriter, object?)"/>.
    /// </summary>
    void WriteCanonical(Utf8JsonWriter json);
}

public static class HashChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    // One buffer and writer per thread: verifying a chain hashes hundreds of thousands of entries.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _json;

    /// <summary>SHA-256, in lower-case hex, over the previous hash, a newline, and the entry's canonical form.</summary>
    public static string Compute(string previousHash, IChained entry)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(previousHash, entry, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether the entry's stored hash is SHA-256 of its stored previous hash and its content.</summary>
    public static bool Matches(IChained entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Span<char> hex = stackalloc char[2 * SHA256.HashSizeInBytes];
        HashInto(entry.PreviousHash, entry, hash);
        return Convert.TryToHexStringLower(hash, hex, out _) && hex.SequenceEqual(entry.Hash);
    }

    /// <summary>Exactly the bytes <see cref="Compute"/> hashes (for benchmarks and for checking the chain by other tools).</summary>
    public static byte[] HashedBytes(string previousHash, IChained entry) => Input(previousHash, entry).ToArray();

    /// <summary>The canonical form as text.</summary>
    public static string Canonical(IChained entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = Encoding.UTF8.GetString(Input("", entry).Span);
        return text[1..]; // after the newline that follows the (here empty) previous hash
    }

    /// <summary>Links <paramref name="entry"/> after the entry at <paramref name="headIndex"/> whose hash is <paramref name="headHash"/>.</summary>
    public static void Link(IChained entry, long headIndex, string headHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.ChainIndex = headIndex + 1;
        entry.PreviousHash = headHash;
        entry.Hash = Compute(headHash, entry);
    }

    /// <summary>Writes one field of a canonical form: a number, a string, a boolean or null, nothing else.</summary>
    public static void Write(Utf8JsonWriter json, object? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case bool b: json.WriteBooleanValue(b); break;
            default: throw new ArgumentException($"A canonical form holds numbers, strings, booleans and nulls, not {value.GetType().Name}.", nameof(value));
        }
    }

    private static void HashInto(string previousHash, IChained entry, Span<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(entry);
        SHA256.HashData(Input(previousHash, entry).Span, hash);
    }

    /// <summary>The previous hash, a newline, and the canonical form, in UTF-8, in this thread's buffer.</summary>
    private static ReadOnlyMemory<byte> Input(string previousHash, IChained entry)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var prefix = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(previousHash.Length) + 1);
        var written = Encoding.UTF8.GetBytes(previousHash, prefix);
        prefix[written] = (byte)'\n';
        buffer.Advance(written + 1);
        var json = _json ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartArray();
        entry.WriteCanonical(json);
        json.WriteEndArray();
        json.Flush();
        return buffer.WrittenMemory;
    }
}
