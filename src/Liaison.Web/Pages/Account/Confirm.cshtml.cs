using Liaison.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Account;

/// <summary>
/// Confirming who you are with a fresh code before an act that needs it (signing a warrant): the session carries
/// on, marked with the time of this code.
/// </summary>
public sealed class ConfirmModel(UserManager<LiaisonUser> users, SignInFlow flow, IClock clock) : SignInStepPage
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (await flow.RefusedAsync(user.UserName!) is { } wait)
        {
            return Refuse(wait, StatusCodes.Status429TooManyRequests);
        }

        if (!await flow.CodeRightAsync(user, Code, "wrong code at confirmation"))
        {
            return Refuse("That code is not right. Type the code your app shows now.");
        }

        if (LiaisonWebApp.Session(HttpContext) is not { Principal: { } principal, Properties: { } properties })
        {
            return Challenge();
        }

        LiaisonWebApp.SecondFactorGiven(properties, clock.GetCurrentInstant());
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, properties);
        await flow.RecordAsync(Data.Audit.AuditLog.SignIn, user.UserName!, "second factor confirmed");
        return SignInFlow.Continue(this, ReturnUrl);
    }
}
