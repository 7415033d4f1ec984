using System.Net;
using Liaison.Data.Identity;
using Liaison.Documents.Languages;

namespace Liaison.Web.Tests;

/// <summary>
/// The public page in the eleven languages, through the real HTTP stack on either database: each at its own address
/// with the document's language and direction set, the figures exactly as in the downloads, "suppressed" and every
/// measure's title in the reader's language, the browser's language chosen at the bare address, and an unknown
/// language refused.
/// </summary>
public sealed class PublicLanguageTests
{
    public static TheoryData<string> Tags() => [.. DocumentLanguage.Tags];

    [Theory]
    [MemberData(nameof(Tags))]
    public async Task EachLanguage_HasItsOwnAddress_WithThePublishedFiguresInIt(string tag)
    {
        await using var app = await PublishedMarchAsync();
        using var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var language = DocumentLanguage.All.Single(l => l.Tag == tag);

        var page = await anonymous.GetPageAsync($"/transparency/{tag}");

        Assert.Contains($"<html lang=\"{tag}\" dir=\"{(tag == "ar" ? "rtl" : "ltr")}\">", page, StringComparison.Ordinal);
        Assert.Contains($"<title>{Html(language["public.title"])} · Liaison</title>", page, StringComparison.Ordinal);
        Assert.Contains(Html(language["public.lede"]), page, StringComparison.Ordinal);
        // The same value the downloads carry (12 bookings), titled in the language; 3 DHS matches are "suppressed" in it.
        Assert.Contains($"<th scope=\"row\">{Html(language["measure.bookings"])}</th> <td class=\"n\">12</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">{Html(language["measure.dhs-matches"])}</th> <td class=\"n\">{Html(language["public.suppressed"])}</td>", page, StringComparison.Ordinal);
        Assert.Contains(Html(language["public.footer"]), page, StringComparison.Ordinal);
        // The review status: a machine draft says so and links the English page; English says nothing.
        Assert.Equal(tag != "en", page.Contains(Html(language["public.machineDraft"]), StringComparison.Ordinal));
        // Every language is offered, named in itself, the current one marked.
        foreach (var other in DocumentLanguage.All)
        {
            Assert.Contains($"href=\"/transparency/{other.Tag}\" hreflang=\"{other.Tag}\"", page, StringComparison.Ordinal);
        }

        Assert.Contains($"lang=\"{tag}\" dir=\"{(tag == "ar" ? "rtl" : "ltr")}\" aria-current=\"page\">{Html(language.Name)}</a>", page, StringComparison.Ordinal);
        if (tag != "en")
        {
            Assert.DoesNotContain("Main figures, last", page, StringComparison.Ordinal); // no English left on a translated page
        }
    }

    [Theory]
    [InlineData("es-MX,es;q=0.9,en;q=0.8", "es")]
    [InlineData("zh-TW", "en")] // Traditional Chinese: Liaison has no texts in it, and does not put Simplified in its place
    [InlineData("zh-TW,zh;q=0.9", "zh-Hans")] // ... unless the browser accepts any Chinese
    [InlineData("fr;q=0.2, vi", "vi")]
    [InlineData("de-DE, ar;q=0.5", "ar")]
    [InlineData("", "en")]
    public async Task TheBareAddress_FollowsTheBrowsersLanguage(string acceptLanguage, string expected)
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/transparency");
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await anonymous.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Language", response.Headers.Vary);
        Assert.Contains($"<html lang=\"{expected}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/transparency/de")]
    [InlineData("/transparency/zh-Hant")]
    [InlineData("/transparency/%3Cscript%3E")]
    public async Task ALanguageLiaisonHasNoTextsIn_IsNotFound(string url)
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        using var response = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTagIsMatchedInAnyCase()
    {
        await using var app = await TestApp.StartAsync();
        using var anonymous = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        Assert.Contains("<html lang=\"zh-Hans\"", await anonymous.GetPageAsync("/transparency/ZH-hans"), StringComparison.Ordinal);
    }

    /// <summary>Twelve March bookings, three matched by DHS, March published: the public has figures to read.</summary>
    private static async Task<LiaisonWebFactory> PublishedMarchAsync()
    {
        var app = await TestApp.StartAsync();
        for (var i = 1; i <= 12; i++)
        {
            await app.BookAsync($"S{i}");
        }

        foreach (var id in new[] { "S1", "S2", "S3" })
        {
            await app.RecordDhsMatchAsync(id);
        }

        app.Clock.AdvanceDays(31);
        using var manager = await app.SignInAsync(Roles.ProgramManager);
        await manager.PostFormAsync("/statistics?handler=publish", new() { ["Month"] = "2026-03" }, "/statistics");
        return app;
    }

    /// <summary>As the app encodes text: every script as itself (the app's WebEncoderOptions), markup characters escaped.</summary>
    private static string Html(string text) => Encoder.Encode(text);

    private static readonly System.Text.Encodings.Web.HtmlEncoder Encoder = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
