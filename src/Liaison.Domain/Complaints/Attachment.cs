namespace Liaison.Domain.Complaints;

/// <summary>
/// What a complaint may carry: PDF, PNG or JPEG files, each checked by its first bytes (what the browser says the type
/// is, and the file's name, are the sender's word, so neither decides), at most <see cref="MaxCount"/> files of
/// <see cref="MaxBytes"/> each.
/// </summary>
public static class Attachment
{
    public const int MaxCount = 3;
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxFileName = 200;

    private static readonly (string Type, byte[] Magic)[] Kinds =
    [
        ("application/pdf", "%PDF-"u8.ToArray()),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
    ];

    /// <summary>The media type the content is, by its first bytes, or null when it is none Liaison accepts.</summary>
    public static string? TypeOf(ReadOnlySpan<byte> content)
    {
        foreach (var (type, magic) in Kinds)
        {
            if (content.StartsWith(magic))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>A file name safe to show and to offer for download: its last path part, without control, quote or path characters.</summary>
    public static string SafeName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/').Last();
        var kept = new string([.. last.Where(c => !char.IsControl(c) && c is not ('"' or '<' or '>' or ':' or '*' or '?' or '|') && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)]).Trim();
        return kept.Length == 0 ? "attachment" : kept[..Math.Min(kept.Length, MaxFileName)];
    }
}
