using Liaison.Data.Agency;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Jurisdictions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>Agency settings: name, time zone, hold policy, alert e-mail, and the holidays business-48h skips.</summary>
public sealed class IndexModel(LiaisonDbContext db, CustodyWorldCache worlds) : PageModel
{
    public static readonly IReadOnlyList<string> UsZones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Detroit", "America/Indiana/Indianapolis",
        "America/Boise", "Pacific/Guam",
    ];

    [BindProperty]
    public AgencySettings Settings { get; set; } = new();

    [BindProperty]
    public string? HolidayDate { get; set; }

    [BindProperty]
    public string? HolidayName { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(Settings.TimeZoneId ?? "") is null)
        {
            ModelState.AddModelError("Settings.TimeZoneId", $"Time zone: \"{Settings.TimeZoneId}\" is not an IANA time zone.");
        }

        if (!Codes.TryParse<HoldPolicy>(Settings.HoldPolicy, out _))
        {
            ModelState.AddModelError("Settings.HoldPolicy", "Hold policy: choose one of the listed policies.");
        }

        if (string.IsNullOrWhiteSpace(Settings.Name))
        {
            ModelState.AddModelError("Settings.Name", "Agency name: required.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadHolidaysAsync(ct);
            return Page();
        }

        var row = await db.AgencySettings.SingleAsync(ct);
        row.Name = Settings.Name.Trim();
        row.TimeZoneId = Settings.TimeZoneId!;
        row.HoldPolicy = Settings.HoldPolicy;
        row.AlertEmail = Settings.AlertEmail?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = "Agency settings saved.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(HolidayDate ?? "");
        if (!parsed.Success)
        {
            ModelState.AddModelError(nameof(HolidayDate), "Holiday date: use the form yyyy-mm-dd.");
        }
        else if (await db.Holidays.AnyAsync(h => h.Date == parsed.Value, ct))
        {
            ModelState.AddModelError(nameof(HolidayDate), $"Holiday date: {HolidayDate} is already a holiday.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        db.Holidays.Add(new Holiday { Date = parsed.Value, Name = HolidayName?.Trim() ?? "" });
        await db.SaveChangesAsync(ct);
        worlds.Invalidate();
        TempData["Flash"] = $"Holiday {HolidayDate} added.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(string date, CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(date ?? "");
        if (parsed.Success && await db.Holidays.SingleOrDefaultAsync(h => h.Date == parsed.Value, ct) is { } holiday)
        {
            db.Holidays.Remove(holiday);
            await db.SaveChangesAsync(ct);
            worlds.Invalidate();
            TempData["Flash"] = $"Holiday {date} removed.";
        }

        return Redirect("/admin");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await db.AgencySettings.AsNoTracking().SingleAsync(ct);
        await LoadHolidaysAsync(ct);
    }

    private async Task LoadHolidaysAsync(CancellationToken ct) =>
        Holidays = await db.Holidays.AsNoTracking().OrderBy(h => h.Date).ToListAsync(ct);
}
