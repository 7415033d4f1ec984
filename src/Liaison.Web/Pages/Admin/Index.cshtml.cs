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
public sealed class IndexModel(AgencySettingsService settings, Data.Administration.RuleChanges changes, Data.Audit.AuditQueries audit) : PageModel
{
    public static readonly IReadOnlyList<string> UsZones =
    [
        "America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles",
        "America/Anchorage", "Pacific/Honolulu", "America/Puerto_Rico", "America/Detroit", "America/Indiana/Indianapolis",
        "America/Boise", "Pacific/Guam",
    ];

    /// <summary>The settings form: only what a person may change (binding the stored row would let a post set anything on it).</summary>
    [BindProperty]
    public SettingsForm Settings { get; set; } = new();

    [BindProperty]
    public string? HolidayDate { get; set; }

    [BindProperty]
    public string? HolidayName { get; set; }

    public IReadOnlyList<Holiday> Holidays { get; private set; } = [];

    /// <summary>Rule changes (settings, holidays, agreements) waiting for a second person.</summary>
    public IReadOnlyList<Data.Administration.ProposedChangeRecord> Pending { get; private set; } = [];

    public bool TwoPersonRule { get; private set; } = true;

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

        return await SubmitAsync(
            new Data.Administration.SettingsChange(Settings.Name.Trim(), Settings.TimeZoneId!, Parse(Settings.HoldPolicy), Settings.AlertEmail?.Trim() ?? "", Threshold(),
                Domain.Notices.DualNotification.CodesOf(Domain.Notices.DualNotification.Rules(string.Join(",", Settings.DualNotices ?? [])))),
            "Agency settings saved. They apply from now on; holds already running keep their deadlines.", ct);
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(HolidayDate ?? "");
        if (!parsed.Success)
        {
            ModelState.AddModelError(nameof(HolidayDate), "Holiday date: use the form yyyy-mm-dd.");
            return await InvalidAsync(ct);
        }

        return await SubmitAsync(new Data.Administration.HolidayAdded(parsed.Value, HolidayName?.Trim() ?? ""),
            $"Holiday {HolidayDate} added. It applies to holds that start from now on; holds already running keep their deadlines.", ct);
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(string date, CancellationToken ct)
    {
        var parsed = LocalDatePattern.Iso.Parse(date ?? "");
        return parsed.Success
            ? await SubmitAsync(new Data.Administration.HolidayRemoved(parsed.Value), $"Holiday {date} removed. Holds already running keep their deadlines.", ct)
            : NotFound();
    }

    /// <summary>A second person approves a proposed rule change: it applies now, exactly as proposed.</summary>
    public async Task<IActionResult> OnPostApproveAsync(long proposalId, CancellationToken ct) =>
        await this.AnswerAsync(await changes.ApproveAsync(proposalId, User.Identity!.Name!, ct), "Change approved and applied.", "/admin", () => InvalidAsync(ct));

    public async Task<IActionResult> OnPostRejectAsync(long proposalId, CancellationToken ct) =>
        await this.AnswerAsync(await changes.RejectAsync(proposalId, User.Identity!.Name!, ct), "Proposal closed; nothing changed.", "/admin", () => InvalidAsync(ct));

    /// <summary>Switches the two-person rule: "off" only for an office with a single administrator; audited and shown while off.</summary>
    public async Task<IActionResult> OnPostTwoPersonRuleAsync(string? on, CancellationToken ct)
    {
        if (on is not ("true" or "false"))
        {
            ModelState.AddModelError("on", "Two-person rule: choose on or off.");
            return await InvalidAsync(ct);
        }

        await changes.SetTwoPersonRuleAsync(on == "true", ct);
        TempData["Flash"] = on == "true" ? "Two-person rule on: rule changes now need a second person's approval." : "Two-person rule off: rule changes apply at once. This stays shown here and in the audit log.";
        return Redirect("/admin");
    }

    private Task<IActionResult> SubmitAsync(Data.Administration.RuleChange change, string applied, CancellationToken ct) =>
        this.SubmitAsync(changes, change, applied, "/admin", () => InvalidAsync(ct));

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

        if (!string.IsNullOrEmpty(Settings.DisclosureThreshold)
            && (!int.TryParse(Settings.DisclosureThreshold, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
                || k < Domain.Statistics.DisclosureControl.MinimumK || k > 1000))
        {
            ModelState.AddModelError("Settings.DisclosureThreshold", $"Statistics threshold k: a whole number from {Domain.Statistics.DisclosureControl.MinimumK} to 1000.");
        }

        if ((Settings.DualNotices ?? []).FirstOrDefault(n => !Codes.TryParse<Domain.Notices.DualNoticeRule>(n, out _)) is { } unknown)
        {
            ModelState.AddModelError("Settings.DualNotices", $"Notices to the person: \"{unknown}\" is not one of {string.Join(", ", Codes.All<Domain.Notices.DualNoticeRule>())}.");
        }

        return ModelState.IsValid;
    }

    /// <summary>k as the form gave it (validated), or the default when left empty.</summary>
    private int Threshold() => string.IsNullOrEmpty(Settings.DisclosureThreshold)
        ? Domain.Statistics.DisclosureControl.DefaultK
        : int.Parse(Settings.DisclosureThreshold, System.Globalization.CultureInfo.InvariantCulture);

    private static HoldPolicy Parse(string code) => Codes.TryParse<HoldPolicy>(code, out var policy) ? policy : throw new ArgumentException("validated before", nameof(code));

    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadHolidaysAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var row = await settings.SettingsAsync(ct);
        Settings = new SettingsForm
        {
            Name = row.Name,
            TimeZoneId = row.TimeZoneId,
            HoldPolicy = row.HoldPolicy,
            AlertEmail = row.AlertEmail,
            DisclosureThreshold = row.DisclosureThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            DualNotices = [.. Domain.Notices.DualNotification.Rules(row.DualNotices).Select(r => Codes.Of(r))],
        };
        await LoadHolidaysAsync(ct);
    }

    private async Task LoadHolidaysAsync(CancellationToken ct)
    {
        Pending = await changes.PendingAsync(ct);
        TwoPersonRule = await changes.TwoPersonRuleAsync(ct);
        Holidays = await settings.HolidaysAsync(ct);
        RunningHolds = await settings.RunningHoldCountAsync(ct);
        Heads = await audit.HeadsAsync(ct);
        Zone = (await settings.CurrentJurisdictionAsync(ct)).TimeZone;
    }
}

/// <summary>The agency settings as the form posts them.</summary>
public sealed class SettingsForm
{
    public string Name { get; set; } = "";

    public string TimeZoneId { get; set; } = "";

    public string HoldPolicy { get; set; } = "";

    public string? AlertEmail { get; set; }

    /// <summary>k of the public statistics' disclosure rule: 10 by default, never below 5.</summary>
    public string? DisclosureThreshold { get; set; }

    /// <summary>The person's notices the agency gives (dual notification codes), ticked.</summary>
    public List<string>? DualNotices { get; set; }
}
