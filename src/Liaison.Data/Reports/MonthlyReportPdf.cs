using System.Globalization;
using Liaison.Data.Statistics;
using Liaison.Domain.Statistics;
using NodaTime;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Liaison.Data.Reports;

/// <summary>
/// The monthly report as a PDF for the agency's oversight (sheriff, county board, community forum, the annual meeting
/// with ICE): the figures beside last month and the same month last year, twelve-month charts with their numbers, and
/// a separate restricted part with the month's cases. Letter size, embedded fonts, black on white so it prints.
/// </summary>
public static class MonthlyReportPdf
{
    private const double Margin = 54, Width = 612 - (2 * Margin), Bottom = 792 - 54;

    public static byte[] Write(string agency, PeriodReport report, StatisticsFigures figures, RestrictedCases restricted, DateTimeZone zone, Instant generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(restricted);
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"287(g) monthly report {report.Period}";
        document.Info.Author = agency;
        var w = new Writer(document);
        w.Text($"{agency}", 16, bold: true);
        w.Text($"287(g) partnership report — {PeriodName(report.Period)}{(report.Model == StatisticsFigures.AllModels ? "" : $" ({report.Model})")}", 13, bold: true);
        w.Text($"Generated {generatedAt.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}). Computed solely from the agency's own records (bookings, holds, releases). " +
            "Internal figures: small counts are not suppressed here; the public figures are on the transparency page.", 8);
        w.Gap(6);

        w.Row(["Measure", "Category", report.Period.ToString(), report.Previous.ToString(), "Change", report.YearBefore.ToString()], [200, 92, 52, 52, 44, 64], bold: true);
        foreach (var line in report.Lines.Where(l => l.Category == Measure.All || l.This.Value is > 0 || l.Previous.Value is > 0))
        {
            w.Row([line.Category == Measure.All ? line.Measure.Title : "", line.Category == Measure.All ? "" : line.Category,
                PeriodReport.Value(line.This), PeriodReport.Value(line.Previous), PeriodReport.Change(line.This, line.Previous), PeriodReport.Value(line.YearBefore)],
                [200, 92, 52, 52, 44, 64]);
        }

        var months = PeriodReport.TwelveMonthsTo(report.Period.LastMonth);
        foreach (var id in new[] { "detainers-lodged", "transfers-to-ice", "over-detention-incidents" })
        {
            var measure = figures.Measures.First(m => m.Id == id);
            var values = months.Select(m => figures.Get(measure, StatPeriod.OfMonth(m), report.Model, Measure.All).Value ?? 0).ToList();
            w.Chart($"{measure.Title}, twelve months", [.. months.Select(m => m.ToString("MMM yy", CultureInfo.InvariantCulture))], values);
        }

        w.NewPage();
        w.Text("RESTRICTED — for the program manager, auditors and oversight bodies; not for publication", 12, bold: true);
        w.Text("Cases by booking number only. Times in the facility's time zone.", 8);
        w.Gap(4);
        w.Text($"Over-detention incidents that began in {PeriodName(report.Period)}: {restricted.OverDetention.Count}", 11, bold: true);
        w.Row(["Booking", "From", "Minutes", "Custody now"], [140, 140, 80, 140], bold: true);
        foreach (var c in restricted.OverDetention)
        {
            w.Row([c.BookingId, Local(c.From, zone), c.Minutes.ToString("N0", CultureInfo.InvariantCulture), c.Custody], [140, 140, 80, 140]);
        }

        w.Gap(6);
        w.Text($"Claims of US citizenship in {PeriodName(report.Period)}: {restricted.Claims.Count}", 11, bold: true);
        w.Row(["Booking", "Claimed", "Resolved", "Finding"], [140, 140, 140, 120], bold: true);
        foreach (var c in restricted.Claims)
        {
            w.Row([c.BookingId, Local(c.ClaimedAt, zone), c.ResolvedAt is { } r ? Local(r, zone) : "open", c.Finding ?? "—"], [140, 140, 140, 120]);
        }

        w.Gap(6);
        w.Text($"Duties to tell ICE that were late or never met, due in {PeriodName(report.Period)}: {restricted.LateDuties.Count} bookings", 11, bold: true);
        w.Row(["Booking", "First due", "Late", "Never told", "Hours late"], [140, 140, 60, 70, 80], bold: true);
        foreach (var c in restricted.LateDuties)
        {
            w.Row([c.BookingId, Local(c.FirstDue, zone), c.Late.ToString(CultureInfo.InvariantCulture), c.NeverTold.ToString(CultureInfo.InvariantCulture),
                (c.LateSeconds / 3600.0).ToString("0.0", CultureInfo.InvariantCulture)], [140, 140, 60, 70, 80]);
        }

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public static string PeriodName(StatPeriod p) => p.Kind == PeriodKind.Month ? p.Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture) : p.ToString();

    private static string Local(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A top-to-bottom page writer: text, table rows and bar charts, starting a new page when one is full.</summary>
    private sealed class Writer(PdfDocument document)
    {
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

        public void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, bool bold = false)
        {
            var font = new XFont(ReportFonts.Family, 7.5, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            Need(11);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var text = Fit(cells[i], font, widths[i] - 4);
                var format = i >= 2 && !bold ? XStringFormats.TopRight : XStringFormats.TopLeft;
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
}
