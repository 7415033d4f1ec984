using Liaison.Data.Identity;
using Liaison.Data.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Pages.Admin;

/// <summary>Accounts: who may sign in, with which role, acting as which officer. Only administrators manage them.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Roles.Administrator)]
public sealed class UsersModel(UserManager<LiaisonUser> users, LiaisonDbContext db, Data.Audit.AuditLog audit) : PageModel
{
    public IReadOnlyList<(LiaisonUser User, IList<string> Roles)> Accounts { get; private set; } = [];

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

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName))
        {
            ModelState.AddModelError(nameof(UserName), "User name: required.");
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            ModelState.AddModelError(nameof(DisplayName), "Display name: required.");
        }

        if (Role is null || !Roles.All.Contains(Role))
        {
            ModelState.AddModelError(nameof(Role), "Role: choose one of the listed roles.");
        }

        var actsAsOfficer = Role is Roles.DesignatedOfficer or Roles.IceOfficer or Roles.IceSupervisor;
        if (actsAsOfficer && !await db.Officers.AnyAsync(o => o.Id == OfficerId))
        {
            ModelState.AddModelError(nameof(OfficerId), "Officer: an officer role needs the officer record the account acts as.");
        }

        if (ModelState.IsValid)
        {
            var user = new LiaisonUser { UserName = UserName!.Trim(), DisplayName = DisplayName!.Trim(), OfficerId = actsAsOfficer ? OfficerId : null };
            var created = await users.CreateAsync(user, Password ?? "");
            if (created.Succeeded)
            {
                await users.AddToRoleAsync(user, Role!);
                // Never the password: who the account is, its role and the officer it acts as.
                await audit.RecordAsync(Data.Audit.AuditLog.AccountChange, "account", user.UserName, System.Text.Json.JsonSerializer.Serialize(new
                {
                    before = (object?)null,
                    after = new { user.UserName, user.DisplayName, Role, user.OfficerId },
                }), ct: HttpContext.RequestAborted);
                TempData["Flash"] = $"Account {user.UserName} created.";
                return Redirect("/admin/users");
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Password) : nameof(UserName),
                    (error.Code.Contains("Password", StringComparison.Ordinal) ? "Password: " : "User name: ") + error.Description);
            }
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        var list = new List<(LiaisonUser, IList<string>)>();
        foreach (var user in all)
        {
            list.Add((user, await users.GetRolesAsync(user)));
        }

        Accounts = list;
        Officers = [.. (await db.Officers.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync()).Select(o => (o.Id, o.Name))];
    }
}
