using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Liaison.Web.Pages.Work;

/// <summary>
/// Each role's own work on one page: the ICE supervisor's inbox (claims to resolve and warrants to sign, oldest first,
/// with due times); for the program manager, auditor and administrator, the program at a glance and certifications
/// ending within 60 days. A designated officer's own certification's end is warned of on every page (the layout).
/// </summary>
public sealed class IndexModel(WorkQueries work, CaseCorrections corrections, AgencyTime time) : PageModel
{
    /// <summary>Corrections that change custody or a deadline, waiting for an ICE supervisor other than their proposer.</summary>
    public IReadOnlyList<CorrectionProposalRecord> Corrections { get; private set; } = [];

    public IReadOnlyList<ClaimToResolve> Claims { get; private set; } = [];

    public IReadOnlyList<WarrantToSign> Warrants { get; private set; } = [];

    public Oversight? Oversight { get; private set; }

    public bool IsSupervisor { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public Instant Now => time.Now;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        IsSupervisor = User.IsInRole(Roles.IceSupervisor);
        if (IsSupervisor)
        {
            (Claims, Warrants) = await work.SupervisorInboxAsync(ct);
            Corrections = await corrections.PendingAsync(null, ct);
        }

        if (User.IsInRole(Roles.ProgramManager) || User.IsInRole(Roles.Auditor) || User.IsInRole(Roles.Administrator))
        {
            Oversight = await work.OversightAsync(ct);
        }
    }
}
