using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Liaison.Documents.Languages;
using Liaison.Domain.Statistics;
using Microsoft.AspNetCore.Html;

namespace Liaison.Web.Display;

/// <summary>
/// One bar chart: its title, the bars' labels and values, and a one-sentence summary for readers who do not see it, in
/// <paramref name="Language"/> (English when none: the staff pages).
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyList<double?> Values, DocumentLanguage? Language = null)
{
    /// <summary>Latest, highest and lowest, in words.</summary>
    public string Summary
    {
        get
        {
            var words = Language ?? DocumentLanguage.English;
            var known = Labels.Zip(Values).Where(p => p.Second is not null).Select(p => (Label: p.First, Value: p.Second!.Value)).ToList();
            if (known.Count == 0)
            {
                return words.Format("public.chartNone", ("title", Title));
            }

            var high = known.MaxBy(p => p.Value);
            var low = known.MinBy(p => p.Value);
            var hidden = Values.Count(v => v is null);
            var summary = words.Format("public.chartSummary", ("title", Title), ("latest", Publication.Format(known[^1].Value)), ("latestMonth", known[^1].Label),
                ("high", Publication.Format(high.Value)), ("highMonth", high.Label), ("low", Publication.Format(low.Value)), ("lowMonth", low.Label));
            return hidden > 0 ? summary + " " + words.Format("public.chartHidden", ("count", hidden.ToString(CultureInfo.InvariantCulture))) : summary;
        }
    }

    /// <summary>
    /// Server-rendered SVG: no script, prints as it shows, each bar labelled with its value (so it reads in black and
    /// white), announced as an image described by its summary; the page puts the data table beside it.
    /// </summary>
    public IHtmlContent Svg()
    {
        const int Height = 160, Top = 16, Bottom = 22, Slot = 44;
        var width = Math.Max(1, Labels.Count) * Slot;
        var max = Math.Max(1, Values.Max(v => v ?? 0));
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" width=\"{width * 2}\" height=\"{Height * 2}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-labelledby=\"{Id}-t {Id}-d\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-t\">{e.Encode(Title)}</title><desc id=\"{Id}-d\">{e.Encode(Summary)}</desc>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{Height - Bottom}\" x2=\"{width}\" y2=\"{Height - Bottom}\" class=\"axis\"/>");
        for (var i = 0; i < Labels.Count; i++)
        {
            var x = (i * Slot) + 8;
            var value = Values[i];
            var h = value is { } v ? v / max * (Height - Top - Bottom - 12) : 0;
            var y = Height - Bottom - h;
            if (value is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y:0.#}\" width=\"{Slot - 16}\" height=\"{h:0.#}\" class=\"bar\"/>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((Slot - 16) / 2)}\" y=\"{y - 3:0.#}\" class=\"value\">{e.Encode(value is { } shown ? Publication.Format(shown) : "s")}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + ((Slot - 16) / 2)}\" y=\"{Height - 6}\" class=\"label\">{e.Encode(Labels[i])}</text>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}

/// <summary>
/// Estimates with their 95% intervals over time (a survey's rounds), on a fixed scale from <paramref name="Lowest"/> to
/// <paramref name="Highest"/>, with a dashed line before the first round at or after <paramref name="StartMonth"/> (the
/// agreement's first month, <c>YYYY-MM</c>; after the last round when all are before it; none when null) marking when the
/// agreement began. Suppressed points (null) are left out and said so. The labels are the rounds' months.
/// </summary>
public sealed record IntervalChart(string Id, string Title, IReadOnlyList<string> Labels, IReadOnlyList<(double Value, double Low, double High)?> Points,
    double Lowest, double Highest, string? StartMonth, string StartLabel, DocumentLanguage? Language = null)
{
    public string Summary
    {
        get
        {
            var words = Language ?? DocumentLanguage.English;
            var known = Labels.Zip(Points).Where(p => p.Second is not null).Select(p => (Label: p.First, Point: p.Second!.Value)).ToList();
            if (known.Count == 0)
            {
                return words.Format("public.chartNone", ("title", Title));
            }

            var (label, point) = known[^1];
            return words.Format("survey.chartSummary", ("title", Title), ("latest", Publication.Format(point.Value)), ("latestMonth", label),
                ("low", Publication.Format(point.Low)), ("high", Publication.Format(point.High)));
        }
    }

    public IHtmlContent Svg()
    {
        const int Height = 180, Top = 14, Bottom = 22, Left = 22, Slot = 56;
        var width = Left + (Math.Max(3, Labels.Count) * Slot); // room for the start's label beside a single round
        double Y(double v) => Top + ((Highest - Math.Clamp(v, Lowest, Highest)) / (Highest - Lowest) * (Height - Top - Bottom));
        var e = HtmlEncoder.Default;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart intervals\" width=\"{width * 2}\" height=\"{Height * 2}\" viewBox=\"0 0 {width} {Height}\" role=\"img\" aria-labelledby=\"{Id}-t {Id}-d\" xmlns=\"http://www.w3.org/2000/svg\">");
        sb.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-t\">{e.Encode(Title)}</title><desc id=\"{Id}-d\">{e.Encode(Summary)}</desc>");
        for (var tick = Lowest; tick <= Highest; tick++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(tick):0.#}\" x2=\"{width}\" y2=\"{Y(tick):0.#}\" class=\"grid\"/><text x=\"{Left - 6}\" y=\"{Y(tick) + 3:0.#}\" class=\"tick\">{tick:0}</text>");
        }

        if (StartMonth is not null)
        {
            var start = Labels.TakeWhile(label => string.CompareOrdinal(label, StartMonth) < 0).Count();
            var x = Left + (start * Slot) - 2;
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{Top - 8}\" x2=\"{x}\" y2=\"{Height - Bottom}\" class=\"start\"/><text x=\"{x + 3}\" y=\"{Top - 2}\" class=\"start-label\">{e.Encode(StartLabel)}</text>");
        }

        for (var i = 0; i < Labels.Count; i++)
        {
            var x = Left + (i * Slot) + (Slot / 2);
            if (Points[i] is { } p)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" y1=\"{Y(p.Low):0.#}\" x2=\"{x}\" y2=\"{Y(p.High):0.#}\" class=\"whisker\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{Y(p.Value):0.#}\" r=\"3.5\" class=\"point\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6}\" y=\"{Y(p.Value) - 4:0.#}\" class=\"value\">{e.Encode(Publication.Format(p.Value))}</text>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height - Bottom - 6}\" class=\"value\">s</text>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{Height - 6}\" class=\"label\">{e.Encode(Labels[i])}</text>");
        }

        sb.Append("</svg>");
        return new HtmlString(sb.ToString());
    }
}
