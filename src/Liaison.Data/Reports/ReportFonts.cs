using Liaison.Documents.Fonts;

namespace Liaison.Data.Reports;

/// <summary>
/// The font the reports embed: DejaVu Sans, through the one font resolver every Liaison PDF shares
/// (<see cref="PdfFonts"/>: PDFsharp takes a single resolver per process).
/// </summary>
public static class ReportFonts
{
    public static readonly string Family = PdfFonts.DejaVuSans.Name;

    /// <summary>Makes the font available to PDFsharp; throws with what to install when it is missing.</summary>
    public static void EnsureInstalled() => PdfFonts.EnsureInstalled(PdfFonts.DejaVuSans);
}
