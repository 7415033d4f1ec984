using Liaison.Data.Audit;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Audit;

/// <summary>The audit log for auditors: who read or changed what, when, from where; filtered, and exported as CSV.</summary>
public sealed class IndexModel(AuditQueries queries, AgencyTime time) : PageModel
{
    public const int Shown = 200;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Record { get; set; }

    [BindProperty(SupportsGet = true, Name = "Action")]
    public string? ActionFilter { get; set; }

    /// <summary>First local date, inclusive (yyyy-mm-dd, the facility's time zone).</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last local date, inclusive.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    public IReadOnlyList<AuditEntryRecord> Entries { get; private set; } = [];

    public int Total { get; private set; }

    public string? Problem { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await FilterAsync() is not { } filter)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        (Entries, Total) = await queries.FindAsync(filter, Shown, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await FilterAsync() is not { } filter)
        {
            return BadRequest(Problem ?? "");
        }

        return File(System.Text.Encoding.UTF8.GetBytes(await queries.CsvAsync(filter, ct)), "text/csv; charset=utf-8", "liaison-audit-log.csv");
    }

    private async Task<AuditFilter?> FilterAsync()
    {
        Zone = await time.ZoneAsync();
        Instant? Start(string? text, string field, int plusDays)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var parsed = LocalDatePattern.Iso.Parse(text.Trim());
            if (!parsed.Success)
            {
                Problem = $"{field}: use the form yyyy-mm-dd.";
                return null;
            }

            return Zone.AtStartOfDay(parsed.Value.PlusDays(plusDays)).ToInstant();
        }

        var from = Start(From, "From", 0);
        var until = Start(To, "To", 1);
        return Problem is null ? new AuditFilter(Actor, Record, ActionFilter, from, until) : null;
    }
}
