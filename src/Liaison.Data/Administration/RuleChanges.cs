using System.Text.Json;
using Liaison.Data.Agency;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Jurisdictions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Administration;

/// <summary>A change to the rules the custody engine applies: agency settings, holidays, agreements.</summary>
public abstract record RuleChange
{
    /// <summary>What the change does, in words, for the pending list and the audit log.</summary>
    public abstract string Summary { get; }
}

/// <param name="DisclosureThreshold">k of the public statistics (a proposal stored before it existed reads the default).</param>
/// <param name="DualNotices">The person's notices the agency gives (codes, comma-separated); null in a proposal stored before they existed: unchanged.</param>
public sealed record SettingsChange(string Name, string TimeZoneId, HoldPolicy Policy, string AlertEmail, int DisclosureThreshold = Domain.Statistics.DisclosureControl.DefaultK,
    string? DualNotices = null) : RuleChange
{
    public override string Summary => $"Agency settings: name \"{Name}\", time zone {TimeZoneId}, hold policy {Codes.Of(Policy)}, alert e-mail \"{AlertEmail}\", statistics k {DisclosureThreshold}" +
        (DualNotices is null ? "" : $", notices to the person: {(DualNotices.Length == 0 ? "none" : DualNotices)}");
}

public sealed record HolidayAdded(LocalDate Date, string Name) : RuleChange
{
    public override string Summary => $"Add holiday {LocalDatePattern.Iso.Format(Date)} ({Name})";
}

public sealed record HolidayRemoved(LocalDate Date) : RuleChange
{
    public override string Summary => $"Remove holiday {LocalDatePattern.Iso.Format(Date)}";
}

public sealed record AgreementAdded(string Id, AgreementModel Model, LocalDate Effective, LocalDate? Ends) : RuleChange
{
    public override string Summary => $"Add agreement {Id} ({Codes.Of(Model)}), effective {LocalDatePattern.Iso.Format(Effective)}{(Ends is { } e ? $", ends {LocalDatePattern.Iso.Format(e)}" : "")}";
}

public sealed record AgreementEnded(string Id, LocalDate Ends) : RuleChange
{
    public override string Summary => $"Agreement {Id} ends {LocalDatePattern.Iso.Format(Ends)}";
}

/// <summary>A proposed rule change waiting for a second person (or decided).</summary>
public sealed class ProposedChangeRecord
{
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    /// <summary>The change's values as JSON, applied exactly as proposed.</summary>
    public string Payload { get; set; } = "";

    public string Summary { get; set; } = "";

    public string ProposedBy { get; set; } = "";

    public Instant ProposedAt { get; set; }

    /// <summary>pending, approved, rejected or withdrawn.</summary>
    public string Status { get; set; } = Pending;

    public string? DecidedBy { get; set; }

    public Instant? DecidedAt { get; set; }

    public const string Pending = "pending", Approved = "approved", Rejected = "rejected", Withdrawn = "withdrawn";
}

