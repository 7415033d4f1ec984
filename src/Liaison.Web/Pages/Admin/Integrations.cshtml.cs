using Liaison.Data.Integrations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages.Admin;

/// <summary>
/// Integration API keys: which systems may feed Liaison and what each may call. A new key is shown on the answer to
/// its creation only; revoking one refuses its next request.
/// </summary>
public sealed class IntegrationsModel(IntegrationKeys keys) : PageModel
{
    public IReadOnlyList<IntegrationKeyRecord> Keys { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public List<string> Scopes { get; set; } = [];

    [BindProperty]
    public string? Key { get; set; }

    /// <summary>After creation: the key, shown on this response only (never stored, logged or put in a cookie).</summary>
    public (string Name, string Key)? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Keys = await keys.ListAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var (outcome, key) = await keys.CreateAsync(Name ?? "", Scopes, User.Identity!.Name!, ct);
        if (!outcome.Succeeded)
        {
            return await this.AnswerAsync(outcome, "", "/admin/integrations", async () =>
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
                Keys = await keys.ListAsync(ct);
                return Page();
            });
        }

        Response.Headers.CacheControl = "no-store";
        Created = (Name!.Trim(), key!);
        Keys = await keys.ListAsync(ct);
        Name = null;
        Scopes = [];
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct) =>
        await this.AnswerAsync(await keys.RevokeAsync(Key ?? "", User.Identity!.Name!, ct), "Key revoked: its next request is refused.", "/admin/integrations",
            () => Task.FromResult<IActionResult>(new BadRequestResult()));
}
