using Liaison.Documents.Languages;
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
}