/// <summary>
/// Separation of duties for the rules: with the two-person rule on (the default), a change to agency settings,
/// holidays or agreements is only proposed; another person with an administration role approves it, and only then
/// does it apply, exactly as proposed. Proposal, approval, rejection and the switch itself are audited. An office
/// with a single administrator may switch the rule off; the settings page then says so for as long as it is off.
/// </summary>
public sealed class RuleChanges(LiaisonDbContext db, AgencySettingsService settings, AdministrationService admin, AuditLog audit, IClock clock)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <summary>How a submitted change ended: applied at once, or waiting for a second person.</summary>
    public sealed record Submitted(ChangeOutcome Outcome, bool Pending);

    public async Task<bool> TwoPersonRuleAsync(CancellationToken ct = default) =>
        !await db.AgencySettings.AsNoTracking().Select(s => s.SinglePersonChanges).SingleAsync(ct);

    public async Task<IReadOnlyList<ProposedChangeRecord>> PendingAsync(CancellationToken ct = default) =>
        await db.ProposedChanges.AsNoTracking().Where(p => p.Status == ProposedChangeRecord.Pending).OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>Applies <paramref name="change"/> now when the two-person rule is off; otherwise records it as proposed by <paramref name="by"/>.</summary>
    public async Task<Submitted> SubmitAsync(RuleChange change, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!await TwoPersonRuleAsync(ct))
        {
            return new(await ApplyAsync(change, by, ct), Pending: false);
        }

        var record = new ProposedChangeRecord
        {
            Kind = change.GetType().Name,
            Payload = JsonSerializer.Serialize(change, change.GetType(), Json),
            Summary = change.Summary,
            ProposedBy = by,
            ProposedAt = clock.GetCurrentInstant(),
        };
        // The proposal and its audit entry are one transaction (the entry names the proposal's id, known after the first save).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ProposedChanges.Add(record);
        await db.SaveChangesAsync(ct);
        audit.Add(AuditLog.ChangeProposed, "proposed-change", record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { record.Kind, record.Summary }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(ChangeOutcome.Done, Pending: true);
    }

    /// <summary>A second person approves: the change applies as proposed, and the proposal is marked approved in the same save.</summary>
    public async Task<ChangeOutcome> ApproveAsync(long id, string by, CancellationToken ct = default)
    {
        var record = await db.ProposedChanges.SingleOrDefaultAsync(p => p.Id == id && p.Status == ProposedChangeRecord.Pending, ct);
        if (record is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (string.Equals(record.ProposedBy, by, StringComparison.OrdinalIgnoreCase))
        {
            return ChangeOutcome.Invalid(new FieldProblem("proposalId", "Approval: you proposed this change; another person must approve it."));
        }

        Decide(record, ProposedChangeRecord.Approved, by);
        var outcome = await ApplyAsync(Read(record), $"{record.ProposedBy}, approved by {by}", ct);
        if (!outcome.Succeeded)
        {
            db.ChangeTracker.Clear(); // nothing saved: still pending, and the approver sees why it cannot apply
        }

        return outcome;
    }

    /// <summary>Rejects a proposal (or, by its proposer, withdraws it); nothing changes.</summary>
    public async Task<ChangeOutcome> RejectAsync(long id, string by, CancellationToken ct = default)
    {
        var record = await db.ProposedChanges.SingleOrDefaultAsync(p => p.Id == id && p.Status == ProposedChangeRecord.Pending, ct);
        if (record is null)
        {
            return ChangeOutcome.NotFound;
        }

        Decide(record, string.Equals(record.ProposedBy, by, StringComparison.OrdinalIgnoreCase) ? ProposedChangeRecord.Withdrawn : ProposedChangeRecord.Rejected, by);
        await db.SaveChangesAsync(ct);
        return ChangeOutcome.Done;
    }

    /// <summary>Switches the two-person rule (audited; off is shown on the settings page while it lasts).</summary>
    public async Task SetTwoPersonRuleAsync(bool on, CancellationToken ct = default)
    {
        var row = await db.AgencySettings.SingleAsync(ct);
        if (row.SinglePersonChanges == !on)
        {
            return;
        }

        audit.Add(AuditLog.SettingsChange, "settings", null, JsonSerializer.Serialize(new { before = new { twoPersonRule = !on }, after = new { twoPersonRule = on } }));
        row.SinglePersonChanges = !on;
        await db.SaveChangesAsync(ct);
    }

    private void Decide(ProposedChangeRecord record, string status, string by)
    {
        record.Status = status;
        record.DecidedBy = by;
        record.DecidedAt = clock.GetCurrentInstant();
        audit.Add(status == ProposedChangeRecord.Approved ? AuditLog.ChangeApproved : AuditLog.ChangeRejected, "proposed-change",
            record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonSerializer.Serialize(new { record.Kind, record.Summary, record.ProposedBy, status }));
    }

    private static RuleChange Read(ProposedChangeRecord record) => record.Kind switch
    {
        nameof(SettingsChange) => JsonSerializer.Deserialize<SettingsChange>(record.Payload, Json)!,
        nameof(HolidayAdded) => JsonSerializer.Deserialize<HolidayAdded>(record.Payload, Json)!,
        nameof(HolidayRemoved) => JsonSerializer.Deserialize<HolidayRemoved>(record.Payload, Json)!,
        nameof(AgreementAdded) => JsonSerializer.Deserialize<AgreementAdded>(record.Payload, Json)!,
        nameof(AgreementEnded) => JsonSerializer.Deserialize<AgreementEnded>(record.Payload, Json)!,
        _ => throw new InvalidOperationException($"Unknown proposed change kind {record.Kind}."),
    };

    private async Task<ChangeOutcome> ApplyAsync(RuleChange change, string changedBy, CancellationToken ct)
    {
        switch (change)
        {
            case SettingsChange s:
                await settings.SaveSettingsAsync(s.Name, s.TimeZoneId, s.Policy, s.AlertEmail, s.DisclosureThreshold, s.DualNotices, changedBy, ct);
                return ChangeOutcome.Done;
            case HolidayAdded h:
                return await settings.AddHolidayAsync(h.Date, h.Name, changedBy, ct)
                    ? ChangeOutcome.Done
                    : ChangeOutcome.Invalid(new FieldProblem("HolidayDate", $"Holiday date: {LocalDatePattern.Iso.Format(h.Date)} is already a holiday."));
            case HolidayRemoved h:
                return await settings.RemoveHolidayAsync(h.Date, changedBy, ct) ? ChangeOutcome.Done : ChangeOutcome.NotFound;
            case AgreementAdded a:
                return await admin.AddAgreementAsync(a.Id, a.Model, a.Effective, a.Ends, ct);
            case AgreementEnded a:
                return await admin.EndAgreementAsync(a.Id, a.Ends, ct);
            default:
                throw new InvalidOperationException($"Unknown rule change {change.GetType().Name}.");
        }
    }
}
