using Liaison.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Admin;

/// <summary>Accounts: who may sign in, with which role, acting as which officer. Only administrators manage them.</summary>
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

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var outcome = await accounts.CreateAsync(UserName ?? "", DisplayName ?? "", Role ?? "", OfficerId, Password ?? "", ct);
        return await this.AnswerAsync(outcome, $"Account {UserName?.Trim()} created.", "/admin/users", async () =>
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.AccountsAsync(ct);
        Officers = await accounts.OfficersAsync(ct);
    }
}
