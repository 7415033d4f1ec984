using Liaison.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages;

/// <summary>Sends each role to the page its work starts on.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        // Those whose work is not a queue or a board land on their own page: the supervisor's inbox, the oversight summary.
        if (User.IsInRole(Roles.IceSupervisor) || User.IsInRole(Roles.ProgramManager) || User.IsInRole(Roles.Auditor))
        {
            return Redirect("/work");
        }

        if (User.IsInRole(Roles.DesignatedOfficer) || User.IsInRole(Roles.IceOfficer))
        {
            return Redirect("/queue");
        }

        if (User.IsInRole(Roles.JailStaff))
        {
            return Redirect("/board");
        }

        if (User.IsInRole(Roles.Administrator))
        {
            return Redirect("/admin");
        }

        return Redirect("/search");
    }
}
