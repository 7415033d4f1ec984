using System.Text.RegularExpressions;
using Liaison.Documents.Kinds;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Jurisdictions;
using NodaTime;

namespace Liaison.Documents.Tests;

/// <summary>
/// Every document in every language, read back as a person's PDF reader would (poppler's pdftotext, pdffonts,
/// pdftoppm): the booking, the name, the dates in the facility's local time in the language's own format, the hotline,
/// the language's own script, every font embedded and no character without a glyph.
/// </summary>
public sealed partial class DocumentTests
{
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    public static TheoryData<string, string> EveryDocumentInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var tag in DocumentLanguage.Tags)
        {
            foreach (var kind in Enum.GetValues<DocumentKind>())
            {
                data.Add(Codes.Of(kind), tag);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDocumentInEveryLanguage))]
    public void TheDocument_ReadsBackInItsLanguage_WithTheCaseFacts(string kindCode, string tag)
    {
        Assert.True(Codes.TryParse<DocumentKind>(kindCode, out var kind));
        var language = DocumentLanguage.All.Single(l => l.Tag == tag);
        var printed = PrintedDocuments.Write(kind, SampleCase.Of(holdEnds: SampleCase.HoldEnds), language, SampleCase.Printed);

        Assert.Empty(printed.MissingCharacters);
        Assert.Equal($"{kindCode}-B2026-004217-{tag}.pdf", printed.FileName);
        var fonts = Poppler.Fonts(printed.Pdf).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, f => Assert.Matches(@"\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$", f)); // embedded, subset, with a Unicode map

        var text = Poppler.Text(printed.Pdf);
        Assert.Contains("B2026-004217", text);
        Assert.Contains("García López", text);
        Assert.Contains("José Ángel", text);

        string Local(Instant at) => language.DateTime(at.InZone(NewYork).LocalDateTime);
        var dates = kind switch
        {
            DocumentKind.DetainerNotice => [Local(SampleCase.HoldEnds)],
            DocumentKind.CaseSummary => [Local(SampleCase.HoldEnds), Local(SampleCase.Booked)],
            DocumentKind.DualNotice => [Local(SampleCase.Booked.Plus(Duration.FromHours(20)))],
            _ => new[] { language.Date(new LocalDate(1991, 7, 14)) },
        };
        foreach (var date in dates)
        {
            // Right to left, a date and its time are two numbers the line orders from the right: each is there whole.
            foreach (var part in language.RightToLeft ? date.Split(' ') : [date])
            {
                Assert.Contains(part, text);
            }
        }

        if (kind is DocumentKind.DetainerNotice or DocumentKind.DualNotice)
        {
            Assert.Contains("1-855-448-6903", text);
        }

        var title = language[kind switch
        {
            DocumentKind.DetainerNotice => "detainer.title",
            DocumentKind.RightsAdvisal => "rights.title",
            DocumentKind.CaseSummary => "summary.title",
            DocumentKind.InterviewConsent => "consent.title",
            _ => "dual.title",
        }];
        if (language.RightToLeft)
        {
            // Arabic is printed as shaped presentation forms: what comes back is Arabic script, a good deal of it.
            Assert.True(ArabicLetters().Count(text) > 20, "little Arabic script in the text: " + text[..Math.Min(300, text.Length)]);
        }
        else
        {
            Assert.Contains(Squeeze(title, tag), Squeeze(text, tag));
        }

        var script = tag switch
        {
            "zh-Hans" => @"\p{IsCJKUnifiedIdeographs}",
            "ko" => @"\p{IsHangulSyllables}",
            "ru" => @"\p{IsCyrillic}",
            "vi" => "[ơưđệớờủ]",
            _ => null,
        };
        if (script is not null)
        {
            Assert.True(Regex.Count(text, script) > 20, $"little {tag} script in the text");
        }
    }

    [Fact]
    public void OneRenderedPagePerLanguage_IsAPicture_SavedForTheDocsOnRequest()
    {
        var folder = Environment.GetEnvironmentVariable("LIAISON_SCREENSHOTS") is { Length: > 0 } f ? Path.Combine(f, "documents") : null;
        var scratch = Directory.CreateTempSubdirectory("liaison-pages-").FullName;
        try
        {
            foreach (var language in DocumentLanguage.All)
            {
                var printed = PrintedDocuments.Write(DocumentKind.DetainerNotice, SampleCase.Of(holdEnds: SampleCase.HoldEnds), language, SampleCase.Printed);
                var png = Path.Combine(folder ?? scratch, $"detainer-notice-{language.Tag}");
                Directory.CreateDirectory(Path.GetDirectoryName(png)!);
                Poppler.FirstPage(printed.Pdf, png);
                var bytes = File.ReadAllBytes(png + ".png");
                Assert.True(bytes.Length > 20_000, $"{language.Tag}: a page with text renders to more than 20 kB, not {bytes.Length}"); // a blank page is a few kB
            }
        }
        finally
        {
            Directory.Delete(scratch, true);
        }
    }

    [Fact]
    public void ACharacterNoFontHas_IsReported_NotPrintedAsABox()
    {
        var devanagari = SampleCase.Of() with { FirstName = "राम" };
        var printed = PrintedDocuments.Write(DocumentKind.RightsAdvisal, devanagari, DocumentLanguage.English, SampleCase.Printed);

        Assert.Contains("U+0930 र", printed.MissingCharacters);
    }

    [Fact]
    public void WithoutADetainerOrWarrant_ThereIsNoDetainerNoticeOrCopyToGive()
    {
        var none = SampleCase.Of(requests: false);

        var e = Assert.Throws<DocumentNotApplicableException>(() => PrintedDocuments.Write(DocumentKind.DetainerNotice, none, DocumentLanguage.English, SampleCase.Printed));
        Assert.Contains("No detainer or warrant", e.Message);
        Assert.NotNull(PrintedDocuments.NotApplicable(DocumentKind.DualNotice, none));
        Assert.Null(PrintedDocuments.NotApplicable(DocumentKind.RightsAdvisal, none));
        Assert.Null(PrintedDocuments.NotApplicable(DocumentKind.CaseSummary, none));
    }

    [Theory]
    [InlineData(HoldPolicy.Calendar48h, "no more than 48 hours.")]
    [InlineData(HoldPolicy.Business48h, "not counting weekends and holidays")]
    [InlineData(HoldPolicy.NotifyOnly, "does not allow the jail to keep you")]
    public void BeforeTheHoldBegins_TheNoticeSaysHowLongItMayLast_UnderTheStatesRule(HoldPolicy policy, string expected)
    {
        var text = Poppler.Text(PrintedDocuments.Write(DocumentKind.DetainerNotice, SampleCase.Of(policy: policy), DocumentLanguage.English, SampleCase.Printed).Pdf);

        Assert.Contains(expected, Squeeze(text, "en"));
        Assert.DoesNotContain("only until", text);
    }

    [Theory]
    [InlineData("CN", true, true)]
    [InlineData("MX", true, false)]
    [InlineData("US", false, false)]
    public void TheRightsAdvisal_HasTheConsularPart_ForForeignNationals_AndSaysWhenNoticeIsMandatory(string citizenship, bool consular, bool mandatory)
    {
        var text = Squeeze(Poppler.Text(PrintedDocuments.Write(DocumentKind.RightsAdvisal, SampleCase.Of(citizenship), DocumentLanguage.English, SampleCase.Printed).Pdf), "en");

        Assert.Equal(consular, text.Contains("Do you want us to tell your consulate", StringComparison.Ordinal));
        Assert.Equal(mandatory, text.Contains("The law requires us to tell your country's consulate", StringComparison.Ordinal));
        Assert.Contains("You have the right to remain silent.", text);
    }

    [Fact]
    public void TheCaseSummary_ListsEveryEventWithWhoRecordedIt_AndRefusalsWithTheirReason()
    {
        var text = Squeeze(Poppler.Text(PrintedDocuments.Write(DocumentKind.CaseSummary, SampleCase.Of(), DocumentLanguage.English, SampleCase.Printed).Pdf), "en");

        Assert.Contains("Detainer lodged", text);
        Assert.Contains("Warrant served on the person (refused:", text);
        Assert.Contains("warrant-not-signed-by-supervisor)", text);
        Assert.Contains("Officer Moreno", text);
        Assert.Contains("Possession of marijuana", text);
        Assert.Contains("Held for ICE", text);
    }

    [Fact]
    public void ATranslationsFoot_SaysItIsAMachineDraft_InItsOwnLanguage()
    {
        var spanish = DocumentLanguage.All.Single(l => l.Tag == "es");
        var text = Squeeze(Poppler.Text(PrintedDocuments.Write(DocumentKind.RightsAdvisal, SampleCase.Of(), spanish, SampleCase.Printed).Pdf), "es");

        Assert.Contains("borrador automático", text);
        Assert.Contains("Página 1 de 1", text);
        Assert.DoesNotContain("machine draft", Squeeze(Poppler.Text(PrintedDocuments.Write(DocumentKind.RightsAdvisal, SampleCase.Of(), DocumentLanguage.English, SampleCase.Printed).Pdf), "en"));
    }

    /// <summary>Text with its line breaks and runs of spaces made single spaces (Chinese, which has none, loses them all).</summary>
    private static string Squeeze(string text, string tag) => tag == "zh-Hans" ? Whitespace().Replace(text, "") : Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\u0600-\u06FF\uFB50-\uFDFF\uFE70-\uFEFF]")]
    private static partial Regex ArabicLetters();
}
