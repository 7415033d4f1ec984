using Liaison.Data.Statistics;
using Liaison.Documents.Languages;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Complaints;

/// <summary>
/// The poster the agreement asks for in processing areas: how to complain, in English and Spanish
/// (<c>/complaints/poster</c>) or in any language of the public pages beside English (<c>/complaints/poster/{tag}</c>),
/// with the form's address and its QR code. The address is <c>Liaison:PublicAddress</c> when set (the address the
/// public reaches), else the one this page was opened at.
/// </summary>
public sealed class PosterModel(StatisticsService statistics, IConfiguration configuration) : PageModel
{
    public string Agency { get; private set; } = "";

    /// <summary>The poster's languages, each with the form's address in it and its QR code (an SVG).</summary>
    public IReadOnlyList<(DocumentLanguage Language, string Address, string QrSvg)> Panels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? lang, CancellationToken ct)
    {
        DocumentLanguage[] languages;
        if (lang is null)
        {
            languages = [DocumentLanguage.English, DocumentLanguage.Find("es")!];
        }
        else if (DocumentLanguage.Find(lang) is { } named)
        {
            languages = named == DocumentLanguage.English ? [named] : [named, DocumentLanguage.English];
        }
        else
        {
            return NotFound();
        }

        Agency = await statistics.AgencyNameAsync(ct);
        var root = PublicAddress.Root(configuration, Request);
        Panels = [.. languages.Select(l => (l, $"{root}/complaints/{l.Tag}", PublicAddress.QrSvg($"{root}/complaints/{l.Tag}")))];
        return Page();
    }
}
