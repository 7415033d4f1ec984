using Liaison.Data.Alerts;
using Liaison.Data.Bookings;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Scenarios;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

/// <summary>A booking as of now: its row, its events, and an engine rebuilt from those events and advanced to now.</summary>
public sealed record BookingCase(BookingRecord Booking, IReadOnlyList<CustodyEventRecord> Events, BookingSnapshot State, CustodyEngine Engine, CustodyWorld World, Instant Now)
{
    /// <summary>Alerts raised by time passing up to now (a deadline the monitor has not yet seen).</summary>
    public IReadOnlyList<Alert> TimeAlerts { get; init; } = [];
}

/// <summary>
/// A booking's stored events no longer replay (altered, forged or out of order): the case cannot be shown as
/// the engine would judge it, and nothing may be recorded on it until someone has looked.
/// </summary>
public sealed class CaseRecordInconsistentException(string bookingId, string problem)
    : Exception($"The stored record of booking {bookingId} does not replay: {problem}")
{
    public string BookingId { get; } = bookingId;

    public string Problem { get; } = problem;
}

/// <summary>Someone else recorded a step on the same booking at the same moment: nothing of this step was saved.</summary>
public sealed class ConcurrentActException(string bookingId, Exception inner)
    : Exception($"Another step was recorded on booking {bookingId} at the same moment; this one was not saved.", inner)
{
    public string BookingId { get; } = bookingId;
}

/// <summary>Who is acting: the engine actor id (an officer id, or jms) and the signed-in account behind it.</summary>
public sealed record ActingAs(string Actor, string? UserName);

/// <summary>The person as the jail recorded them at booking; the engine only needs part of it.</summary>
public sealed record NewBooking(string Id, string PersonId, string LastName, string FirstName, LocalDate? DateOfBirth,
    string? ANumber, string? BirthCountry, string? CitizenshipCountry, string? Language, IReadOnlyList<Charge> Charges);

/// <summary>
/// The one way custody steps reach the database: every step goes through the engine, rebuilt from the
/// booking's stored events; the step is stored as an immutable event (refused ones too, with the reason),
/// the booking's row is refreshed from the engine's answer, and alerts are recorded, in one transaction.
/// </summary>
public sealed class CustodyService(LiaisonDbContext db, IClock clock, CustodyWorldCache worlds, Audit.AuditLog audit)
{
    /// <summary>Rebuilds a booking from its events and lets time run to now (deadlines pass). Null if it does not exist.</summary>
    public async Task<BookingCase?> LoadAsync(string bookingId, CancellationToken ct = default)
    {
        var booking = await db.Bookings.Include(b => b.Charges).SingleOrDefaultAsync(b => b.Id == bookingId, ct);
        if (booking is null)
        {
            return null;
        }

        var world = await worlds.WorldAsync(db, ct);
        var events = await db.CustodyEvents.Where(e => e.BookingId == bookingId).OrderBy(e => e.Sequence).ToListAsync(ct);
        CustodyEngine engine;
        try
        {
            engine = Rebuild(world, events);
        }
        catch (Exception e) when (e is InvalidOperationException or ScenarioFormatException)
        {
            throw new CaseRecordInconsistentException(bookingId, e.Message);
        }

        var now = Instant.Max(clock.GetCurrentInstant(), engine.Now ?? booking.BookedAt);
        var tick = engine.Apply(new Tick(now));
        return new BookingCase(booking, events, engine.Booking(bookingId)!, engine, world, now) { TimeAlerts = tick.Alerts };
    }

    /// <summary>Books a person (a fact from the jail): creates the booking row and its first event.</summary>
    public async Task<StepOutcome> BookAsync(NewBooking person, ActingAs actingAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(actingAs);
        var now = clock.GetCurrentInstant();
        var world = await worlds.WorldAsync(db, ct);
        var engine = world.CreateEngine();
        var exists = await db.Bookings.AnyAsync(b => b.Id == person.Id, ct);
        if (exists)
        {
            engine.Replay(new Book(now, "jms", new BookingDetails(person.Id, null, null, null, [])));
        }

        var step = new Book(now, actingAs.Actor, new BookingDetails(person.Id, person.PersonId, person.BirthCountry, person.CitizenshipCountry, person.Charges));
        var outcome = engine.Apply(step);
        if (!outcome.Accepted)
        {
            return outcome; // a duplicate booking number: nothing is stored over the existing booking
        }

        var row = new BookingRecord
        {
            Id = person.Id,
            PersonId = person.PersonId,
            LastName = person.LastName,
            FirstName = person.FirstName,
            SearchName = SearchNameOf(person.LastName, person.FirstName),
            DateOfBirth = person.DateOfBirth,
            ANumber = person.ANumber,
            BirthCountry = person.BirthCountry,
            CitizenshipCountry = person.CitizenshipCountry,
            Language = person.Language,
            BookedAt = now,
            Charges = [.. person.Charges.Select(c => new ChargeRecord { Code = c.Code, Description = c.Description ?? "", Level = c.Level ?? "", Status = c.Status ?? "" })],
        };
        db.Bookings.Add(row);
        Store(row, step, outcome, actingAs, sequence: 1);
        await RaiseAsync(outcome.Alerts, now, ct);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    /// <summary>
    /// Applies the step <paramref name="makeStep"/> builds for the current instant to a booking.
    /// Returns null when the booking does not exist.
    /// </summary>
    public async Task<StepOutcome?> RecordAsync(string bookingId, Func<Instant, CustodyStep> makeStep, ActingAs actingAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeStep);
        ArgumentNullException.ThrowIfNull(actingAs);
        var loaded = await LoadAsync(bookingId, ct);
        if (loaded is null)
        {
            return null;
        }

        var step = makeStep(loaded.Now);
        if (step.BookingId != bookingId || step.Actor != actingAs.Actor)
        {
            throw new ArgumentException("The step must name the booking and the actor it is recorded for.", nameof(makeStep));
        }

        var outcome = loaded.Engine.Apply(step);
        Store(loaded.Booking, step, outcome, actingAs, loaded.Events.Count + 1);
        await RaiseAsync([.. loaded.TimeAlerts, .. outcome.Alerts], loaded.Now, ct);
        try
        {
            await db.SaveChangesAsync(ct); // the row's Version guards against a concurrent act on the same booking
        }
        catch (DbUpdateConcurrencyException e)
        {
            throw new ConcurrentActException(bookingId, e);
        }

        return outcome;
    }

