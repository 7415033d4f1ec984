using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Search;

/// <summary>Find a booking by booking number, name ("LAST" or "LAST, FIRST", prefix), date of birth or A-number.</summary>
public sealed class IndexModel(CaseQueries cases, AgencyTime time) : PageModel
{
    public const int Limit = CaseQueries.SearchLimit;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dob { get; set; }

    public IReadOnlyList<BookingRecord>? Results { get; private set; }

    public string? Problem { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Zone = await time.ZoneAsync();
        var q = Q?.Trim() ?? "";
        LocalDate? dob = null;
        if (!string.IsNullOrWhiteSpace(Dob))
        {
            var parsed = LocalDatePattern.Iso.Parse(Dob.Trim());
            if (!parsed.Success)
            {
                Problem = "Date of birth: use the form yyyy-mm-dd.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }

            dob = parsed.Value;
        }

        if (q.Length == 0 && dob is null)
        {
            return Page();
        }

        Results = await cases.SearchAsync(q, dob, ct);
        return Page();
    }
}
