using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Search;

/// <summary>Find a booking by booking number, name ("LAST" or "LAST, FIRST", prefix), date of birth or A-number.</summary>
public sealed class IndexModel(LiaisonDbContext db, AgencyTime time, Data.Audit.AuditLog audit) : PageModel
{
    public const int Limit = 100;

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

        var query = db.Bookings.AsNoTracking();
        if (q.Length > 0)
        {
            var digits = new string([.. q.Where(char.IsDigit)]);
            var name = q.ToUpperInvariant();
            var aNumber = q.StartsWith('A') || q.StartsWith('a') ? "A" + digits : null;
            // Exact booking number and A-number, or a name prefix: each answered from an index.
            var nameEnd = name + "\uffff";
            // Each alternative is answered from an index (booking number, A-number, name prefix as a range);
            // the predicate is built per case so SQLite can combine the indexes.
            query = aNumber is null
                ? query.Where(b => b.Id == q || b.Id == name
                    || (string.Compare(b.SearchName, name) >= 0 && string.Compare(b.SearchName, nameEnd) < 0))
                : query.Where(b => b.Id == q || b.Id == name || b.ANumber == aNumber
                    || (string.Compare(b.SearchName, name) >= 0 && string.Compare(b.SearchName, nameEnd) < 0));
        }

        if (dob is { } d)
        {
            query = query.Where(b => b.DateOfBirth == d);
        }

        Results = await query.OrderByDescending(b => b.BookedAt).Take(Limit).ToListAsync(ct);
        // Who searched for whom, and which bookings they were shown.
        await audit.RecordAsync(Data.Audit.AuditLog.SearchRead, "search", null,
            System.Text.Json.JsonSerializer.Serialize(new { q, dob = Dob?.Trim(), results = Results.Select(b => b.Id) }), ct: ct);
        return Page();
    }

}