    /// <summary>
    /// Brings a booking's row up to date with the passing of time (a deadline reached) without any new
    /// act, and records the alerts that raised. Used by the deadline monitor.
    /// </summary>
    public async Task<IReadOnlyList<Alert>> CatchUpAsync(string bookingId, CancellationToken ct = default) =>
        await CatchUpAsync(await LoadAsync(bookingId, ct) ?? throw new InvalidOperationException($"Booking {bookingId} does not exist."), ct);

    /// <summary>The same, for a booking the caller has just loaded (no second replay).</summary>
    public async Task<IReadOnlyList<Alert>> CatchUpAsync(BookingCase loaded, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        Project(loaded.Booking, loaded.State, null);
        loaded.Booking.Version++;
        await RaiseAsync(loaded.TimeAlerts, loaded.Now, ct);
        await db.SaveChangesAsync(ct);
        return loaded.TimeAlerts;
    }

    /// <summary>
    /// Projects every booking whose custody has not ended again from its stored events, as of its last event
    /// (the deadline monitor then lets time pass and raises what is due). Used after a migration that adds to
    /// the projection, so an upgraded database shows, e.g., the duties to tell ICE its history implies.
    /// </summary>
    public static async Task<int> ReprojectOpenBookingsAsync(LiaisonDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.AgencySettings.AnyAsync(ct))
        {
            return 0; // a new database: nothing to project
        }

        var world = await CustodyWorld.LoadAsync(db, ct);
        string[] open = [.. Enum.GetValues<CustodyStatus>().Where(c => !c.HasEnded()).Select(Codes.Of)];
        var done = 0;
        var after = "";
        while (true)
        {
            // Keyset pages in short transactions, so a large jail upgrades without holding the database.
            var page = await db.Bookings.Where(b => open.Contains(b.Custody) && string.Compare(b.Id, after) > 0)
                .OrderBy(b => b.Id).Take(500).ToListAsync(ct);
            if (page.Count == 0)
            {
                return done;
            }

            var ids = page.Select(b => b.Id).ToList();
            var events = (await db.CustodyEvents.AsNoTracking().Where(e => ids.Contains(e.BookingId) && e.Accepted).ToListAsync(ct))
                .ToLookup(e => e.BookingId);
            foreach (var row in page)
            {
                var engine = Rebuild(world, events[row.Id].OrderBy(e => e.Sequence));
                if (engine.Booking(row.Id) is { } state)
                {
                    Project(row, state, null);
                    row.Version++;
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += page.Count;
            after = page[^1].Id;
        }
    }

    /// <summary>
    /// Records a booking's whole history, steps in the order they happened (the demo county; an importer of past
    /// cases): each through the engine and stored like any act — event, audit entry dated at the step, the row
    /// projected — then time runs to <paramref name="now"/>. The alerts raised are added and returned. Saved with
    /// the caller's next SaveChanges (callers batch many bookings). <paramref name="row"/> must be new.
    /// </summary>
    public IReadOnlyList<AlertRecord> RecordHistory(CustodyWorld world, BookingRecord row, IEnumerable<CustodyStep> steps, Instant now, string enteredBy)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(steps);
        var engine = world.CreateEngine();
        var sequence = 0;
        var raised = new List<AlertRecord>();
        foreach (var step in steps)
        {
            var outcome = engine.Apply(step);
            var actor = step.Actor ?? "";
            Store(row, step, outcome, new ActingAs(actor, Domain.Officers.ActorPermissions.IsSystemActor(actor) ? null : enteredBy), ++sequence, step.At);
            raised.AddRange(outcome.Alerts.Select(a => NewAlert(a, a.At)));
        }

        // Time runs to now, as the deadline monitor would have let it: holds that ended are release-required.
        raised.AddRange(engine.Apply(new Tick(now)).Alerts.Select(a => NewAlert(a, now)));
        if (engine.Booking(row.Id) is { } final)
        {
            Project(row, final, null);
        }

        db.Alerts.AddRange(raised);
        return raised;
    }

