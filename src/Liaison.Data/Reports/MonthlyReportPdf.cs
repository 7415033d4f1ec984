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
    public static byte[] Write(string agency, PeriodReport report, StatisticsFigures figures, RestrictedCases restricted, DateTimeZone zone, Instant generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(restricted);
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = $"287(g) monthly report {report.Period}";
        document.Info.Author = agency;
        var w = new ReportWriter(document);
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
}
