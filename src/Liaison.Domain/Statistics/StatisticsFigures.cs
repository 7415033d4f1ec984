using Liaison.Domain.Agreements;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>One figure: a measure in a period, model and category; <see cref="People"/> is how many it was computed from.</summary>
public readonly record struct FigureKey(string Measure, string Period, string Model, string Category);

/// <summary>A figure's value (null: nobody to compute an <c>other</c> figure from) and how many people or events it rests on.</summary>
public readonly record struct Figure(double? Value, long People);

/// <summary>How many of the people booked reached each stage.</summary>
public readonly record struct FunnelCounts(long Booked, long Screened, long Matched, long Detainer, long Transferred)
{
    public static FunnelCounts operator +(FunnelCounts a, FunnelCounts b) =>
        new(a.Booked + b.Booked, a.Screened + b.Screened, a.Matched + b.Matched, a.Detainer + b.Detainer, a.Transferred + b.Transferred);

    /// <summary>Detainers per hundred people booked.</summary>
    public double DetainerRate => Booked == 0 ? 0 : 100.0 * Detainer / Booked;
}

/// <summary>
/// Every measure's figures by local month, agreement model and category, computed in one pass over the bookings
/// (in booking-time order). Quarters and years are the sums of their months; <c>other</c> figures keep their values so
/// a median over a quarter is the median of the quarter's values.
/// </summary>
public sealed class StatisticsFigures
{
    public const string AllModels = "all";

    public static readonly string[] Models = ["JEM", "WSO"];

    private readonly Dictionary<(int Measure, YearMonth Month, int Model, string Category), long> _counts = [];
    private readonly Dictionary<(int Measure, YearMonth Month, int Model, string Category), List<double>> _values = [];
    private readonly IReadOnlyList<Measure> _measures;
    private readonly Dictionary<(YearMonth Month, int Model, string Dimension, string Value), FunnelCounts> _funnel = [];
    private readonly HashSet<List<double>> _ownLists = new(ReferenceEqualityComparer.Instance);

    private StatisticsFigures(IReadOnlyList<Measure> measures, DateTimeZone zone)
    {
        _measures = measures;
        Zone = zone;
    }

    public DateTimeZone Zone { get; }

    public IReadOnlyList<Measure> Measures => _measures;

    /// <summary>Months with any contribution, in order.</summary>
    public SortedSet<YearMonth> Months { get; } = [];

    /// <summary>Bookings left out: no JEM or WSO agreement covered them.</summary>
    public long OutsideAgreements { get; private set; }

    private readonly StatisticsContext _context = new(OffenceCategories.Standard);

    public static StatisticsFigures Compute(IEnumerable<StatisticsBooking> bookingsInBookingOrder, DateTimeZone zone, IReadOnlyList<Measure>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(bookingsInBookingOrder);
        var figures = Empty(zone, measures);
        foreach (var booking in bookingsInBookingOrder)
        {
            figures.Add(booking);
        }

        return figures;
    }

    /// <summary>Figures with nothing counted yet, for a caller that streams the bookings in with <see cref="Add"/>.</summary>
    public static StatisticsFigures Empty(DateTimeZone zone, IReadOnlyList<Measure>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new StatisticsFigures(measures ?? Statistics.Measures.All, zone);
    }

    /// <summary>Counts one booking; bookings must come in booking-time order (the re-booking measure looks back).</summary>
    public void Add(StatisticsBooking b)
    {
        ArgumentNullException.ThrowIfNull(b);
        _context.Enter(b);
        Apply(b, +1);
    }

