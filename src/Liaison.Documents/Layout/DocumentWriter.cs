using System.Globalization;
using System.Text;
using Liaison.Documents.Fonts;
using Liaison.Documents.Languages;
using Liaison.Documents.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Liaison.Documents.Layout;

/// <summary>
/// Writes a document top to bottom on US Letter pages in one language: wrapped paragraphs, label–value fields, tables,
/// tick boxes and signature lines, right-aligned and ordered right to left for Arabic. Each character is drawn in the
/// first of the language's fonts that has a glyph for it; a character none has is collected in
/// <see cref="MissingCharacters"/> (the tests hold that to empty) rather than printed as an empty box.
/// </summary>
public sealed class DocumentWriter
{
    private const double PageWidth = 612, PageHeight = 792, Margin = 54, Bottom = PageHeight - 72, Width = PageWidth - (2 * Margin);

    private readonly PdfDocument _document;
    private readonly DocumentLanguage _language;
    private readonly Dictionary<(PdfFontFamily, double, bool), XFont> _fonts = [];
    private readonly SortedSet<string> _missing = new(StringComparer.Ordinal);
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
    private XGraphics? _gfx;
    private double _y = Bottom + 1;

    public DocumentWriter(PdfDocument document, DocumentLanguage language)
    {
        _document = document;
        _language = language;
        PdfFonts.EnsureInstalled(language.Fonts);
    }

    /// <summary>Characters no font of the language covers (as U+XXXX and the character), in code point order.</summary>
    public IReadOnlyCollection<string> MissingCharacters => _missing;

    private XGraphics Gfx => _gfx ?? NewPage();

