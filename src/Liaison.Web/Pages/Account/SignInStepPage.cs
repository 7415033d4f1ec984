using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>What the sign-in step pages share: an error shown above the form, with the status that goes with it.</summary>
public abstract class SignInStepPage : PageModel
{
    public string? Error { get; private set; }

    /// <summary>The form again with <paramref name="error"/> (401 unless said otherwise: 429 while throttled).</summary>
    protected PageResult Refuse(string error, int status = StatusCodes.Status401Unauthorized)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
