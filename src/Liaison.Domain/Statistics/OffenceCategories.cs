using System.Reflection;

namespace Liaison.Domain.Statistics;

/// <summary>
/// The NCIC offence code → category table, kept as data (<c>offence-categories.csv</c>, embedded): ICE's annual-report
/// categories and a few more, anything else counted as <see cref="Other"/>.
/// </summary>
public sealed class OffenceCategories
{
    public const string Other = "other";

    /// <summary>The most-serious-charge category of a booking with no charge on record.</summary>
    public const string NoCharge = "none";

    private readonly List<(string Prefix, string Category, int Rank)> _rows;

    private OffenceCategories(List<(string Prefix, string Category, int Rank)> rows)
    {
        _rows = [.. rows.OrderByDescending(r => r.Prefix.Length)];
        Categories = [.. rows.OrderBy(r => r.Rank).Select(r => r.Category).Distinct(StringComparer.Ordinal), Other];
    }

    /// <summary>The table shipped with Liaison.</summary>
    public static OffenceCategories Standard { get; } = Load();

    /// <summary>Every category, most serious first, <see cref="Other"/> last.</summary>
    public IReadOnlyList<string> Categories { get; }

    public string CategoryOf(string ncicCode) => Match(ncicCode)?.Category ?? Other;

    /// <summary>Lower is more serious; <see cref="Other"/> ranks after every listed category.</summary>
    public int RankOf(string ncicCode) => Match(ncicCode)?.Rank ?? int.MaxValue;

    private (string Prefix, string Category, int Rank)? Match(string code)
    {
        foreach (var row in _rows)
        {
            if (code.StartsWith(row.Prefix, StringComparison.Ordinal))
            {
                return row;
            }
        }

        return null;
    }

    public static OffenceCategories Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var rows = new List<(string, string, int)>();
        var lineNumber = 0;
        var sawHeader = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!sawHeader)
            {
                sawHeader = line == "prefix,category,rank" ? true : throw new FormatException($"line {lineNumber}: expected the header prefix,category,rank");
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 3 || fields[0].Length is < 2 or > 4 || !fields[0].All(char.IsAsciiDigit)
                || fields[1].Length == 0 || !fields[1].All(c => char.IsAsciiLetterLower(c) || c == '-')
                || !int.TryParse(fields[2], System.Globalization.CultureInfo.InvariantCulture, out var rank) || rank < 1)
            {
                throw new FormatException($"line {lineNumber}: expected a 2-4 digit prefix, a lower-case category and a rank of 1 or more");
            }

            rows.Add((fields[0], fields[1], rank));
        }

        return new OffenceCategories(rows);
    }

    private static OffenceCategories Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Liaison.Domain.Statistics.offence-categories.csv")
            ?? throw new InvalidOperationException("The offence category table is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}
