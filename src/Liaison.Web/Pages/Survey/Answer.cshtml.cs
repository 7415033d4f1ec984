using Liaison.Data.Trust;
using Liaison.Documents.Languages;
using Liaison.Domain.Trust;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Survey;

/// <summary>
/// The community trust survey (decision 0021), for whoever holds an invitation's code (no sign-in), in each language of
/// the public pages: seven statements on a five-point scale and four questions about the respondent, every one of which
/// may be left unanswered. The code is spent by the answer and is not stored with it. Posting is rate-limited by
/// address like the complaint form.
/// </summary>
public sealed class AnswerModel(SurveyService surveys) : PublicPageModel
{
    [BindProperty]
    public string? InvitationCode { get; set; }

    /// <summary>What was sent, to show again beside the problems (item or characteristic → value).</summary>
    public IReadOnlyDictionary<string, string?> Sent { get; private set; } = new Dictionary<string, string?>();

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Thanked { get; private set; }

    public IActionResult OnGet(string? lang) => Choose(lang) ? Page() : NotFound();

    /// <summary>The thanks, after an answer's redirect: it holds nothing of the answer, so anyone may load it.</summary>
    public IActionResult OnGetThanks(string? lang)
    {
        Thanked = true;
        return OnGet(lang);
    }

    public async Task<IActionResult> OnPostAsync(string? lang, CancellationToken ct)
    {
        if (!Choose(lang))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        string? Field(string name) => Request.Form.TryGetValue(name, out var v) ? v.ToString().Trim() : null;
        var items = SurveyInstrument.Items.ToDictionary(i => i.Id, i => Field("item-" + i.Id));
        var profile = SurveyInstrument.Dimensions.ToDictionary(d => d.Id, d => Field("about-" + d.Id));
        var problems = await surveys.RespondAsync(new SurveySubmission(InvitationCode, Language.Tag, items, profile), ct);
        if (problems.Count == 0)
        {
            return SeeOther($"/survey/{Language.Tag}?handler=thanks");
        }

        Sent = items.Concat(profile).ToDictionary(p => p.Key, p => p.Value);
        Problems = [.. problems.Select(p => Language.Format("survey.problem." + p.Key, ("field", p.Field)))];
        Response.StatusCode = problems.Any(p => p.Key == "used") ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }
}
