using Liaison.Domain.Statistics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Liaison.Data.Reports;

/// <summary>A top-to-bottom page writer: text, table rows and bar charts, starting a new page when one is full.</summary>
internal sealed class ReportWriter(PdfDocument document)
{
    private const double Margin = 54, Width = 612 - (2 * Margin), Bottom = 792 - 54;
    private XGraphics? _gfx;
    private double _y = Bottom + 1;

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page.");

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(612);
        page.Height = XUnit.FromPoint(792);
        _gfx = XGraphics.FromPdfPage(page);
        _y = Margin;
    }

    private void Need(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Gap(double points) => _y += points;

    public void Text(string text, double size, bool bold = false)
    {
        var font = new XFont(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        foreach (var line in Wrap(text, font, Width))
        {
            Need(size * 1.4);
            Gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopLeft);
            _y += size * 1.4;
        }
    }

    /// <summary>A table row; columns from <paramref name="rightFrom"/> on are right-aligned (numbers).</summary>
    public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, bool bold = false, int rightFrom = 2)
    {
        var font = new XFont(ReportFonts.Family, 7.5, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        Need(11);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var text = Fit(cells[i], font, widths[i] - 4);
            var format = i >= rightFrom && !bold ? XStringFormats.TopRight : XStringFormats.TopLeft;
            Gfx.DrawString(text, font, XBrushes.Black, new XRect(x + 2, _y + 1, widths[i] - 4, 10), format);
            x += widths[i];
        }

        Gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, _y + 11, Margin + widths.Sum(), _y + 11);
        _y += 11;
    }

    /// <summary>A bar chart with each bar's value printed above it, so the chart reads without colour.</summary>
    public void Chart(string title, IReadOnlyList<string> labels, List<double> values)
    {
        const double Height = 110;
        Need(Height + 40);
        Gap(8);
        Text(title, 9, bold: true);
        var max = Math.Max(1, values.Max());
        var slot = Width / labels.Count;
        var small = new XFont(ReportFonts.Family, 6.5, XFontStyleEx.Regular);
        for (var i = 0; i < labels.Count; i++)
        {
            var h = values[i] / max * (Height - 14);
            var x = Margin + (i * slot) + (slot * 0.15);
            Gfx.DrawRectangle(new XPen(XColors.Black, 0.5), XBrushes.Gray, x, _y + Height - h, slot * 0.7, h);
            Gfx.DrawString(Publication.Format(values[i]), small, XBrushes.Black, new XRect(x - 4, _y + Height - h - 9, (slot * 0.7) + 8, 8), XStringFormats.TopCenter);
            Gfx.DrawString(labels[i], small, XBrushes.Black, new XRect(x - 4, _y + Height + 2, (slot * 0.7) + 8, 8), XStringFormats.TopCenter);
        }

        Gfx.DrawLine(new XPen(XColors.Black, 0.5), Margin, _y + Height, Margin + Width, _y + Height);
        _y += Height + 14;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (Gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        while (text.Length > 1 && Gfx.MeasureString(text + "…", font).Width > width)
        {
            text = text[..^1];
        }

        return text + "…";
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        Need(20);
        var line = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Gfx.MeasureString(candidate, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