    private static AlertRecord NewAlert(Alert alert, Instant raisedAt) =>
        new() { BookingId = alert.BookingId, Kind = Codes.Of(alert.Kind), DueAt = alert.At, RaisedAt = raisedAt };

    /// <summary>Replays a booking's accepted events in order. The stored record, not today's rules for who may act, decides.</summary>
    public static CustodyEngine Rebuild(CustodyWorld world, IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(events);
        var engine = world.CreateEngine();
        foreach (var e in events.Where(e => e.Accepted))
        {
            engine.Replay(StepJson.Read(e.StepJson), e.HoldDeadline);
        }

        return engine;
    }

    /// <summary>The immutable record of one step the engine was given, accepted or refused.</summary>
    public static CustodyEventRecord EventOf(string bookingId, int sequence, CustodyStep step, StepOutcome outcome, ActingAs actingAs)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(actingAs);
        return new CustodyEventRecord
        {
            BookingId = bookingId,
            Sequence = sequence,
            At = step.At,
            Action = Codes.Of(step.Action),
            Actor = actingAs.Actor,
            UserName = actingAs.UserName,
            StepJson = StepJson.Write(step),
            Accepted = outcome.Accepted,
            RefusalCode = outcome.Refusal is { } r ? Codes.Of(r.Code) : null,
            RefusalReason = outcome.Refusal?.Reason,
            HoldDeadline = outcome.Accepted ? outcome.Booking?.HoldDeadline : null,
        };
    }

    public static string SearchNameOf(string lastName, string firstName) =>
        $"{lastName.Trim()}, {firstName.Trim()}".ToUpperInvariant();

    /// <summary>Refreshes the booking row's projection from an engine snapshot.</summary>
    public static void Project(BookingRecord row, BookingSnapshot state, CustodyStep? acceptedStep)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(state);
        row.Custody = Codes.Of(state.Custody);
        row.HoldAuthority = Codes.Of(state.HoldAuthority);
        row.Citizenship = Codes.Of(state.Citizenship);
        row.HoldDeadline = state.HoldDeadline;
        row.EligibleAt = state.EligibleAt;
        row.OverDetentionSeconds = (long)state.OverDetention.TotalSeconds;
        row.OverDetentionSince = state.OverDetentionSince;
        row.StateAsOf = state.AsOf;
        var next = state.Duties.Count == 0 ? null : state.Duties[0];
        row.NextDutyDue = next?.Due;
        row.NextDutyAbout = next is null ? null : Codes.Of(next.About);
        row.OpenDuties = state.Duties.Count;
        row.NotificationRequested = state.NotificationRequested;
        if (acceptedStep is BiometricResponse { Result: { } result })
        {
            row.DhsResult = Codes.Of(result);
        }

        row.AwaitingScreening = state.AwaitingScreening;
    }

    private void Store(BookingRecord row, CustodyStep step, StepOutcome outcome, ActingAs actingAs, int sequence, Instant? recordedAt = null)
    {
        var stored = EventOf(row.Id, sequence, step, outcome, actingAs);
        db.CustodyEvents.Add(stored);
        audit.Add(outcome.Accepted ? Audit.AuditLog.CustodyStep : Audit.AuditLog.CustodyRefused, "booking", row.Id,
            outcome.Refusal is { } r ? $"{Codes.Of(r.Code)}: {stored.StepJson}" : stored.StepJson, actingAs.UserName ?? actingAs.Actor, recordedAt);
        row.EventCount = sequence;
        row.Version++;
        if (outcome.Booking is { } state)
        {
            Project(row, state, outcome.Accepted ? step : null);
        }
    }

    /// <summary>Records alerts once each: a second raise of the same booking, kind and instant is a no-op.</summary>
    private async Task RaiseAsync(IEnumerable<Alert> alerts, Instant now, CancellationToken ct)
    {
        foreach (var alert in alerts)
        {
            await RaiseOnceAsync(alert.BookingId, Codes.Of(alert.Kind), alert.At, now, ct);
        }
    }

    /// <summary>
    /// Adds an alert unless one of the same booking, kind and due instant exists (the unique index is the
    /// last guard, for two instances racing). Saved with the caller's next SaveChanges. True if added.
    /// </summary>
    public async Task<bool> RaiseOnceAsync(string bookingId, string kind, Instant dueAt, Instant now, CancellationToken ct = default)
    {
        if (await db.Alerts.AnyAsync(a => a.BookingId == bookingId && a.Kind == kind && a.DueAt == dueAt, ct))
        {
            return false;
        }

        db.Alerts.Add(new AlertRecord { BookingId = bookingId, Kind = kind, DueAt = dueAt, RaisedAt = now });
        return true;
    }
}
