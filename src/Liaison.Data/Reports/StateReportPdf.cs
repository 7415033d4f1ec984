using System.Globalization;
using Liaison.Domain.StateReports;
using NodaTime;
using PdfSharp.Pdf;

namespace Liaison.Data.Reports;

/// <summary>A state report as a PDF to sign and file: the law, the table, the notes, and the certification with signature lines.</summary>
public static class StateReportPdf
{
    private static readonly double[] Widths = [30, 42, 44, 60, 66, 52, 58, 90, 62];

    public static byte[] Write(StateReport report, DateTimeZone zone, Instant generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(zone);
        ReportFonts.EnsureInstalled();
        using var document = new PdfDocument();
        var year = report.Year.ToString(CultureInfo.InvariantCulture);
        document.Info.Title = $"{report.Format.State} report on immigration detainers and warrants, {year}";
        document.Info.Author = report.Agency;
        var w = new ReportWriter(document);
        w.Text(report.Agency, 16, bold: true);
        w.Text($"{report.Format.State}: immigration detainers and non-judicial immigration warrants received in {year}", 13, bold: true);
        w.Text($"{report.Format.Law}, {report.Format.Due}. Generated {generatedAt.InZone(zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} ({zone.Id}).", 8);
        w.Gap(4);
        foreach (var note in report.Notes)
        {
            w.Text(note, note.StartsWith("PROVISIONAL", StringComparison.Ordinal) ? 10 : 8, bold: note.StartsWith("PROVISIONAL", StringComparison.Ordinal));
        }

        w.Gap(6);
        if (report.Rows.Count == 0)
        {
            w.Text($"No immigration detainers or non-judicial immigration warrants were received in {year}.", 11, bold: true);
        }
        else
        {
            w.Text($"{report.Rows.Count.ToString("N0", CultureInfo.InvariantCulture)} requests. In this table, ICE is {HoldRequests.Ice}.", 9);
            w.Row(report.Headings, Widths, bold: true);
            foreach (var row in report.Rows)
            {
                w.Row([.. row.Select(cell => cell == HoldRequests.Ice ? "ICE" : cell)], Widths, rightFrom: row.Count);
            }
        }

        w.Gap(14);
        w.Text("Certification", 11, bold: true);
        w.Text(report.Certification, 10);
        w.Gap(18);
        w.Text("Signature: _________________________    Name and title: _________________________    Date: ____________", 9);
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }
}
