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
}
