using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Liaison.Documents.Fonts;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Documents.Languages;

/// <summary>How far a language's text has been checked: the English original, a machine draft, or reviewed by a named translator.</summary>
public enum ReviewStatus
{
    Source,
    MachineDraft,
    Reviewed,
}

/// <summary>
/// One language Liaison prints in: its BCP 47 tag, names, direction, the fonts its script needs and its texts, loaded
/// from <c>Languages/Texts/{tag}.json</c> — flat key → text files a translator edits, with the review status in the
/// <c>_meta.*</c> keys. Placeholders are named (<c>{deadline}</c>) so a translation may move them.
/// </summary>
public sealed class DocumentLanguage
{
    private readonly FrozenDictionary<string, string> _texts;
    private readonly LocalDateTimePattern _dateTime;
    private readonly LocalDatePattern _date;

    private DocumentLanguage(string tag, FrozenDictionary<string, string> texts)
    {
        Tag = tag;
        _texts = texts;
        Name = Meta("name");
        EnglishName = Meta("englishName");
        RightToLeft = Meta("direction") == "rtl";
        Status = Meta("status") switch
        {
            "source" => ReviewStatus.Source,
            "machine-draft" => ReviewStatus.MachineDraft,
            "reviewed" => ReviewStatus.Reviewed,
            var s => throw new InvalidDataException($"{tag}.json: _meta.status \"{s}\" is not source, machine-draft or reviewed."),
        };
        ReviewedBy = texts.GetValueOrDefault("_meta.reviewedBy") is { Length: > 0 } by ? by : null;
        ReviewedOn = texts.GetValueOrDefault("_meta.reviewedOn") is { Length: > 0 } on ? LocalDatePattern.Iso.Parse(on).GetValueOrThrow() : null;
        if (Status == ReviewStatus.Reviewed && (ReviewedBy is null || ReviewedOn is null))
        {
            throw new InvalidDataException($"{tag}.json: a reviewed translation names its reviewer (_meta.reviewedBy) and date (_meta.reviewedOn).");
        }

        _dateTime = LocalDateTimePattern.CreateWithInvariantCulture(this["format.dateTime"]);
        _date = LocalDatePattern.CreateWithInvariantCulture(this["format.date"]);
        Fonts = tag switch
        {
            "ar" => [PdfFonts.NotoNaskhArabic, PdfFonts.NotoSans, PdfFonts.DejaVuSans],
            "zh-Hans" => [PdfFonts.WenQuanYiMicroHei, PdfFonts.NotoSans, PdfFonts.DejaVuSans],
            "ko" => [PdfFonts.NanumGothic, PdfFonts.NotoSans, PdfFonts.DejaVuSans],
            _ => [PdfFonts.NotoSans, PdfFonts.DejaVuSans],
        };
    }

    public string Tag { get; }

    /// <summary>The language's name in itself (Español, العربية).</summary>
    public string Name { get; }

    public string EnglishName { get; }

    public bool RightToLeft { get; }

    public ReviewStatus Status { get; }

    public string? ReviewedBy { get; }

    public LocalDate? ReviewedOn { get; }

    /// <summary>The fonts tried in order for each character: the script's own first, then Noto Sans and DejaVu Sans.</summary>
    public IReadOnlyList<PdfFontFamily> Fonts { get; }

    /// <summary>The text keys this language has (every language has the same keys: a test holds them to English's).</summary>
    public IEnumerable<string> Keys => _texts.Keys;

    public bool Has(string key) => _texts.ContainsKey(key);

    public string this[string key] => _texts.TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"{Tag}.json has no text \"{key}\".");

    /// <summary>The text with its named placeholders filled in.</summary>
    public string Format(string key, params (string Name, string Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    public string DateTime(LocalDateTime at) => _dateTime.Format(at);

    public string Date(LocalDate date) => _date.Format(date);

    /// <summary>The review status in the language itself, for the document's foot.</summary>
    public string? StatusLine => Status switch
    {
        ReviewStatus.MachineDraft => this["status.machineDraft"],
        ReviewStatus.Reviewed => Format("status.reviewed", ("reviewer", ReviewedBy!), ("date", Date(ReviewedOn!.Value))),
        _ => null,
    };

    private string Meta(string key) => this["_meta." + key];

    /// <summary>Every language, English first, then in the order the issue lists them.</summary>
    public static IReadOnlyList<DocumentLanguage> All => Loaded.Value;

    public static readonly IReadOnlyList<string> Tags = ["en", "es", "pt", "ht", "fr", "vi", "zh-Hans", "tl", "ko", "ar", "ru"];

    public static DocumentLanguage English => All[0];

    private static readonly Lazy<IReadOnlyList<DocumentLanguage>> Loaded = new(() => [.. Tags.Select(Load)]);

    /// <summary>The language with exactly this tag, in any case (a public page's address), or null.</summary>
    public static DocumentLanguage? Find(string tag) => All.FirstOrDefault(l => string.Equals(l.Tag, tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The language for a booking's BCP 47 tag: the exact tag, else its primary language (es-MX → es, zh → zh-Hans,
    /// fil → tl). Null when Liaison has no text in that language (Traditional Chinese among them).
    /// </summary>
    public static DocumentLanguage? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var exact = Find(tag.Trim());
        if (exact is not null)
        {
            return exact;
        }

        var parts = tag.Trim().ToLowerInvariant().Split('-', '_');
        return parts[0] switch
        {
            "zh" when parts.Skip(1).Any(p => p is "hant" or "tw" or "hk" or "mo") => null,
            "zh" or "cmn" => All.First(l => l.Tag == "zh-Hans"),
            "fil" => All.First(l => l.Tag == "tl"),
            var primary => All.FirstOrDefault(l => l.Tag == primary),
        };
    }

    private static DocumentLanguage Load(string tag)
    {
        var name = $"Liaison.Documents.Texts.{tag}.json";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The texts {name} are not in the build.");
        var texts = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidDataException($"{tag}.json is empty.");
        return new DocumentLanguage(tag, texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
