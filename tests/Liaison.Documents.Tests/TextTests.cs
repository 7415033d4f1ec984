using System.Text.RegularExpressions;
using Liaison.Documents.Languages;

namespace Liaison.Documents.Tests;

/// <summary>The translator's files: every language has every text, with the same placeholders, and says how far it was checked.</summary>
public sealed partial class TextTests
{
    public static TheoryData<string> Translations() => [.. DocumentLanguage.Tags.Skip(1)];

    [Fact]
    public void ElevenLanguages_EnglishTheSource_InTheIssuesOrder() =>
        Assert.Equal(["en", "es", "pt", "ht", "fr", "vi", "zh-Hans", "tl", "ko", "ar", "ru"], DocumentLanguage.All.Select(l => l.Tag));

    [Theory]
    [MemberData(nameof(Translations))]
    public void ATranslation_HasExactlyTheEnglishTexts_WithTheSamePlaceholders(string tag)
    {
        var english = DocumentLanguage.English;
        var language = DocumentLanguage.All.Single(l => l.Tag == tag);

        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), language.Keys.Order(StringComparer.Ordinal));
        foreach (var key in english.Keys.Where(k => !k.StartsWith("_meta.", StringComparison.Ordinal) && !k.StartsWith("format.", StringComparison.Ordinal)))
        {
            Assert.False(string.IsNullOrWhiteSpace(language[key]), $"{tag}: {key} is empty");
            Assert.Equal(Placeholders(english[key]), Placeholders(language[key]));
        }
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void EveryTranslation_IsAMachineDraft_UntilATranslatorReviewsIt(string tag)
    {
        var language = DocumentLanguage.All.Single(l => l.Tag == tag);

        Assert.Equal(ReviewStatus.MachineDraft, language.Status);
        Assert.Null(language.ReviewedBy);
        Assert.NotNull(language.StatusLine);
        Assert.Equal(ReviewStatus.Source, DocumentLanguage.English.Status);
        Assert.Null(DocumentLanguage.English.StatusLine);
    }

    [Fact]
    public void EveryPublishedMeasure_HasItsTitleInTheTexts_TheEnglishOneAsTheCodeNamesIt()
    {
        // The public page titles each measure in the reader's language; English must say what the code and the downloads say.
        Assert.All(Liaison.Domain.Statistics.Measures.All, m => Assert.Equal(m.Title, DocumentLanguage.English["measure." + m.Id]));
        var measureKeys = DocumentLanguage.English.Keys.Where(k => k.StartsWith("measure.", StringComparison.Ordinal)).Select(k => k["measure.".Length..]);
        Assert.Equal(Liaison.Domain.Statistics.Measures.All.Select(m => m.Id).Order(StringComparer.Ordinal), measureKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void OnlyArabic_ReadsRightToLeft() =>
        Assert.Equal(["ar"], DocumentLanguage.All.Where(l => l.RightToLeft).Select(l => l.Tag));

    [Theory]
    [InlineData("es", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("ES", "es")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("fil", "tl")]
    [InlineData("pt-BR", "pt")]
    [InlineData("ar-EG", "ar")]
    [InlineData("zh-Hant", null)]
    [InlineData("zh-TW", null)]
    [InlineData("hi", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ABookingsLanguageTag_PicksTheDocumentLanguage(string? booked, string? expected) =>
        Assert.Equal(expected, DocumentLanguage.Match(booked)?.Tag);

    private static List<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex Placeholder();
}