    private XGraphics NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
        return _gfx;
    }

    public void Title(string text) => Paragraph(text, 16, bold: true, after: 8);

    public void Heading(string text) => Paragraph(text, 12, bold: true, before: 8, after: 3);

    public void Gap(double points) => _y += points;

    public void Paragraph(string text, double size = 10.5, bool bold = false, double before = 0, double after = 5)
    {
        _y += before;
        var lines = Wrap(text, size, bold, Width);
        foreach (var line in lines)
        {
            Need(size * 1.45);
            DrawLine(Gfx, line, size, bold, Margin, Width, _y + (size * 1.1));
            _y += size * 1.45;
        }

        _y += after;
    }

    /// <summary>A label and its value on one row (the label in the reading direction's first column).</summary>
    public void Field(string label, string value) => Row([label, value], [150, Width - 150], size: 10.5, boldFirst: true);

    /// <summary>A table row; cells wrap within their column. Columns run right to left for a right-to-left language.</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, double size = 9, bool bold = false, bool boldFirst = false, bool rule = false)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, size, bold || (boldFirst && i == 0), widths[i] - 6)).ToList();
        var height = (wrapped.Max(w => w.Count) * size * 1.35) + 4;
        Need(height);
        var x = _language.RightToLeft ? Margin + Width : Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var left = _language.RightToLeft ? x - widths[i] : x;
            var y = _y + (size * 1.1) + 2;
            foreach (var line in wrapped[i])
            {
                DrawLine(Gfx, line, size, bold || (boldFirst && i == 0), left + 3, widths[i] - 6, y);
                y += size * 1.35;
            }

            x = _language.RightToLeft ? x - widths[i] : x + widths[i];
        }

        _y += height;
        if (rule)
        {
            Gfx.DrawLine(XPens.Black, Margin, _y, Margin + Width, _y);
        }
    }

    /// <summary>A tick box with its text, for the person to mark.</summary>
    public void TickBox(string text)
    {
        const double size = 10.5, box = 10;
        var lines = Wrap(text, size, false, Width - 22);
        Need((lines.Count * size * 1.45) + 4);
        var boxX = _language.RightToLeft ? Margin + Width - box : Margin;
        Gfx.DrawRectangle(XPens.Black, boxX, _y + 2, box, box);
        foreach (var line in lines)
        {
            DrawLine(Gfx, line, size, false, _language.RightToLeft ? Margin : Margin + 18, Width - 18, _y + (size * 1.1));
            _y += size * 1.45;
        }

        _y += 4;
    }

    /// <summary>A line to sign or write on, with its label beneath.</summary>
    public void SignatureLine(string label)
    {
        Need(40);
        _y += 24;
        var left = _language.RightToLeft ? Margin + (Width * 0.4) : Margin;
        Gfx.DrawLine(XPens.Black, left, _y, left + (Width * 0.6), _y);
        DrawLine(Gfx, label, 8.5, false, left, Width * 0.6, _y + 11);
        _y += 16;
    }

    /// <summary>Ends the document: a foot on every page (the given line, the translation's status, page n of m).</summary>
    public void Finish(string foot)
    {
        _gfx?.Dispose();
        _gfx = null;
        var pages = _document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = Bottom + 18;
            var lines = new List<string>(Wrap(foot, 7.5, false, Width));
            if (_language.StatusLine is { } status)
            {
                lines.AddRange(Wrap(status, 7.5, false, Width));
            }

            lines.Add(_language.Format("common.page", ("page", (i + 1).ToString(CultureInfo.InvariantCulture)), ("pages", pages.ToString(CultureInfo.InvariantCulture))));
            gfx.DrawLine(XPens.Gray, Margin, Bottom + 6, Margin + Width, Bottom + 6);
            foreach (var line in lines)
            {
                DrawLine(gfx, line, 7.5, false, Margin, Width, y);
                y += 10;
            }
        }

        _measure.Dispose();
    }

    private void Need(double height)
    {
        if (_gfx is null || _y + height > Bottom)
        {
            NewPage();
        }
    }

    /// <summary>Breaks text (logical order; Arabic shaped first) into lines no wider than <paramref name="width"/>.</summary>
    private List<string> Wrap(string text, double size, bool bold, double width)
    {
        var shaped = ArabicShaping.Shape(text.Normalize(NormalizationForm.FormC));
        var lines = new List<string>();
        foreach (var paragraph in shaped.Split('\n'))
        {
            var line = new StringBuilder();
            foreach (var piece in Breakable(paragraph))
            {
                if (line.Length > 0 && Measure(line + piece.TrimEnd(), size, bold) > width)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                }

                if (line.Length == 0 && Measure(piece.TrimEnd(), size, bold) > width)
                {
                    // A word wider than the line (a long code): break it by characters.
                    foreach (var c in piece)
                    {
                        if (line.Length > 0 && Measure(line.ToString() + c, size, bold) > width)
                        {
                            lines.Add(line.ToString());
                            line.Clear();
                        }

                        line.Append(c);
                    }

                    continue;
                }

                line.Append(line.Length == 0 ? piece.TrimStart() : piece);
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    /// <summary>
    /// Pieces a line may break after: words with their following space, and each Chinese character alone (Chinese has
    /// no spaces), keeping closing punctuation with the character before it.
    /// </summary>
    private static IEnumerable<string> Breakable(string text)
    {
        var piece = new StringBuilder();
        foreach (var c in text)
        {
            if (IsHan(c) && piece.Length > 0 && piece[^1] != ' ')
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(c);
            if (c == ' ' || IsClosingCjk(c))
            {
                yield return piece.ToString();
                piece.Clear();
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF';

    private static bool IsClosingCjk(char c) => c is '，' or '。' or '、' or '；' or '：' or '！' or '？' or '）' or '」' or '』';

    private double Measure(string text, double size, bool bold) =>
        Runs(text).Sum(r => _measure.MeasureString(r.Text, Font(r.Family, size, bold)).Width);

    /// <summary>Draws one line: ordered for display, split into runs by font, aligned to the reading direction.</summary>
    private void DrawLine(XGraphics gfx, string logical, double size, bool bold, double left, double width, double baseline)
    {
        var visual = BidiLine.Visual(logical, _language.RightToLeft);
        var runs = Runs(visual).ToList();
        var widths = runs.Select(r => gfx.MeasureString(r.Text, Font(r.Family, size, bold)).Width).ToList();
        var x = _language.RightToLeft ? left + width - widths.Sum() : left;
        for (var i = 0; i < runs.Count; i++)
        {
            gfx.DrawString(runs[i].Text, Font(runs[i].Family, size, bold), XBrushes.Black, new XPoint(x, baseline));
            x += widths[i];
        }
    }

    /// <summary>The text split where the font that covers the characters changes; spaces stay with the run they are in.</summary>
    private IEnumerable<(PdfFontFamily Family, string Text)> Runs(string text)
    {
        PdfFontFamily? current = null;
        var run = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var family = current is not null && (Rune.IsWhiteSpace(rune) || PdfFonts.Coverage(current).Covers(rune.Value))
                ? current
                : FamilyFor(rune);
            if (current is not null && family != current && run.Length > 0)
            {
                yield return (current, run.ToString());
                run.Clear();
            }

            current = family;
            run.Append(rune.ToString());
        }

        if (current is not null && run.Length > 0)
        {
            yield return (current, run.ToString());
        }
    }

    private PdfFontFamily FamilyFor(Rune rune)
    {
        foreach (var family in _language.Fonts)
        {
            if (PdfFonts.Coverage(family).Covers(rune.Value))
            {
                return family;
            }
        }

        if (!Rune.IsControl(rune))
        {
            _missing.Add($"U+{rune.Value:X4} {rune}");
        }

        return _language.Fonts[0];
    }

    private XFont Font(PdfFontFamily family, double size, bool bold)
    {
        if (!_fonts.TryGetValue((family, size, bold), out var font))
        {
            font = new XFont(family.Name, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[(family, size, bold)] = font;
        }

        return font;
    }
}
