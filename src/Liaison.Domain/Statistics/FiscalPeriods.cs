using System.Globalization;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>What a period is: a calendar month, a federal fiscal quarter or a fiscal year (October to September).</summary>
public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// One published period, written as <c>2026-10</c>, <c>FY2027-Q1</c> (October–December 2026) or <c>FY2027</c>
/// (October 2026 – September 2027). Fiscal year N starts on 1 October of N − 1.
/// </summary>
public readonly record struct StatPeriod(PeriodKind Kind, int FiscalYear, int Quarter, YearMonth Month)
{
    public static StatPeriod OfMonth(YearMonth month) =>
        new(PeriodKind.Month, FiscalYearOf(month), QuarterOf(month), month);

    public static StatPeriod OfQuarter(int fiscalYear, int quarter) =>
        new(PeriodKind.Quarter, fiscalYear, quarter, FirstMonth(fiscalYear, quarter));

    public static StatPeriod OfYear(int fiscalYear) => new(PeriodKind.Year, fiscalYear, 0, FirstMonth(fiscalYear, 1));

    public static int FiscalYearOf(YearMonth month) => month.Month >= 10 ? month.Year + 1 : month.Year;

    public static int QuarterOf(YearMonth month) => ((month.Month + 2) % 12 / 3) + 1;

    private static YearMonth FirstMonth(int fiscalYear, int quarter)
    {
        var start = new YearMonth(fiscalYear - 1, 10);
        return start.PlusMonths((quarter - 1) * 3);
    }

    /// <summary>The quarter containing this month, the year containing this month or quarter.</summary>
    public StatPeriod QuarterPeriod => OfQuarter(FiscalYear, Quarter);

    public StatPeriod YearPeriod => OfYear(FiscalYear);

    /// <summary>The months this period is made of, in order.</summary>
    public IEnumerable<YearMonth> Months
    {
        get
        {
            var count = Kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, _ => 12 };
            for (var i = 0; i < count; i++)
            {
                yield return Month.PlusMonths(i);
            }
        }
    }

    /// <summary>The periods one level down whose sum this period is (a quarter's months, a year's quarters).</summary>
    public IReadOnlyList<StatPeriod> Parts => Kind switch
    {
        PeriodKind.Year => [OfQuarter(FiscalYear, 1), OfQuarter(FiscalYear, 2), OfQuarter(FiscalYear, 3), OfQuarter(FiscalYear, 4)],
        PeriodKind.Quarter => [.. Months.Select(OfMonth)],
        _ => [],
    };

    public YearMonth LastMonth => Months.Last();

    public override string ToString() => Kind switch
    {
        PeriodKind.Month => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"FY{FiscalYear}-Q{Quarter}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"FY{FiscalYear}"),
    };

    /// <summary>Reads <c>2026-10</c>, <c>FY2027-Q1</c> or <c>FY2027</c>.</summary>
    public static bool TryParse(string? text, out StatPeriod period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || text.Length > 10)
        {
            return false;
        }

        if (text.StartsWith("FY", StringComparison.Ordinal))
        {
            var parts = text[2..].Split("-Q");
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1901 or > 9999)
            {
                return false;
            }

            if (parts.Length == 1)
            {
                period = OfYear(year);
                return true;
            }

            if (parts.Length == 2 && parts[1].Length == 1 && parts[1][0] is >= '1' and <= '4')
            {
                period = OfQuarter(year, parts[1][0] - '0');
                return true;
            }

            return false;
        }

        if (text.Length == 7 && text[4] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m) && y >= 1900 && m is >= 1 and <= 12)
        {
            period = OfMonth(new YearMonth(y, m));
            return true;
        }

        return false;
    }
}
