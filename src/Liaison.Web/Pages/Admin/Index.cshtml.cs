using Liaison.Data.Agency;
using Liaison.Domain;
using Liaison.Domain.Jurisdictions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Admin;

/// <summary>
/// Agency settings: name, time zone, hold policy, alert e-mail, and the holidays business-48h skips. A change of
/// what decides deadlines applies from the moment it is saved: the page shows, before saving, the running holds
/// it would have changed, which keep their deadlines.
/// </summary>
public sealed class IndexModel(AgencySettingsService settings, Data.Audit.AuditQueries audit) : PageModel
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

    /// <summary>After "Review the change": the running holds whose deadline the change would have moved; null before.</summary>
    public IReadOnlyList<AffectedHold>? Affected { get; private set; }

    public int RunningHolds { get; private set; }

    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>The heads of the hash chains, for administrators to note outside the system.</summary>
    public IReadOnlyList<Data.Audit.ChainHead> Heads { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Shows what saving would do, without saving: the running holds that keep their deadlines.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!Validate())
        {
            return await InvalidAsync(ct);
        }

        var current = await settings.CurrentJurisdictionAsync(ct);
        var proposed = new Jurisdiction(DateTimeZoneProviders.Tzdb[Settings.TimeZoneId!], Parse(Settings.HoldPolicy), current.Holidays);
        Affected = await settings.RunningHoldsAffectedByAsync(proposed, ct);
        await LoadHolidaysAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        if (!Validate())
        {
            return await InvalidAsync(ct);
        }

        await settings.SaveSettingsAsync(Settings.Name.Trim(), Settings.TimeZoneId!, Parse(Settings.HoldPolicy), Settings.AlertEmail?.Trim() ?? "", User.Identity?.Name, ct);
        TempData["Flash"] = "Agency settings saved. They apply from now on; holds already running keep their deadlines.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(HolidayDate ?? "");
        if (!parsed.Success)
        {
            ModelState.AddModelError(nameof(HolidayDate), "Holiday date: use the form yyyy-mm-dd.");
        }
        else if (!await settings.AddHolidayAsync(parsed.Value, HolidayName?.Trim() ?? "", User.Identity?.Name, ct))
        {
            ModelState.AddModelError(nameof(HolidayDate), $"Holiday date: {HolidayDate} is already a holiday.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(ct);
            return Page();
        }

        TempData["Flash"] = $"Holiday {HolidayDate} added. It applies to holds that start from now on; holds already running keep their deadlines.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(string date, CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(date ?? "");
        if (parsed.Success && await settings.RemoveHolidayAsync(parsed.Value, User.Identity?.Name, ct))
        {
            TempData["Flash"] = $"Holiday {date} removed. Holds already running keep their deadlines.";
        }

        return Redirect("/admin");
    }

    private bool Validate()
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

        return ModelState.IsValid;
    }

    private static HoldPolicy Parse(string code) => Codes.TryParse<HoldPolicy>(code, out var policy) ? policy : throw new ArgumentException("validated before", nameof(code));

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadHolidaysAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Settings = await settings.SettingsAsync(ct);
        await LoadHolidaysAsync(ct);
    }

    private async Task LoadHolidaysAsync(CancellationToken ct)
    {
        Holidays = await settings.HolidaysAsync(ct);
        RunningHolds = await settings.RunningHoldCountAsync(ct);
        Heads = await audit.HeadsAsync(ct);
        Zone = (await settings.CurrentJurisdictionAsync(ct)).TimeZone;
    }
}
