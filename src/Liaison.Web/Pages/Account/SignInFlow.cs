using Liaison.Data.Audit;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Account;

/// <summary>What the password and code steps share: throttling by account and address, and their audit entries.</summary>
public sealed class SignInFlow(SignInThrottle throttle, AuditLog audit, IHttpContextAccessor http, Microsoft.AspNetCore.Identity.UserManager<Data.Identity.LiaisonUser> users)
{
    /// <summary>Longest user name recorded as typed (a failed attempt's name may not be an account).</summary>
    private const int LongestRecordedName = 256;

    private string Address => ClientAddress.Of(http.HttpContext!);

    /// <summary>The message for an attempt that must wait, or null when it may go ahead (audited when refused).</summary>
    public async Task<string?> RefusedAsync(string userName)
    {
        if (throttle.WaitBefore(userName, Address) is not { } wait)
        {
            return null;
        }

        await RecordAsync(AuditLog.Throttled, userName, "too many failures");
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.HttpContext!.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"Too many failed sign-ins: wait {(seconds < 120 ? $"{seconds} seconds" : $"{(seconds + 59) / 60} minutes")} and try again.";
    }

    /// <summary>
    /// Whether <paramref name="code"/> is what <paramref name="user"/>'s authenticator shows now (enrolment,
    /// confirmation); a wrong one counts as a failed attempt, audited with <paramref name="whyWrong"/>.
    /// </summary>
    public async Task<bool> CodeRightAsync(Data.Identity.LiaisonUser user, string? code, string whyWrong)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (Data.Identity.Totp.Normalize(code) is { } digits
            && await users.VerifyTwoFactorTokenAsync(user, Microsoft.AspNetCore.Identity.TokenOptions.DefaultAuthenticatorProvider, digits))
        {
            return true;
        }

        await FailedAsync(user.UserName!, whyWrong);
        return false;
    }

    public async Task FailedAsync(string userName, string why)
    {
        throttle.Failed(userName, Address);
        await RecordAsync(AuditLog.SignInFailed, userName, why);
    }

    public async Task SucceededAsync(string userName, string how)
    {
        throttle.Succeeded(userName, Address);
        await RecordAsync(AuditLog.SignIn, userName, how);
    }

    public Task RecordAsync(string action, string userName, string detail)
    {
        var name = userName.Length > LongestRecordedName ? userName[..LongestRecordedName] : userName;
        return audit.RecordAsync(action, "account", name, detail, actor: name);
    }

    /// <summary>Where to go once signed in: the page the person was on (idle lock), never another site.</summary>
    public static IActionResult Continue(PageModel page, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.LocalRedirect(ReturnTo(page, returnUrl));
    }

    /// <summary>The page to go back to: <paramref name="returnUrl"/> when it is on this site, else the start page.</summary>
    public static string ReturnTo(PageModel page, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
    }
}
