using Liaison.Data.Administration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Admin;

/// <summary>How an administration page answers a change the service checked: 404, the form again with each problem under its field (400), or the flash and back to the page.</summary>
internal static class ChangeResults
{
    public static async Task<IActionResult> AnswerAsync(this PageModel page, ChangeOutcome outcome, string flash, string backTo, Func<Task<IActionResult>> showInvalid)
    {
        if (!outcome.Found)
        {
            return new NotFoundResult();
        }

        foreach (var problem in outcome.Problems)
        {
            page.ModelState.AddModelError(problem.Field, problem.Message);
        }

        if (!outcome.Succeeded)
        {
            return await showInvalid();
        }

        page.TempData["Flash"] = flash;
        return new RedirectResult(backTo);
    }

    /// <summary>
    /// Submits a rule change: applied at once (two-person rule off, flash <paramref name="applied"/>) or proposed for
    /// a second person's approval on the settings page.
    /// </summary>
    public static async Task<IActionResult> SubmitAsync(this PageModel page, Data.Administration.RuleChanges changes, Data.Administration.RuleChange change, string applied, string backTo, Func<Task<IActionResult>> showInvalid)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(change);
        var submitted = await changes.SubmitAsync(change, page.User.Identity!.Name!);
        return await page.AnswerAsync(submitted.Outcome,
            submitted.Pending ? $"Proposed: {change.Summary}. It applies when another administrator or the program manager approves it on the Settings tab." : applied,
            backTo, showInvalid);
    }
}
