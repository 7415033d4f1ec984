using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Data.Audit;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Statistics;

/// <summary>One file of ICE's published figures, imported whole; a later import of the same figure supersedes it.</summary>
public sealed class IceFigureImportRecord : Feeds.ImportedFileRecord;

/// <summary>One figure ICE published, as imported.</summary>
public sealed class IceFigureRecord
{
    public long Id { get; set; }

    public int ImportId { get; set; }

    public string Measure { get; set; } = "";

    public string Period { get; set; } = "";

    public string Model { get; set; } = "";

    public string Category { get; set; } = "";

    public long Value { get; set; }

    /// <summary>Where ICE published it (a report's title or address), as the file says.</summary>
    public string? Source { get; set; }
}

/// <summary>The outcome of an import: the stored import, or every problem found (and nothing stored).</summary>
public sealed record IceImportResult(IceFigureImportRecord? Import, IReadOnlyList<string> Problems);

/// <summary>
/// Reconciliation (docs/reconciliation.md): ICE's published figures for the agency, imported from a documented CSV in
/// one audited transaction, put beside the agency's own counts. A file with any bad line is refused whole, naming each
/// line and field; what was imported before is kept, and the newest import of a figure is the one compared.
/// </summary>
public sealed class ReconciliationService(LiaisonDbContext db, IClock clock, AuditLog audit, StatisticsService statistics)
{
    public const string ImportAction = "statistics.ice-import";

    /// <summary>The largest file accepted, and the most figures in one.</summary>
    public const int MaxBytes = 200 * 1024, MaxRows = 5_000;

    public static readonly IReadOnlyList<string> Required = ["measure", "period", "value"];

    public static readonly IReadOnlyList<string> Optional = ["model", "category", "source"];

    public async Task<IceImportResult> ImportAsync(string fileName, byte[] content, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var (name, text, unreadable) = UploadedText.Read(fileName, content, MaxBytes);
        if (unreadable is not null)
        {
            return new(null, [unreadable]);
        }

        var (figures, problems) = Parse(text!);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        var import = Feeds.ImportedFileRecord.Of<IceFigureImportRecord>(name, content, clock.GetCurrentInstant(), actor, figures.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.IceFigureImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.IceFigures.AddRange(figures.Select(f => new IceFigureRecord
        {
            ImportId = import.Id,
            Measure = f.Measure,
            Period = f.Period.ToString(),
            Model = f.Model,
            Category = f.Category,
            Value = f.Value,
            Source = f.Source,
        }));
        audit.Add(ImportAction, "statistics", import.Id.ToString(CultureInfo.InvariantCulture), $"{name}: {figures.Count} figures; sha256 {import.Sha256}", actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(import, []);
    }

    /// <summary>Reads the CSV: a header naming the columns (any order), then one figure a line. Every problem, by line and field.</summary>
    public static (IReadOnlyList<IceFigure> Figures, IReadOnlyList<string> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new CsvRecords(new StringReader(text));
        var header = records.Next();
        if (header is null)
        {
            return ([], ["line 1: the file is empty; the first line names the columns: measure,period,model,category,value,source."]);
        }

        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var problems = new List<string>();
        foreach (var unknown in columns.Where(c => !Required.Contains(c) && !Optional.Contains(c)).Distinct())
        {
            problems.Add($"line 1: unknown column \"{Clip(unknown)}\"; the columns are {string.Join(", ", Required.Concat(Optional))}.");
        }

        foreach (var missing in Required.Where(c => !columns.Contains(c)))
        {
            problems.Add($"line 1: the column \"{missing}\" is missing.");
        }

        foreach (var twice in columns.GroupBy(c => c).Where(g => g.Count() > 1))
        {
            problems.Add($"line 1: the column \"{Clip(twice.Key)}\" appears twice.");
        }

        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var figures = new List<IceFigure>();
        var seen = new Dictionary<(string, string, string, string), long>();
        while (records.Next() is { } record)
        {
            var line = record.Number;
            if (record.Fields is [""])
            {
                continue; // a blank line
            }

            if (figures.Count >= MaxRows)
            {
                problems.Add($"line {line}: at most {MaxRows:N0} figures in one file.");
                break;
            }

            if (record.Fields.Length != columns.Count)
            {
                problems.Add($"line {line}: {record.Fields.Length} fields; the header has {columns.Count}.");
                continue;
            }

            string Field(string column, string otherwise = "") =>
                columns.IndexOf(column) is var i and >= 0 && record.Fields[i].Trim() is { Length: > 0 } v ? v : otherwise;
            var source = Field("source");
            if (source.Length > 200 || (source.Length > 0 && PlainText.Problem(source) is not null))
            {
                problems.Add($"line {line}, source: at most 200 characters of plain text.");
                continue;
            }

            var (measureId, periodText, model, category) = (Field("measure"), Field("period"), Field("model", StatisticsFigures.AllModels), Field("category", Measure.All));
            if (Reconciliation.Problem(measureId, periodText, model, category, out _, out var period) is { } problem)
            {
                problems.Add($"line {line}, {Clip(problem)}");
                continue;
            }

            if (!long.TryParse(Field("value"), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > 1_000_000_000_000)
            {
                problems.Add($"line {line}, value: \"{Clip(Field("value"))}\" is not a whole number of zero or more.");
                continue;
            }

            if (seen.TryGetValue((measureId, period.ToString(), model, category), out var first))
            {
                problems.Add($"line {line}: {measureId} {period} {model} {category} is already on line {first}.");
                continue;
            }

            seen[(measureId, period.ToString(), model, category)] = line;
            figures.Add(new IceFigure(measureId, period, model, category, value, source.Length == 0 ? null : source));
        }

        if (problems.Count == 0 && figures.Count == 0)
        {
            problems.Add("line 2: no figures after the header.");
        }

        return (figures, problems);
    }

    /// <summary>The newest imported value of each figure, beside the agency's own count.</summary>
    public async Task<IReadOnlyList<ReconciliationLine>> CompareAsync(CancellationToken ct = default)
    {
        var stored = await db.IceFigures.AsNoTracking().ToListAsync(ct);
        var latest = stored.GroupBy(f => (f.Measure, f.Period, f.Model, f.Category)).Select(g => g.MaxBy(f => f.ImportId)!)
            .Select(f => StatPeriod.TryParse(f.Period, out var p) ? new IceFigure(f.Measure, p, f.Model, f.Category, f.Value, f.Source) : null)
            .OfType<IceFigure>().Where(f => Measures.Find(f.Measure) is not null);
        return Reconciliation.Compare(latest, await statistics.FiguresAsync(ct));
    }

    public async Task<IReadOnlyList<IceFigureImportRecord>> ImportsAsync(CancellationToken ct = default) =>
        (await db.IceFigureImports.AsNoTracking().ToListAsync(ct)).OrderByDescending(i => i.Id).ToList();

    /// <summary>The comparison as CSV, mismatches first.</summary>
    public static string Csv(IEnumerable<ReconciliationLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sb = new StringBuilder("measure,period,model,category,ice,agency,difference,relative_difference,matches,source\n");
        foreach (var l in lines)
        {
            sb.Append(CsvRecords.Line([l.Measure.Id, l.Period.ToString(), l.Model, l.Category, l.Ice.ToString(CultureInfo.InvariantCulture),
                l.Ours.ToString(CultureInfo.InvariantCulture), l.Difference.ToString(CultureInfo.InvariantCulture),
                l.Relative is { } r ? r.ToString("0.####", CultureInfo.InvariantCulture) : "", l.Matches ? "yes" : "no", l.Source ?? ""])).Append('\n');
        }

        return sb.ToString();
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
