using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Liaison.Data.Audit;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Trust;

/// <summary>When the partnership began, for the trust measures: the month the first agreement took effect, or null before any is recorded.</summary>
public static class AgreementStart
{
    public static async Task<YearMonth?> MonthAsync(LiaisonDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var first = await db.Agreements.AsNoTracking().OrderBy(a => a.Effective).Select(a => (LocalDate?)a.Effective).FirstOrDefaultAsync(ct);
        return first is { } d ? new YearMonth(d.Year, d.Month) : null;
    }
}

/// <summary>A file of monthly reported-crime counts, as imported (the latest one is the one the indicator reads).</summary>
public sealed class CrimeReportImportRecord : Feeds.ImportedFileRecord;

/// <summary>One month's count for one victim ethnicity, from an import.</summary>
public sealed class CrimeReportCountRecord
{
    public long Id { get; set; }

    public int ImportId { get; set; }

    /// <summary>YYYY-MM.</summary>
    public string Month { get; set; } = "";

    /// <summary>H, N or U (<see cref="ReportingIndicator.Ethnicities"/>).</summary>
    public string Ethnicity { get; set; } = "";

    public long Count { get; set; }
}

public sealed record CrimeReportImportResult(CrimeReportImportRecord? Import, IReadOnlyList<string> Problems);

/// <summary>The latest import, its counts and the indicator's estimate at the agreement's start (or why there is none).</summary>
public sealed record CrimeReporting(CrimeReportImportRecord? Import, IReadOnlyList<CrimeReportCount> Counts, YearMonth? Start, ReportingEstimate? Estimate, string? Problem);

/// <summary>
/// The crime-reporting indicator's data (docs/statistics.md): monthly counts of reported crimes by victim ethnicity,
/// imported as a CSV (<c>month,victim_ethnicity,count</c>; every problem named by line and field; nothing stored
/// unless the whole file is good), each import kept, audited; the estimate read from the latest.
/// </summary>
public sealed class CrimeReportService(LiaisonDbContext db, IClock clock, AuditLog audit)
{
    public const string ImportAction = "statistics.crime-report-import";
    public const int MaxBytes = 200 * 1024, MaxRows = 10_000;
    public static readonly IReadOnlyList<string> Columns = ["month", "victim_ethnicity", "count"];

    public async Task<CrimeReportImportResult> ImportAsync(string? fileName, byte[] content, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var (name, text, unreadable) = UploadedText.Read(fileName, content, MaxBytes);
        if (unreadable is not null)
        {
            return new(null, [unreadable]);
        }

        var (counts, problems) = Parse(text!);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        var import = ImportedFileRecord.Of<CrimeReportImportRecord>(name, content, clock.GetCurrentInstant(), actor, counts.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.CrimeReportImports.Add(import);
        await db.SaveChangesAsync(ct);
        db.CrimeReportCounts.AddRange(counts.Select(c => new CrimeReportCountRecord { ImportId = import.Id, Month = Month(c.Month), Ethnicity = c.Ethnicity, Count = c.Count }));
        audit.Add(ImportAction, "statistics", import.Id.ToString(CultureInfo.InvariantCulture), $"{name}: {counts.Count} counts; sha256 {import.Sha256}", actor);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return new(import, []);
    }

    /// <summary>The latest import and the estimate at the first agreement's start.</summary>
    public async Task<CrimeReporting> LatestAsync(CancellationToken ct = default)
    {
        var import = await db.CrimeReportImports.AsNoTracking().OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
        var start = await AgreementStart.MonthAsync(db, ct);
        if (import is null)
        {
            return new(null, [], start, null, "No counts are imported yet.");
        }

        var counts = (await db.CrimeReportCounts.AsNoTracking().Where(c => c.ImportId == import.Id).ToListAsync(ct))
            .Select(c => new CrimeReportCount(YearMonthPattern.Iso.Parse(c.Month).Value, c.Ethnicity, c.Count)).ToList();
        if (start is not { } s)
        {
            return new(import, counts, null, null, "No agreement is recorded: the estimate is made at the first agreement's start (Administration → Agreements).");
        }

        var (estimate, problem) = ReportingIndicator.Estimate(counts, s);
        return new(import, counts, s, estimate, problem);
    }

    private static string Month(YearMonth m) => YearMonthPattern.Iso.Format(m);

    /// <summary>Reads the CSV: a header naming the three columns (any order), then one count a line. Every problem, by line and field.</summary>
    public static (IReadOnlyList<CrimeReportCount> Counts, IReadOnlyList<string> Problems) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new CsvRecords(new StringReader(text));
        if (records.Next() is not { } header)
        {
            return ([], ["line 1: the file is empty; the first line names the columns: month,victim_ethnicity,count."]);
        }

        var columns = header.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var problems = new List<string>();
        problems.AddRange(columns.Where(c => !Columns.Contains(c)).Distinct().Select(c => $"line 1: unknown column \"{Clip(c)}\"; the columns are {string.Join(", ", Columns)}."));
        problems.AddRange(Columns.Where(c => !columns.Contains(c)).Select(c => $"line 1: the column \"{c}\" is missing."));
        problems.AddRange(columns.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"line 1: the column \"{Clip(g.Key)}\" appears twice."));
        if (problems.Count > 0)
        {
            return ([], problems);
        }

        var counts = new List<CrimeReportCount>();
        var seen = new Dictionary<(YearMonth, string), long>();
        while (records.Next() is { } record)
        {
            var line = record.Number;
            if (record.Fields is [""])
            {
                continue;
            }

            if (counts.Count >= MaxRows)
            {
                problems.Add($"line {line}: at most {MaxRows:N0} counts in one file.");
                break;
            }

            if (record.Fields.Length != columns.Count)
            {
                problems.Add($"line {line}: {record.Fields.Length} fields; the header has {columns.Count}.");
                continue;
            }

            string Field(string column) => record.Fields[columns.IndexOf(column)].Trim();
            var month = YearMonthPattern.Iso.Parse(Field("month"));
            if (!month.Success || month.Value.Year is < 1990 or > 2100)
            {
                problems.Add($"line {line}, month: \"{Clip(Field("month"))}\" is not a month written YYYY-MM (1990 to 2100).");
                continue;
            }

            var ethnicity = Field("victim_ethnicity").ToUpperInvariant();
            if (!ReportingIndicator.Ethnicities.Contains(ethnicity))
            {
                problems.Add($"line {line}, victim_ethnicity: \"{Clip(Field("victim_ethnicity"))}\" is not one of H (Hispanic or Latino), N (not Hispanic or Latino), U (unknown), as NIBRS codes it.");
                continue;
            }

            if (!long.TryParse(Field("count"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > 100_000_000)
            {
                problems.Add($"line {line}, count: \"{Clip(Field("count"))}\" is not a whole number of zero or more.");
                continue;
            }

            if (seen.TryGetValue((month.Value, ethnicity), out var earlier))
            {
                problems.Add($"line {line}: {Month(month.Value)} {ethnicity} is already on line {earlier}; one count per month and ethnicity.");
                continue;
            }

            seen[(month.Value, ethnicity)] = line;
            counts.Add(new CrimeReportCount(month.Value, ethnicity, count));
        }

        if (problems.Count == 0 && counts.Count == 0)
        {
            problems.Add("line 2: no counts; each line is a month, a victim ethnicity and a count: 2024-01,H,41.");
        }

        return (counts, problems);
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
