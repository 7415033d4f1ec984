using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Liaison.Scenarios;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>A booking whose stored row differs from a replay of its events: the fields, as "name: row X, events Y".</summary>
public sealed record ProjectionMismatch(string BookingId, Instant RowAsOf, IReadOnlyList<string> Differences);

/// <summary>
/// Checks that every booking's row (what the board, the queue and the monitor read) equals what its stored
/// events give when replayed, as of the row's own instant. A difference means the row was changed around the
/// engine, or the events were: either way the record cannot be trusted until someone looks.
/// </summary>
public sealed class ProjectionCheck(LiaisonDbContext db)
{
    private const int Page = 500;

    /// <summary>Every booking, in keyset pages; returns those that differ (empty when all agree) and how many were checked.</summary>
    public async Task<(int Checked, IReadOnlyList<ProjectionMismatch> Mismatches)> VerifyAllAsync(CancellationToken ct = default)
    {
        if (!await db.AgencySettings.AnyAsync(ct))
        {
            return (0, []);
        }

        var world = await CustodyWorld.LoadAsync(db, ct);
        var mismatches = new List<ProjectionMismatch>();
        var done = 0;
        var after = "";
        while (true)
        {
            var rows = await db.Bookings.AsNoTracking().Where(b => string.Compare(b.Id, after) > 0).OrderBy(b => b.Id).Take(Page).ToListAsync(ct);
            if (rows.Count == 0)
            {
                return (done, mismatches);
            }

            var ids = rows.Select(b => b.Id).ToList();
            var events = (await db.CustodyEvents.AsNoTracking().Where(e => ids.Contains(e.BookingId)).ToListAsync(ct)).ToLookup(e => e.BookingId);
            foreach (var row in rows)
            {
                if (Compare(world, row, [.. events[row.Id].OrderBy(e => e.Sequence)]) is { } mismatch)
                {
                    mismatches.Add(mismatch);
                }
            }

            done += rows.Count;
            after = rows[^1].Id;
        }
    }

    /// <summary>One booking; null when its row equals a replay of its events.</summary>
    public async Task<ProjectionMismatch?> VerifyAsync(string bookingId, CancellationToken ct = default)
    {
        var row = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == bookingId, ct);
        var events = await db.CustodyEvents.AsNoTracking().Where(e => e.BookingId == bookingId).OrderBy(e => e.Sequence).ToListAsync(ct);
        return Compare(await CustodyWorld.LoadAsync(db, ct), row, events);
    }

    /// <summary>Replays the events into a fresh row the way <see cref="CustodyService"/> projects them, then compares every projected field.</summary>
    public static ProjectionMismatch? Compare(CustodyWorld world, BookingRecord row, IReadOnlyList<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(events);
        var replayed = new BookingRecord { Id = row.Id };
        try
        {
            var screening = StoredHistory.Screening(events);
            replayed.ScreeningOutcome = screening.Outcome is { } screened ? StoredHistory.OutcomeCode(screened) : null;
            replayed.AssignedTo = screening.AssignedTo;
            CustodyService.ProjectConsular(replayed, StoredHistory.Consular(row, events)); // nationality and booking time are the booking's own details
            var engine = world.CreateEngine();
            var effective = StoredHistory.Effective(events);
            foreach (var (step, deadline) in effective)
            {
                var outcome = engine.Replay(step, deadline);
                CustodyService.Project(replayed, outcome.Booking!, outcome.Step);
            }

            if (engine.Booking(row.Id) is null)
            {
                return new ProjectionMismatch(row.Id, row.StateAsOf, ["events: the booking was never booked"]);
            }

            if (engine.Now is { } last && row.StateAsOf > last)
            {
                engine.Apply(new Tick(row.StateAsOf));
            }

            CustodyService.Project(replayed, engine.Booking(row.Id)!, null);
            CustodyService.ProjectNotices(replayed, StoredHistory.Notices([.. effective.Select(e => e.Step)], events, world.Notices));
        }
        catch (Exception e) when (e is InvalidOperationException or ScenarioFormatException)
        {
            return new ProjectionMismatch(row.Id, row.StateAsOf, [$"events: they do not replay ({e.Message})"]);
        }

        replayed.EventCount = events.Count;
        var differences = new List<string>();
        void Field<T>(string name, T rowValue, T eventsValue)
        {
            if (!EqualityComparer<T>.Default.Equals(rowValue, eventsValue))
            {
                differences.Add($"{name}: row {Text(rowValue)}, events {Text(eventsValue)}");
            }
        }

        Field("custody", row.Custody, replayed.Custody);
        Field("holdAuthority", row.HoldAuthority, replayed.HoldAuthority);
        Field("citizenship", row.Citizenship, replayed.Citizenship);
        Field("eligibleAt", row.EligibleAt, replayed.EligibleAt);
        Field("holdDeadline", row.HoldDeadline, replayed.HoldDeadline);
        Field("overDetentionSeconds", row.OverDetentionSeconds, replayed.OverDetentionSeconds);
        Field("overDetentionSince", row.OverDetentionSince, replayed.OverDetentionSince);
        Field("nextDutyDue", row.NextDutyDue, replayed.NextDutyDue);
        Field("nextDutyAbout", row.NextDutyAbout, replayed.NextDutyAbout);
        Field("openDuties", row.OpenDuties, replayed.OpenDuties);
        Field("notificationRequested", row.NotificationRequested, replayed.NotificationRequested);
        Field("dhsResult", row.DhsResult, replayed.DhsResult);
        Field("awaitingScreening", row.AwaitingScreening, replayed.AwaitingScreening);
        Field("screeningOutcome", row.ScreeningOutcome, replayed.ScreeningOutcome);
        Field("assignedTo", row.AssignedTo, replayed.AssignedTo);
        Field("consularDue", row.ConsularDue, replayed.ConsularDue);
        Field("consularNotifiedAt", row.ConsularNotifiedAt, replayed.ConsularNotifiedAt);
        Field("consularAdvisalDeadline", row.ConsularAdvisalDeadline, replayed.ConsularAdvisalDeadline);
        Field("consularAdvisedAt", row.ConsularAdvisedAt, replayed.ConsularAdvisedAt);
        Field("consularNoticeDeadline", row.ConsularNoticeDeadline, replayed.ConsularNoticeDeadline);
        Field("noticesFirstDue", row.NoticesFirstDue, replayed.NoticesFirstDue);
        Field("noticesInTime", row.NoticesInTime, replayed.NoticesInTime);
        Field("noticesLate", row.NoticesLate, replayed.NoticesLate);
        Field("noticesNeverGiven", row.NoticesNeverGiven, replayed.NoticesNeverGiven);
        Field("eventCount", row.EventCount, replayed.EventCount);
        return differences.Count == 0 ? null : new ProjectionMismatch(row.Id, row.StateAsOf, differences);
    }

    private static string Text<T>(T value) => value switch
    {
        null => "none",
        Instant i => NodaTime.Text.InstantPattern.ExtendedIso.Format(i),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
