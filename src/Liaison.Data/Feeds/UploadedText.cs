using System.Text;
using Liaison.Domain;

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
