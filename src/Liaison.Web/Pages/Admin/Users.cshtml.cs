using Liaison.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Admin;

/// <summary>
/// Accounts: who may sign in, with which role, acting as which officer; disabling, role changes, password and
/// second-factor resets. Only administrators manage them, and none manages their own.
/// </summary>
public sealed class UsersModel(AccountService accounts) : PageModel
{
    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public IReadOnlyList<(string Id, string Name)> Officers { get; private set; } = [];

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? OfficerId { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The account a row's action is about.</summary>
    [BindProperty]
    public string? Account { get; set; }

    /// <summary>After a password reset: the one-time password, shown on this response only (never stored in a cookie or log).</summary>
    public (string Account, string Password)? OneTime { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var outcome = await accounts.CreateAsync(UserName ?? "", DisplayName ?? "", Role ?? "", OfficerId, Password ?? "", ct);
        return await this.AnswerAsync(outcome, $"Account {UserName?.Trim()} created. Its owner sets up the second factor at first sign-in.", "/admin/users", InvalidAsync(ct));
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct) =>
        await this.AnswerAsync(await accounts.SetDisabledAsync(Account ?? "", disabled: true, User.Identity?.Name, ct), $"Account {Account} disabled; its sessions have ended.", "/admin/users", InvalidAsync(ct));

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct) =>
        await this.AnswerAsync(await accounts.SetDisabledAsync(Account ?? "", disabled: false, User.Identity?.Name, ct), $"Account {Account} enabled.", "/admin/users", InvalidAsync(ct));

    public async Task<IActionResult> OnPostRoleAsync(CancellationToken ct) =>
        await this.AnswerAsync(await accounts.ChangeRoleAsync(Account ?? "", Role ?? "", OfficerId, User.Identity?.Name, ct), $"Account {Account} is now {Roles.Describe(Role ?? "").ToLowerInvariant()}; its sessions have ended.", "/admin/users", InvalidAsync(ct));

    public async Task<IActionResult> OnPostResetFactorAsync(CancellationToken ct) =>
        await this.AnswerAsync(await accounts.ResetSecondFactorAsync(Account ?? "", ct), $"Second factor of {Account} reset: they set up a new one at their next sign-in.", "/admin/users", InvalidAsync(ct));

    public async Task<IActionResult> OnPostResetPasswordAsync(CancellationToken ct)
    {
        var (outcome, oneTime) = await accounts.ResetPasswordAsync(Account ?? "", ct);
        if (!outcome.Succeeded)
        {
            return await this.AnswerAsync(outcome, "", "/admin/users", InvalidAsync(ct));
        }

        Response.Headers.CacheControl = "no-store";
        OneTime = (Account!, oneTime!);
        await LoadAsync(ct);
        return Page();
    }

    private Func<Task<IActionResult>> InvalidAsync(CancellationToken ct) => async () =>
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.AccountsAsync(ct);
        Officers = await accounts.OfficersAsync(ct);
    }
}
