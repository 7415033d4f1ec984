using Liaison.Documents.Languages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Display;

/// <summary>A public form's page (no sign-in) in the language its address names, or the reader's browser's.</summary>
public abstract class PublicPageModel : PageModel
{
    public DocumentLanguage Language { get; private set; } = DocumentLanguage.English;

    /// <summary>The page's language from its address or the browser; false when the address names none Liaison has (404).</summary>
    protected bool Choose(string? lang)
    {
        if (PublicLanguage.For(HttpContext, lang) is not { } language)
        {
            return false;
        }

        Language = language;
        return true;
    }

    /// <summary>
    /// 303 See Other to a page of this site: what a form answers once it has stored what was sent, so that reloading
    /// the page shown next asks for that page again instead of sending the form a second time.
    /// </summary>
    protected StatusCodeResult SeeOther(string localUrl)
    {
        Response.Headers.Location = localUrl;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
