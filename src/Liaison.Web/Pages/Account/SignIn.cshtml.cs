using Liaison.Data.Identity;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>The first step: user name and password. A right password leads to the code (or to enrolment), never to a session.</summary>
public sealed class SignInModel(LiaisonSignInManager signIn, UserManager<LiaisonUser> users, IPasswordHasher<LiaisonUser> hasher, SignInFlow flow) : SignInStepPage
{
    /// <summary>
    /// A password hash checked when the user name is not an account, so that a wrong name takes as long as a wrong
    /// password (the time would otherwise tell which names exist).
    /// </summary>
    private static string? _decoyHash;

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userName = UserName.Trim();
        if (await flow.RefusedAsync(userName) is { } wait)
        {
            return Refuse(wait, StatusCodes.Status429TooManyRequests);
        }

        var user = userName.Length is > 0 and <= 256 ? await users.FindByNameAsync(userName) : null;
        if (user is null)
        {
            var decoy = new LiaisonUser();
            _decoyHash ??= hasher.HashPassword(decoy, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(decoy, _decoyHash, Password);
            await flow.FailedAsync(userName, "no such account");
            return Refuse("The user name or password is not right.");
        }

        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        if (!result.RequiresTwoFactor)
        {
            await flow.FailedAsync(userName, "wrong password");
            return Refuse("The user name or password is not right.");
        }

        // Only someone who knows the password learns why the account may not sign in.
        string? refusal = user.Disabled ? "This account has been disabled by an administrator: it cannot sign in."
            : !await LiaisonWebApp.OfficerActiveAsync(HttpContext.RequestServices, user) ? "This account's officer record has been deactivated by the agency: it cannot sign in."
            : null;
        if (refusal is not null)
        {
            await signIn.EndSecondStepAsync();
            await flow.RecordAsync(Data.Audit.AuditLog.SignInFailed, userName, user.Disabled ? "account disabled" : "officer deactivated");
            return Refuse(refusal);
        }

        return RedirectToPage(user.TwoFactorEnabled ? "/Account/Code" : "/Account/Enrol", new { ReturnUrl });
    }
}
