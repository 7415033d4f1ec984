using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using Liaison.Domain.StateReports;
using Liaison.Scenarios;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Statistics;

/// <summary>
/// The state reports (docs/state-reports.md): every ICE request the jail received, read from each booking's accepted
/// events, laid out by the state's format. No personal data leaves in them; each generation is audited.
/// </summary>
public sealed class StateReportService(LiaisonDbContext db, IClock clock, AuditLog audit, CustodyWorldCache worlds)
{
    public const string GenerateAction = "statistics.state-report";

    /// <summary>The years a report can cover: from 2000 to the current year (provisional until it ends).</summary>
    public async Task<(int First, int Last)> YearsAsync(CancellationToken ct = default)
    {
        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        return (2000, clock.GetCurrentInstant().InZone(zone).Year);
    }

    public async Task<StateReport> BuildAsync(IStateReportFormat format, int year, string actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(format);
        var world = await worlds.WorldAsync(db, ct);
        var (from, to) = StateReportFormats.YearIn(year, world.Zone);
        var agency = await db.AgencySettings.AsNoTracking().Select(s => s.Name).SingleOrDefaultAsync(ct) ?? "";
        var requests = new List<HoldRequest>();
        var after = "";
        while (true)
        {
            // Bookings with any request, booked before the year ended and still open when it began; in keyset pages.
            var page = await db.Bookings.AsNoTracking()
                .Where(b => (b.DetainerLodgedAt != null || b.WarrantServedAt != null || b.NotificationRequestedAt != null)
                    && b.BookedAt < to && (b.ReleasedAt == null || b.ReleasedAt >= from) && (b.TransferredAt == null || b.TransferredAt >= from)
                    && string.Compare(b.Id, after) > 0)
                .OrderBy(b => b.Id).Select(b => b.Id).Take(500).ToListAsync(ct);
            if (page.Count == 0)
            {
                break;
            }

            var events = (await db.CustodyEvents.AsNoTracking().Where(e => page.Contains(e.BookingId) && e.Accepted)
                .Select(e => new { e.BookingId, e.Sequence, e.Action, e.StepJson, e.HoldDeadline }).ToListAsync(ct)).ToLookup(e => e.BookingId);
            foreach (var id in page)
            {
                // Corrections applied: a voided detainer was never a request.
                requests.AddRange(HoldRequests.Of(Custody.StoredHistory.Effective(events[id].Select(e => (e.Sequence, e.Action, e.StepJson, e.HoldDeadline))).Select(e => e.Step)));
            }

            after = page[^1];
        }

        var report = format.Build(agency, year, requests, world.Zone, clock.GetCurrentInstant());
        await audit.RecordAsync(GenerateAction, "statistics", $"{format.Id}-{year}", $"{report.Rows.Count} requests{(report.YearEnded ? "" : " (provisional)")}", actor, ct);
        return report;
    }
}
