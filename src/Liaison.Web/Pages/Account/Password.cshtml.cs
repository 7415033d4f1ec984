using Liaison.Data.Administration;
using Liaison.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>Changing one's own password: any time, and before anything else after an administrator's reset.</summary>
public sealed class PasswordModel(UserManager<LiaisonUser> users, SignInManager<LiaisonUser> signIn, AccountService accounts) : PageModel
{
    [BindProperty]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    public string NewPassword { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required { get; private set; }

    public bool Changed { get; private set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Required = (await users.GetUserAsync(User))?.MustChangePassword ?? false;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Required = user.MustChangePassword;
        var session = LiaisonWebApp.Session(HttpContext); // as read before the stamp changes
        var outcome = await accounts.ChangeOwnPasswordAsync(user, CurrentPassword, NewPassword);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The change renewed the security stamp (ending other sessions); this one continues with a fresh cookie that
        // keeps its sign-in and second-factor times (a password change is not a new code).
        await signIn.SignInWithClaimsAsync(user, session?.Properties, [new System.Security.Claims.Claim("amr", "mfa")]);
        return Required ? SignInFlow.Continue(this, ReturnUrl) : RedirectToPage(new { changed = true });
    }
}
