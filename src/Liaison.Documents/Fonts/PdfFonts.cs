using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Liaison.Documents.Fonts;

/// <summary>One font family Liaison embeds: its files, the face inside a collection, and the Debian package that has it.</summary>
public sealed record PdfFontFamily(string Name, string RegularFile, string? BoldFile, int Face, string DebianPackage);

/// <summary>
/// The fonts every Liaison PDF embeds, from Debian's packages (./test.sh and the deployment guide install them).
/// PDFsharp finds no system fonts on Linux and takes one resolver per process, so reports and documents share this one.
/// Only TrueType-outline fonts are used: PDFsharp cannot embed the CFF outlines of Noto CJK, so Chinese comes from
/// WenQuanYi Micro Hei and Korean from Nanum Gothic (decision 0016).
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public static readonly PdfFontFamily DejaVuSans = new("DejaVu Sans", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", 0, "fonts-dejavu-core");
    public static readonly PdfFontFamily NotoSans = new("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0, "fonts-noto-core");
    public static readonly PdfFontFamily NotoNaskhArabic = new("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 0, "fonts-noto-core");
    public static readonly PdfFontFamily WenQuanYiMicroHei = new("WenQuanYi Micro Hei", "wqy-microhei.ttc", null, 0, "fonts-wqy-microhei");
    public static readonly PdfFontFamily NanumGothic = new("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf", 0, "fonts-nanum");

    public static readonly IReadOnlyList<PdfFontFamily> All = [DejaVuSans, NotoSans, NotoNaskhArabic, WenQuanYiMicroHei, NanumGothic];

    private static readonly string[] Roots = ["/usr/share/fonts", "/usr/local/share/fonts"];
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Files = new(() =>
        Roots.Where(Directory.Exists)
            .SelectMany(r => Directory.EnumerateFiles(r, "*.tt?", SearchOption.AllDirectories))
            .GroupBy(Path.GetFileName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.Ordinal));

    private static readonly Lazy<bool> Installed = new(() =>
    {
        GlobalFontSettings.FontResolver = new PdfFonts();
        return true;
    });

    private static readonly ConcurrentDictionary<string, FontCoverage> Coverages = new(StringComparer.Ordinal);

    /// <summary>Makes the fonts available to PDFsharp; throws naming the Debian package to install when one is missing.</summary>
    public static void EnsureInstalled(params IEnumerable<PdfFontFamily> families)
    {
        foreach (var family in families)
        {
            _ = Find(family.RegularFile, family);
        }

        _ = Installed.Value;
    }

    /// <summary>The characters the family's regular face has glyphs for (read once per process).</summary>
    public static FontCoverage Coverage(PdfFontFamily family) =>
        Coverages.GetOrAdd(family.Name, _ => FontCoverage.Read(File.ReadAllBytes(Find(family.RegularFile, family)), family.Face));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var family = All.FirstOrDefault(f => string.Equals(f.Name, familyName, StringComparison.OrdinalIgnoreCase)) ?? DejaVuSans;
        var file = bold && family.BoldFile is { } b ? b : family.RegularFile;
        return new FontResolverInfo(file, bold && family.BoldFile is null, false);
    }

    public byte[]? GetFont(string faceName)
    {
        var family = All.First(f => f.RegularFile == faceName || f.BoldFile == faceName);
        var bytes = File.ReadAllBytes(Find(faceName, family));
        return FontCoverage.IsCollection(bytes) ? FontCoverage.ExtractFace(bytes, family.Face) : bytes;
    }

    private static string Find(string file, PdfFontFamily family) =>
        Files.Value.TryGetValue(file, out var path)
            ? path
            : throw new InvalidOperationException($"The font {file} ({family.Name}) is missing: install Debian's {family.DebianPackage} (apt-get install -y {family.DebianPackage}).");
}
