using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Domain.Statistics;

/// <summary>The public downloads of public-statistics.md: a tidy CSV and a JSON object carrying the same rows.</summary>
public static class StatisticsFiles
{
    public const string CsvHeader = "measure,kind,period,model,category,value";

    public static string Csv(IEnumerable<PublishedRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sb = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in rows)
        {
            // Every field is a code, a period or a number: no commas, quotes or line breaks to escape.
            sb.Append(r.Measure).Append(',').Append(r.Kind).Append(',').Append(r.Period).Append(',')
                .Append(r.Model).Append(',').Append(r.Category).Append(',').Append(r.Value).Append('\n');
        }

        return sb.ToString();
    }

    public static byte[] Json(IEnumerable<PublishedRow> rows, int k, Instant generatedAt)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("k", k);
            json.WriteString("generatedAt", InstantPattern.General.Format(generatedAt));
            json.WriteStartArray("rows");
            foreach (var r in rows)
            {
                json.WriteStartObject();
                json.WriteString("measure", r.Measure);
                json.WriteString("kind", r.Kind);
                json.WriteString("period", r.Period);
                json.WriteString("model", r.Model);
                json.WriteString("category", r.Category);
                json.WriteString("value", r.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Rows in the catalogue's order: measure, then period (each quarter after its months, the year last), model, category.</summary>
    public static IEnumerable<PublishedRow> Ordered(IEnumerable<PublishedRow> rows)
    {
        var measureOrder = Measures.All.Select((m, i) => (m.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return rows
            .OrderBy(r => measureOrder.GetValueOrDefault(r.Measure, int.MaxValue))
            .ThenBy(r => r.Measure, StringComparer.Ordinal) // the figures from outside the bookings, after the catalogue's
            .ThenBy(r => PeriodOrder(r.Period))
            .ThenBy(r => r.Model == "JEM" ? 0 : r.Model == "WSO" ? 1 : 2)
            .ThenBy(r => CategoryOrder(r.Measure, r.Category));
    }

    private static (YearMonth, int) PeriodOrder(string period) =>
        StatPeriod.TryParse(period, out var p) ? (p.LastMonth, (int)p.Kind) : (default, 9);

    private static int CategoryOrder(string measure, string category)
    {
        var categories = Measures.Find(measure)?.Categories
            ?? (measure == Trust.ReportingIndicator.MeasureId ? Trust.ReportingIndicator.Categories
                : Trust.SurveyInstrument.Scales.Any(s => Trust.SurveyInstrument.MeasureId(s) == measure) ? Trust.SurveyResult.Categories : []);
        var i = categories.ToList().IndexOf(category);
        return i >= 0 ? i : int.MaxValue;
    }
}
