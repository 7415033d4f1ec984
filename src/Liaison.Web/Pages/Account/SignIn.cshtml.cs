using Liaison.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

public sealed class SignInModel(SignInManager<LiaisonUser> signIn, UserManager<LiaisonUser> users, Data.Audit.AuditLog audit) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userName = UserName.Trim();
        var result = await signIn.PasswordSignInAsync(userName, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded && await users.FindByNameAsync(userName) is { } user && !await LiaisonWebApp.OfficerActiveAsync(HttpContext.RequestServices, user))
        {
            await signIn.SignOutAsync();
            await audit.RecordAsync(Data.Audit.AuditLog.SignInFailed, "account", userName, "officer deactivated", actor: userName);
            Error = "This account's officer record has been deactivated by the agency: it cannot sign in.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        // The name as typed is recorded (a failed attempt's name may not be an account); never the password.
        var action = result.Succeeded ? Data.Audit.AuditLog.SignIn : result.IsLockedOut ? Data.Audit.AuditLog.LockedOut : Data.Audit.AuditLog.SignInFailed;
        await audit.RecordAsync(action, "account", userName.Length > 256 ? userName[..256] : userName, actor: userName.Length > 256 ? userName[..256] : userName);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = result.IsLockedOut
            ? "This account is locked for 15 minutes after too many failed attempts."
            : "The user name or password is not right.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
