using System.Security.Cryptography;
using System.Text;

namespace Liaison.Domain;

/// <summary>
/// A code handed to a member of the public: <c>LC-7F3K-9Q2M</c>, a prefix naming what it is for, then eight characters
/// of Crockford's base 32 (no I, L, O or U, so nothing is misread), 40 bits from a cryptographic generator. It is a key
/// (to a complaint's status, to one survey response), so Liaison keeps only its SHA-256 hash; read back, it forgives
/// case, spaces, missing dashes and the look-alikes (O for 0, I and L for 1).
/// </summary>
public sealed class PublicCode(string prefix)
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public string Prefix { get; } = prefix;

    /// <summary>A new code, from <paramref name="random"/> (the system's cryptographic generator when null).</summary>
    public string New(RandomNumberGenerator? random = null)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (random is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            random.GetBytes(bytes);
        }

        var chars = new char[8];
        for (var i = 0; i < 8; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31]; // 256 is a multiple of 32: every character equally likely
        }

        return $"{Prefix}-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    /// <summary>The code as typed, in its canonical form, or null when it cannot be one.</summary>
    public string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var sb = new StringBuilder(8);
        var body = typed.Trim().ToUpperInvariant();
        if (body.StartsWith(Prefix, StringComparison.Ordinal))
        {
            body = body[Prefix.Length..];
        }

        foreach (var c in body)
        {
            var mapped = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            if (c is '-' or ' ')
            {
                continue;
            }

            if (!Alphabet.Contains(mapped, StringComparison.Ordinal))
            {
                return null;
            }

            sb.Append(mapped);
        }

        return sb.Length == 8 ? $"{Prefix}-{sb.ToString(0, 4)}-{sb.ToString(4, 4)}" : null;
    }

    /// <summary>What is stored of a code: its SHA-256, hex.</summary>
    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(canonical)));
}
