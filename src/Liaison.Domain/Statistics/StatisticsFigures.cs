using Liaison.Domain.Agreements;
using NodaTime;

namespace Liaison.Domain.Statistics;

/// <summary>One figure: a measure in a period, model and category; <see cref="People"/> is how many it was computed from.</summary>
public readonly record struct FigureKey(string Measure, string Period, string Model, string Category);

/// <summary>A figure's value (null: nobody to compute an <c>other</c> figure from) and how many people or events it rests on.</summary>
public readonly record struct Figure(double? Value, long People);

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

    public static StatisticsFigures Compute(IEnumerable<StatisticsBooking> bookingsInBookingOrder, DateTimeZone zone, IReadOnlyList<Measure>? measures = null)
    {
        ArgumentNullException.ThrowIfNull(bookingsInBookingOrder);
        ArgumentNullException.ThrowIfNull(zone);
        var figures = new StatisticsFigures(measures ?? Statistics.Measures.All, zone);
        var context = new StatisticsContext(OffenceCategories.Standard);
        foreach (var booking in bookingsInBookingOrder)
        {
            figures.Add(booking, context);
        }

        return figures;
    }

    private void Add(StatisticsBooking b, StatisticsContext context)
    {
        context.Enter(b);
        var model = b.Milestones.Model switch { AgreementModel.Jem => 0, AgreementModel.Wso => 1, _ => -1 };
        if (model < 0)
        {
            OutsideAgreements++;
            return;
        }

        for (var m = 0; m < _measures.Count; m++)
        {
            var measure = _measures[m];
            foreach (var c in measure.Contributions(b, context))
            {
                var month = MonthOf(c.At);
                Months.Add(month);
                if (measure.Kind == MeasureKind.Other)
                {
                    Sample(m, month, model, c.Category, c.Value);
                    if (c.Category != Measure.All)
                    {
                        Sample(m, month, model, Measure.All, c.Value);
                    }
                }
                else
                {
                    Count(m, month, model, c.Category);
                    if (measure.Kind == MeasureKind.Count && c.Category != Measure.All)
                    {
                        Count(m, month, model, Measure.All);
                    }
                }
            }
        }
    }

    private YearMonth MonthOf(Instant at)
    {
        var date = at.InZone(Zone).Date;
        return new YearMonth(date.Year, date.Month);
    }

    private void Count(int measure, YearMonth month, int model, string category)
    {
        var key = (measure, month, model, category);
        _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    private void Sample(int measure, YearMonth month, int model, string category, double value)
    {
        var key = (measure, month, model, category);
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
        }

        list.Add(value);
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
