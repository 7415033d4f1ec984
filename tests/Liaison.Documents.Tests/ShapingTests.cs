using Liaison.Documents.Fonts;
using Liaison.Documents.Text;

namespace Liaison.Documents.Tests;

/// <summary>Arabic joining, right-to-left order and the fonts' coverage, which PDFsharp leaves to Liaison.</summary>
public sealed class ShapingTests
{
    [Fact]
    public void ArabicLetters_TakeTheirJoiningForms_AndLamAlefBecomesOneLigature()
    {
        // سلام: seen initial, lam-alef final ligature, meem alone (alef never joins the letter after it).
        Assert.Equal("\uFEB3\uFEFC\uFEE1", ArabicShaping.Shape("سلام"));

        // بيت: beh initial, yeh medial, teh final.
        Assert.Equal("\uFE91\uFEF4\uFE96", ArabicShaping.Shape("بيت"));

        // Separate words do not join across the space; non-Arabic text passes unchanged.
        Assert.Equal("\uFE8F \uFE8F", ArabicShaping.Shape("ب ب"));
        Assert.Equal("Booking B-1", ArabicShaping.Shape("Booking B-1"));
    }

    [Fact]
    public void ARightToLeftLine_RunsFromTheRight_WithNumbersAndLatinCodesKeptInTheirOwnOrder()
    {
        Assert.Equal("123 مقر", BidiLine.Visual("رقم 123", rightToLeft: true));
        Assert.Equal("I-247A جذومنلا", BidiLine.Visual("النموذج I-247A", rightToLeft: true));
        Assert.Equal("1-855-448-6903 مقر", BidiLine.Visual("رقم 1-855-448-6903", rightToLeft: true));
    }

    [Fact]
    public void BracketsInRightToLeftText_AreMirrored() =>
        Assert.Equal("ب (I-200) ا", BidiLine.Visual("ا (I-200) ب", rightToLeft: true));

    [Fact]
    public void LeftToRightTextWithoutArabic_IsLeftAsItIs() =>
        Assert.Equal("Booking (B-1) 12:30", BidiLine.Visual("Booking (B-1) 12:30", rightToLeft: false));

    [Fact]
    public void EachScriptsFont_CoversItsLetters_AndACollectionsFaceReadsTheSameOnItsOwn()
    {
        Assert.True(PdfFonts.Coverage(PdfFonts.NotoSans).Covers('ệ'));
        Assert.True(PdfFonts.Coverage(PdfFonts.NotoSans).Covers('Ж'));
        Assert.False(PdfFonts.Coverage(PdfFonts.NotoSans).Covers('中'));
        Assert.True(PdfFonts.Coverage(PdfFonts.NotoNaskhArabic).Covers(0xFEFC)); // lam-alef final
        Assert.True(PdfFonts.Coverage(PdfFonts.WenQuanYiMicroHei).Covers('羁'));
        Assert.True(PdfFonts.Coverage(PdfFonts.NanumGothic).Covers('한'));

        var collection = File.ReadAllBytes(Directory.EnumerateFiles("/usr/share/fonts", "wqy-microhei.ttc", SearchOption.AllDirectories).First());
        var face = FontCoverage.ExtractFace(collection, 0);
        Assert.False(FontCoverage.IsCollection(face));
        Assert.Equal(FontCoverage.Read(collection).Count, FontCoverage.Read(face).Count);
    }
}
