using Liaison.Documents.Languages;
using Microsoft.AspNetCore.Http;

namespace Liaison.Web.Display;

/// <summary>
/// The language of a public page (no sign-in): the one its address names (<c>/transparency/es</c>,
/// <see cref="DocumentLanguage.Find"/>), else the first of the reader's browser languages Liaison has texts in, else
/// English. Texts live with the printed documents' texts, one file per language a translator edits (decision 0018).
/// </summary>
public static class PublicLanguage
{
    /// <summary>
    /// The language of a public page at <paramref name="lang"/> (its address's tag), or negotiated when there is none
    /// (the answer then varies by <c>Accept-Language</c>); null when the tag names no language Liaison has (404).
    /// </summary>
    public static DocumentLanguage? For(HttpContext context, string? lang)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (lang is not null)
        {
            return DocumentLanguage.Find(lang);
        }

        context.Response.Headers.Vary = "Accept-Language";
        return Negotiate(context.Request);
    }

    /// <summary>
    /// The language of the public form whose address was <paramref name="path"/>, for a refusal shown in its place (429,
    /// 413): the tag that ends the address, else the browser's; null when the address is not a public form's.
    /// </summary>
    public static DocumentLanguage? OfForm(HttpContext context, string? path)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(path) || !Security.PublicFormLimits.IsPublicForm(new PathString(path)))
        {
            return null;
        }

        return DocumentLanguage.Find(path.TrimEnd('/').Split('/')[^1]) ?? Negotiate(context.Request);
    }

    /// <summary>The reader's preferred language from <c>Accept-Language</c>, by quality, matched as a booking's language is (es-MX → es).</summary>
    public static DocumentLanguage Negotiate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1); // stable: equal qualities keep the browser's order
        return preferred.Select(l => DocumentLanguage.Match(l.Value.Value)).FirstOrDefault(l => l is not null) ?? DocumentLanguage.English;
    }
}

/// <summary>What the language choice of a public page needs: the page's language and its address without the tag.</summary>
public sealed record LanguageChoice(DocumentLanguage Language, string Path);
