using PdfSharp.Fonts;

namespace Liaison.Data.Reports;

/// <summary>
/// The fonts Liaison's PDFs embed: DejaVu Sans from Debian's fonts-dejavu-core (./test.sh and the deployment guide
/// install it). PDFsharp finds no system fonts on Linux by itself; this tells it where they are, once per process.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private static readonly string[] Folders = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/local/share/fonts"];
    private static readonly Lazy<bool> Installed = new(() =>
    {
        GlobalFontSettings.FontResolver = new ReportFonts();
        return true;
    });

    /// <summary>Makes the fonts available to PDFsharp; throws with what to install when they are missing.</summary>
    public static void EnsureInstalled()
    {
        _ = Find("DejaVuSans.ttf");
        _ = Installed.Value;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold.ttf" : "DejaVuSans.ttf");

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(Find(faceName));

    private static string Find(string file) =>
        Folders.Select(f => Path.Combine(f, file)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"The report font {file} is missing: install Debian's fonts-dejavu-core (apt-get install -y fonts-dejavu-core).");
}
