using System.Security.Cryptography;
using System.Text;
using Liaison.Domain;
using NodaTime;

namespace Liaison.Data.Feeds;

/// <summary>
/// A small text file a person uploads (a CSV of figures or counts): its name made safe to keep and show, refused when
/// larger than allowed or not UTF-8, each refusal naming the file.
/// </summary>
public static class UploadedText
{
    public static (string Name, string? Text, string? Problem) Read(string? fileName, byte[] content, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(fileName ?? "");
        name = name.Length == 0 || PlainText.Problem(name) is not null ? "upload.csv" : name[..Math.Min(name.Length, 200)];
        if (content.Length > maxBytes)
        {
            return (name, null, $"file: at most {maxBytes / 1024} KB; this one has {content.Length / 1024:N0} KB.");
        }

        try
        {
            return (name, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException)
        {
            return (name, null, "file: not UTF-8 text; save the CSV as UTF-8.");
        }
    }
}

/// <summary>
/// A file a person imported whole (ICE's figures, the police's crime counts, the survey's population margins): which
/// file it was (its name and SHA-256, if anyone asks), who imported it, when, and how many rows it held. Never changed;
/// a later import supersedes it.
/// </summary>
public abstract class ImportedFileRecord
{
    public int Id { get; set; }

    public string FileName { get; set; } = "";

    /// <summary>SHA-256 of the file as received, hex.</summary>
    public string Sha256 { get; set; } = "";

    public Instant ImportedAt { get; set; }

    public string ImportedBy { get; set; } = "";

    public int Rows { get; set; }

    /// <summary>The record of importing <paramref name="content"/> (named <paramref name="name"/>, as <see cref="UploadedText.Read"/> made it safe).</summary>
    public static T Of<T>(string name, byte[] content, Instant at, string actor, int rows) where T : ImportedFileRecord, new()
    {
        ArgumentNullException.ThrowIfNull(content);
        return new T { FileName = name, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), ImportedAt = at, ImportedBy = actor, Rows = rows };
    }
}
