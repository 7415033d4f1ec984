using System.Globalization;
using System.Text;
using NodaTime;

namespace Liaison.Domain.StateReports;

/// <summary>
/// A state's required report on ICE requests, as a table, a certification and notes. One class per state law; add a
/// format by implementing <see cref="IStateReportFormat"/> and listing it in <see cref="StateReportFormats.All"/>
/// (docs/state-reports.md).
/// </summary>
public interface IStateReportFormat
{
    /// <summary>The command and file name: <c>./liaison report {Id} --year YYYY</c>.</summary>
    string Id { get; }

    string State { get; }

    /// <summary>The statute, e.g. 5 ILCS 805/25.</summary>
    string Law { get; }

    /// <summary>Who receives the report and by when, in words.</summary>
    string Due { get; }

    /// <summary>The report for a calendar year, from every request the jail received (any year; the format picks its own).</summary>
    StateReport Build(string agency, int year, IEnumerable<HoldRequest> requests, DateTimeZone zone, Instant asOf);
}

/// <summary>A state report ready to write: its table (CSV column names and printed headings), what the agency certifies, and notes for the reader.</summary>
public sealed record StateReport(
    IStateReportFormat Format,
    string Agency,
    int Year,
    bool YearEnded,
    IReadOnlyList<string> Columns,
    IReadOnlyList<string> Headings,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    string Certification,
    IReadOnlyList<string> Notes)
{
    public string FileName => $"liaison-{Format.Id}-{Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The table as CSV: a header and one line per request (only the header when there were none).</summary>
    public string Csv()
    {
        var sb = new StringBuilder(CsvLine.Of(Columns)).Append('\n');
        foreach (var row in Rows)
        {
            sb.Append(CsvLine.Of(row)).Append('\n');
        }

        return sb.ToString();
    }
}

public static class StateReportFormats
{
    public static readonly IReadOnlyList<IStateReportFormat> All = [new IllinoisReport()];

    public static IStateReportFormat? Find(string id) => All.FirstOrDefault(f => f.Id == id);

    /// <summary>The calendar year's first and last instants (exclusive) in the facility's zone.</summary>
    public static (Instant From, Instant To) YearIn(int year, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (new LocalDate(year, 1, 1).AtStartOfDayInZone(zone).ToInstant(), new LocalDate(year + 1, 1, 1).AtStartOfDayInZone(zone).ToInstant());
    }

    public static string Date(Instant? at, DateTimeZone zone) =>
        at is { } a ? a.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}

/// <summary>
/// Illinois, 5 ILCS 805/25 (TRUST Act, as amended by the Illinois Way Forward Act): each immigration detainer or
/// non-judicial immigration warrant received, with the date received, when bail was posted, whether the person was
/// released or transferred, and when and to whom; no personal data; an agency that received none certifies zero.
/// "Immigration detainer" in 805/10 includes requests for notice of release, so I-247G and I-247N count too.
/// </summary>
public sealed class IllinoisReport : IStateReportFormat
{
    public string Id => "illinois";

    public string State => "Illinois";

    public string Law => "5 ILCS 805/25";

    public string Due => "to the Illinois Attorney General, by 1 March for the preceding calendar year";

    public StateReport Build(string agency, int year, IEnumerable<HoldRequest> requests, DateTimeZone zone, Instant asOf)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var (from, to) = StateReportFormats.YearIn(year, zone);
        var inYear = requests.Where(r => r.ReceivedAt >= from && r.ReceivedAt < to).OrderBy(r => r.ReceivedAt).ToList();
        var rows = inYear.Select((r, i) => (IReadOnlyList<string>)
        [
            (i + 1).ToString(CultureInfo.InvariantCulture),
            Codes.Of(r.Kind),
            r.Form,
            StateReportFormats.Date(r.ReceivedAt, zone),
            StateReportFormats.Date(r.BailPostedAt, zone),
            Codes.Of(r.Outcome),
            StateReportFormats.Date(r.OutcomeAt, zone),
            r.TransferredTo ?? "",
            StateReportFormats.Date(r.LiftedAt, zone),
        ]).ToList();
        var ended = asOf >= to;
        var span = $"1 January to 31 December {year.ToString(CultureInfo.InvariantCulture)}";
        var certification = rows.Count == 0
            ? $"{agency} certifies that it received no immigration detainers and no non-judicial immigration warrants from {span}."
            : $"{agency} certifies that this report lists every immigration detainer and non-judicial immigration warrant it received from {span}, " +
              $"{rows.Count.ToString("N0", CultureInfo.InvariantCulture)} in all, and that it contains no personal data.";
        List<string> notes =
        [
            "Dates are local dates in the facility's time zone (" + zone.Id + "). Each row is one request; a person with two requests has two rows, " +
            "and rows carry no booking number, name or other personal data.",
            "bail_posted_date: the date the jail recorded the person eligible for release because bail or bond was posted, empty when it was not. " +
            "outcome: released, transferred (custody passed to ICE) or in-custody (neither yet). lifted_date: when ICE withdrew the detainer, if it did.",
            "Computed solely from the agency's own records of bookings, holds and releases.",
        ];
        if (!ended)
        {
            notes.Insert(0, $"PROVISIONAL: {year.ToString(CultureInfo.InvariantCulture)} has not ended; this lists requests received to " +
                $"{asOf.InZone(zone).Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and is not the report to file.");
        }

        return new StateReport(this, agency, year, ended,
            ["request", "type", "form", "date_received", "bail_posted_date", "outcome", "outcome_date", "transferred_to", "lifted_date"],
            ["No.", "Type", "Form", "Received", "Bail posted", "Outcome", "On", "Transferred to", "Lifted"],
            rows, certification, notes);
    }
}