    /// <summary>
    /// Replaces what one person's bookings contributed: <paramref name="before"/> (as they were counted) out,
    /// <paramref name="after"/> (as they are now) in, each in booking-time order. The cost is the person's bookings,
    /// whatever the size of the history: how the figures follow new events (re-booking depends only on the person's
    /// own earlier bookings, so a person is the unit).
    /// </summary>
    public void Replace(IReadOnlyList<StatisticsBooking> before, IReadOnlyList<StatisticsBooking> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var (bookings, sign) in new[] { (before, -1), (after, +1) })
        {
            (Instant End, bool Transferred)? last = null;
            foreach (var b in bookings)
            {
                _context.Set(last is { } l && l.End <= b.BookedAt ? l : null);
                Apply(b, sign);
                if ((b.Milestones.TransferredAt ?? b.Milestones.ReleasedAt) is { } ended)
                {
                    last = (ended, b.Milestones.TransferredAt is not null);
                }
            }
        }
    }

    /// <summary>
    /// Counts complaints for the measures of complaints (<see cref="Measure.ComplaintContributions"/>). They have no
    /// agreement model: they are kept in the first model's slot, and only their "all" figure is ever read
    /// (<see cref="ModelsOf"/>).
    /// </summary>
    public void AddComplaints(IEnumerable<Complaints.ComplaintState> complaints)
    {
        ArgumentNullException.ThrowIfNull(complaints);
        foreach (var complaint in complaints)
        {
            for (var m = 0; m < _measures.Count; m++)
            {
                if (_measures[m].ComplaintContributions is not { } contributions)
                {
                    continue;
                }

                foreach (var c in contributions(complaint))
                {
                    Add(m, c, model: 0, sign: +1);
                }
            }
        }
    }

    /// <summary>A copy to change while readers keep this one (the people seen in a full pass are not copied).</summary>
    public StatisticsFigures Copy()
    {
        var copy = new StatisticsFigures(_measures, Zone) { OutsideAgreements = OutsideAgreements };
        foreach (var (key, value) in _counts)
        {
            copy._counts[key] = value;
        }

        foreach (var (key, values) in _values)
        {
            copy._values[key] = values; // shared until the copy changes it (Sample copies it first)
        }

        foreach (var (key, value) in _funnel)
        {
            copy._funnel[key] = value;
        }

        copy.Months.UnionWith(Months);
        return copy;
    }

    /// <summary>The full pass is over: forget the people seen (only <see cref="Replace"/> follows), freeing their memory.</summary>
    public void EndOfPass() => _context.Forget();

    private void Apply(StatisticsBooking b, int sign)
    {
        var context = _context;
        var model = b.Milestones.Model switch { AgreementModel.Jem => 0, AgreementModel.Wso => 1, _ => -1 };
        if (model < 0)
        {
            OutsideAgreements += sign;
            return;
        }

        AddToFunnel(b, model, sign);
        for (var m = 0; m < _measures.Count; m++)
        {
            var measure = _measures[m];
            foreach (var c in measure.Contributions(b, context))
            {
                Add(m, c, model, sign);
            }
        }
    }

    /// <summary>One contribution to measure <paramref name="m"/>, in its category and (where the kind adds up so) in "all".</summary>
    private void Add(int m, Contribution c, int model, int sign)
    {
        var measure = _measures[m];
        var month = MonthOf(c.At);
        Months.Add(month);
        if (measure.Kind == MeasureKind.Other)
        {
            Sample(m, month, model, c.Category, c.Value, sign);
            if (c.Category != Measure.All)
            {
                Sample(m, month, model, Measure.All, c.Value, sign);
            }
        }
        else
        {
            Count(m, month, model, c.Category, sign);
            if (measure.Kind == MeasureKind.Count && c.Category != Measure.All)
            {
                Count(m, month, model, Measure.All, sign);
            }
        }
    }

    /// <summary>Dimensions of the funnel: where a disparity would show (the dashboard only; never published).</summary>
    public static readonly string[] FunnelDimensions = ["birth-country", "charge-level"];

    private void AddToFunnel(StatisticsBooking b, int model, int sign)
    {
        var month = MonthOf(b.BookedAt);
        var m = b.Milestones;
        var stages = new FunnelCounts(sign, m.ScreenedAt is null ? 0 : sign, m.DhsMatchAt is null ? 0 : sign,
            m.DetainerLodgedAt is null && m.WarrantServedAt is null ? 0 : sign, m.TransferredAt is null ? 0 : sign);
        foreach (var (dimension, value) in new[] { ("birth-country", b.BirthCountry ?? "unknown"), ("charge-level", Statistics.Measures.LevelOf(b.Charges) ?? "none") })
        {
            var key = (month, model, dimension, value);
            _funnel[key] = _funnel.GetValueOrDefault(key) + stages;
        }
    }

    /// <summary>
    /// The funnel from booking to screening, DHS match, detainer (or warrant) and transfer, of the people booked in
    /// <paramref name="period"/>, by <paramref name="dimension"/>'s values, largest first.
    /// </summary>
    public IReadOnlyList<(string Value, FunnelCounts Counts)> Funnel(StatPeriod period, string model, string dimension)
    {
        var months = period.Months.ToHashSet();
        return [.. _funnel
            .Where(f => f.Key.Dimension == dimension && months.Contains(f.Key.Month) && (model == AllModels || Models[f.Key.Model] == model))
            .GroupBy(f => f.Key.Value, f => f.Value)
            .Select(g => (g.Key, g.Aggregate(default(FunnelCounts), (a, c) => a + c)))
            .OrderByDescending(r => r.Item2.Booked).ThenBy(r => r.Key, StringComparer.Ordinal)];
    }

    private YearMonth MonthOf(Instant at)
    {
        var date = at.InZone(Zone).Date;
        return new YearMonth(date.Year, date.Month);
    }

    private void Count(int measure, YearMonth month, int model, string category, int sign)
    {
        var key = (measure, month, model, category);
        _counts[key] = _counts.GetValueOrDefault(key) + sign;
    }

    private void Sample(int measure, YearMonth month, int model, string category, double value, int sign)
    {
        var key = (measure, month, model, category);
        if (!_values.TryGetValue(key, out var list) || !_ownLists.Contains(list))
        {
            // New here, or shared with the figures this was copied from (which readers may hold): this copy's own.
            _values[key] = list = list is null ? [] : [.. list];
            _ownLists.Add(list);
        }

        if (sign > 0)
        {
            list.Add(value);
        }
        else
        {
            // The value this booking added before: the same computation gives the same double.
            list.Remove(value);
        }
    }

    /// <summary>The figure of <paramref name="measure"/> in <paramref name="period"/>, <paramref name="model"/> (JEM, WSO, all) and category.</summary>
    public Figure Get(Measure measure, StatPeriod period, string model, string category)
    {
        ArgumentNullException.ThrowIfNull(measure);
        var index = IndexOf(measure);
        int[] models = model == AllModels ? [0, 1] : [Array.IndexOf(Models, model)];
        if (measure.Kind != MeasureKind.Other)
        {
            long total = 0;
            foreach (var month in period.Months)
            {
                foreach (var m in models)
                {
                    total += _counts.GetValueOrDefault((index, month, m, category));
                }
            }

            return new Figure(total, total);
        }

        var values = new List<double>();
        foreach (var month in period.Months)
        {
            foreach (var m in models)
            {
                if (_values.TryGetValue((index, month, m, category), out var list))
                {
                    values.AddRange(list);
                }
            }
        }

        return values.Count == 0 ? new Figure(null, 0) : new Figure(Math.Round(measure.Aggregate!(values), 1), values.Count);
    }

    /// <summary>Every figure of <paramref name="period"/>: each measure, model and category, as published rows list them.</summary>
    public IEnumerable<(FigureKey Key, MeasureKind Kind, Figure Figure)> All(StatPeriod period)
    {
        var name = period.ToString();
        foreach (var measure in _measures)
        {
            foreach (var model in ModelsOf(measure))
            {
                foreach (var category in measure.PublishedCategories)
                {
                    yield return (new FigureKey(measure.Id, name, model, category), measure.Kind, Get(measure, period, model, category));
                }
            }
        }
    }

    public static IEnumerable<string> ModelsOf(Measure measure) =>
        measure is { ByModel: true } ? [.. Models, AllModels] : [AllModels];

    private int IndexOf(Measure measure)
    {
        for (var i = 0; i < _measures.Count; i++)
        {
            if (ReferenceEquals(_measures[i], measure) || _measures[i].Id == measure.Id)
            {
                return i;
            }
        }

        throw new ArgumentException($"Unknown measure {measure.Id}.", nameof(measure));
    }
}
