using System.Security.Cryptography;
using NodaTime;

namespace Liaison.Data.Identity;

/// <summary>
/// Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the kind every authenticator app
/// reads from a QR code. Ours rather than Identity's internal one so that the time comes from the injected clock.
/// </summary>
public static class Totp
{
    public const int Digits = 6;

    private static readonly Duration Step = Duration.FromSeconds(30);

    /// <summary>The code for <paramref name="base32Key"/> at <paramref name="at"/>.</summary>
    public static string Code(string base32Key, Instant at) => Code(Base32.Decode(base32Key), StepOf(at));

    /// <summary>
    /// Whether <paramref name="code"/> is right at <paramref name="at"/>, allowing one step either side for a phone's
    /// clock drift and the time it takes to type. Compared in constant time.
    /// </summary>
    public static bool Verify(string base32Key, string? code, Instant at)
    {
        var digits = Normalize(code);
        if (digits is null)
        {
            return false;
        }

        var key = Base32.Decode(base32Key);
        var step = StepOf(at);
        var match = false;
        for (var drift = -1; drift <= 1; drift++)
        {
            match |= CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(Code(key, step + drift)), System.Text.Encoding.ASCII.GetBytes(digits));
        }

        return match;
    }

    /// <summary>The digits of a code as people type it ("123 456", "123-456"), or null when it is not six digits.</summary>
    public static string? Normalize(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var digits = new string([.. code.Where(c => c is not (' ' or '-'))]);
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The otpauth URI an authenticator app reads (from the QR code or typed in).</summary>
    public static string Uri(string issuer, string account, string base32Key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString(issuer)}:{System.Uri.EscapeDataString(account)}?secret={base32Key}&issuer={System.Uri.EscapeDataString(issuer)}&digits={Digits}&period=30";

    private static long StepOf(Instant at) => at.ToUnixTimeTicks() / Step.BclCompatibleTicks;

    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // RFC 6238 and every authenticator app use HMAC-SHA1; its use here is not collision-sensitive
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>RFC 4648 base 32, the alphabet authenticator keys are written in.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '=' or '-')
            {
                continue;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("Not a base-32 key.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
