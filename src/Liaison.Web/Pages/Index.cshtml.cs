using Liaison.Data.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Liaison.Web.Pages;

/// <summary>Sends each role to the page its work starts on.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.DesignatedOfficer) || User.IsInRole(Roles.IceOfficer) || User.IsInRole(Roles.IceSupervisor))
        {
            return Redirect("/queue");
        }

        if (User.IsInRole(Roles.JailStaff))
        {
            return Redirect("/board");
        }

        if (User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.ProgramManager))
        {
            return Redirect("/admin");
        }

        return Redirect("/search");
    }
}
