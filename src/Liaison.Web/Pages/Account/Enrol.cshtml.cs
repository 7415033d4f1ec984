using Liaison.Data.Identity;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Liaison.Web.Pages.Account;

/// <summary>
/// Enrolment, after the password, for an account with no second factor yet (new, or reset by an administrator):
/// the QR code for an authenticator app, one code to prove it works, then ten recovery codes shown once.
/// </summary>
public sealed class EnrolModel(LiaisonSignInManager signIn, AccountService accounts, SignInFlow flow) : SignInStepPage
{
    private const string Issuer = "Liaison";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The QR code as a PNG data URI (allowed by the content security policy; no inline styles needed).</summary>
    public string QrCode { get; private set; } = "";

    /// <summary>Shown once, after the code was right.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Code", new { ReturnUrl });
        }

        await ShowKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        }

        if (user.TwoFactorEnabled)
        {
            return RedirectToPage("/Account/Code", new { ReturnUrl });
        }

        if (await flow.RefusedAsync(user.UserName!) is { } wait)
        {
            return await RefuseAsync(user, wait, StatusCodes.Status429TooManyRequests);
        }

        if (!await flow.CodeRightAsync(user, Code, "wrong code at enrolment"))
        {
            return await RefuseAsync(user, "That code is not right. Check that your app's clock is set automatically, and type the code it shows now.");
        }

        RecoveryCodes = await accounts.EnableSecondFactorAsync(user);
        await signIn.EndSecondStepAsync();
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "mfa")]);
        await flow.SucceededAsync(user.UserName!, "password and authenticator code (enrolled)");
        ReturnUrl = SignInFlow.ReturnTo(this, ReturnUrl);
        return Page();
    }

    private async Task ShowKeyAsync(LiaisonUser user)
    {
        var key = await accounts.AuthenticatorKeyAsync(user);
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        using var data = QRCodeGenerator.GenerateQrCode(Totp.Uri(Issuer, user.UserName!, key), QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    private async Task<PageResult> RefuseAsync(LiaisonUser user, string error, int status = StatusCodes.Status401Unauthorized)
    {
        await ShowKeyAsync(user);
        return Refuse(error, status);
    }
}
