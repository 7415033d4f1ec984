using Liaison.Data.Identity;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>The second step: the 6-digit code from the person's authenticator app, or one of their recovery codes.</summary>
public sealed class CodeModel(LiaisonSignInManager signIn, SignInFlow flow) : SignInStepPage
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await PendingAsync() switch
    {
        null => RedirectToPage("/Account/SignIn", new { ReturnUrl }),
        { TwoFactorEnabled: false } => RedirectToPage("/Account/Enrol", new { ReturnUrl }),
        _ => Page(),
    };

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await PendingAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Enrol", new { ReturnUrl });
        }

        if (await flow.RefusedAsync(user.UserName!) is { } wait)
        {
            return Refuse(wait, StatusCodes.Status429TooManyRequests);
        }

        var byRecovery = string.IsNullOrWhiteSpace(Code) && !string.IsNullOrWhiteSpace(RecoveryCode);
        var result = byRecovery
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode!.Replace(" ", "", StringComparison.Ordinal))
            : Totp.Normalize(Code) is { } digits
                ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false)
                : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (!result.Succeeded)
        {
            await flow.FailedAsync(user.UserName!, byRecovery ? "wrong recovery code" : "wrong code");
            return Refuse(byRecovery
                ? "That recovery code is not right, or has been used."
                : "That code is not right. Codes change every 30 seconds: type the one your app shows now.");
        }

        await flow.SucceededAsync(user.UserName!, byRecovery ? "password and recovery code" : "password and authenticator code");
        return SignInFlow.Continue(this, ReturnUrl);
    }

    private Task<LiaisonUser?> PendingAsync() => signIn.GetTwoFactorAuthenticationUserAsync();
}
