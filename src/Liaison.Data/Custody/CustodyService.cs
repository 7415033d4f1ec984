using Liaison.Data.Alerts;
using Liaison.Data.Bookings;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Consular;
using Liaison.Domain.Custody;
using Liaison.Domain.Notices;
using Liaison.Scenarios;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

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
public sealed class ConcurrentActException(string bookingId, Exception? inner)
    : Exception($"Another step was recorded on booking {bookingId} at the same moment; this one was not saved.", inner)
{
    public string BookingId { get; } = bookingId;
}

/// <summary>Who is acting: the engine actor id (an officer id, or jms) and the signed-in account behind it.</summary>
public sealed record ActingAs(string Actor, string? UserName);

/// <summary>The person as the jail recorded them at booking; the engine only needs part of it.</summary>
public sealed record NewBooking(string Id, string PersonId, string LastName, string FirstName, LocalDate? DateOfBirth,
    string? ANumber, string? BirthCountry, string? CitizenshipCountry, string? Language, IReadOnlyList<Charge> Charges)
{
    /// <summary>M, F, X or U as the jail recorded it; null when not given.</summary>
    public string? Sex { get; init; }

    /// <summary>What the engine is told at booking.</summary>
    public BookingDetails Details => new(Id, PersonId, BirthCountry, CitizenshipCountry, Charges);
}

/// <summary>
/// The one way custody steps reach the database, for every entry point (web, API, feed file, NIEM, demo): each step
/// at its own instant goes through the engine, rebuilt from the booking's stored events; the step is stored as an
/// immutable event (refused ones too, with the reason) with its audit entry, the booking's row is refreshed from the
/// engine's answer, and alerts are recorded, in one transaction per call (<see cref="CustodyWriter"/>). The clock
/// only bounds the future. Steps from another system carry an <see cref="ExternalKey"/>: a second delivery changes nothing.
/// </summary>
public sealed class CustodyService(LiaisonDbContext db, IClock clock, CustodyWorldCache worlds, Audit.AuditLog audit, LiaisonMetrics metrics)
{
    /// <summary>The most bookings kept open between calls (an import): memory stays flat whatever the file's size.</summary>
    private const int MaxOpen = 20_000;

    private static readonly string[] PointParameters = ["@p", "@q"];

    // Bookings this service has read or written, with their engines, reused across calls (an importer's batches) while
    // the stored row's version says nobody else wrote since.
    private readonly Dictionary<string, OpenBooking> _open = new(StringComparer.Ordinal);

    private sealed class OpenBooking(BookingRecord row, CustodyEngine engine, List<(CustodyStep Step, Instant? Deadline)> accepted, bool isNew)
    {
        public BookingRecord Row { get; } = row;

        /// <summary>The notices given to the person on record (kept beside the steps), for the notices' projection.</summary>
        public List<NoticeGiven> Notices { get; init; } = [];

        public IEnumerable<CustodyStep> Steps => accepted.Select(a => a.Step);

        public CustodyEngine Engine { get; private set; } = engine;

        /// <summary>The row's version in the database (what an update must still find there).</summary>
        public int StoredVersion { get; set; } = isNew ? -1 : row.Version;

        public bool IsNew { get; set; } = isNew;

        /// <summary>
        /// A refused step still moved the engine's clock; the stored record keeps only accepted steps, so the engine is
        /// rebuilt from them (time order is judged against the latest accepted event, on every path).
        /// </summary>
        public void Rebuild(CustodyWorld world)
        {
            Engine = world.CreateEngine();
            foreach (var (step, deadline) in accepted)
            {
                Engine.Replay(step, deadline);
            }
        }

        public void Accepted(CustodyStep step, Instant? deadline) => accepted.Add((step, deadline));
    }

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

    /// <summary>Books a person (a fact from the jail) at <paramref name="at"/>, or now.</summary>
    public async Task<StepResult> BookAsync(NewBooking person, ActingAs actingAs, Instant? at = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(actingAs);
        var step = new Book(at ?? clock.GetCurrentInstant(), actingAs.Actor, person.Details);
        return (await ApplyAsync([new Submission(step, actingAs) { Person = person }], ct))[0];
    }

    /// <summary>
    /// An act taken now (the web): <paramref name="makeStep"/> builds the step for the current instant (never before
    /// the booking's last event), which is then applied like any other. With a <paramref name="key"/> (a web form's
    /// request id) a repeated or concurrent submission of the same form records once and answers as already applied.
    /// </summary>
    public async Task<StepResult> RecordNowAsync(string bookingId, Func<Instant, CustodyStep> makeStep, ActingAs actingAs, ExternalKey? key = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeStep);
        ArgumentNullException.ThrowIfNull(actingAs);
        var world = await worlds.WorldAsync(db, ct);
        var problems = await OpenAsync(world, [bookingId], ct);
        if (problems.TryGetValue(bookingId, out var problem))
        {
            return problem;
        }

        if (!_open.TryGetValue(bookingId, out var open))
        {
            return UnknownBooking(bookingId);
        }

        var step = makeStep(Instant.Max(clock.GetCurrentInstant(), open.Engine.Now ?? open.Row.BookedAt));
        if (step.BookingId != bookingId || step.Actor != actingAs.Actor)
        {
            throw new ArgumentException("The step must name the booking and the actor it is recorded for.", nameof(makeStep));
        }

        return (await ApplyAsync([new Submission(step, actingAs) { Key = key }], ct))[0];
    }

    /// <summary>
    /// Applies submissions in order, each at its own instant, and stores what they did in one transaction; one result
    /// each, in the same order. When every submission carries an external key (so repeating is harmless), a clash with
    /// another writer is retried: what the other stored then answers as already applied.
    /// </summary>
    public async Task<IReadOnlyList<StepResult>> ApplyAsync(IReadOnlyList<Submission> submissions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var idempotent = submissions.All(s => s.Key is not null);
        for (var attempt = 1; ; attempt++)
        {
            IReadOnlyList<StepResult> results;
            try
            {
                results = await TryApplyAsync(submissions, ct);
            }
            catch (ConcurrentActException) when (idempotent && attempt < 5)
            {
                continue; // read again and redo
            }
            catch (ConcurrentActException e)
            {
                results = [.. submissions.Select(_ => StepResult.Conflict(StepResult.ConcurrentAct, e.Message))];
            }

            metrics.Record(submissions, results);
            return results;
        }
    }

    private async Task<IReadOnlyList<StepResult>> TryApplyAsync(IReadOnlyList<Submission> submissions, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        var world = await worlds.WorldAsync(db, ct);
        var keys = await KeysAsync(submissions, ct);
        // A step already imported is answered from its key: its booking need not be read or replayed.
        bool Imported(Submission s) => s.Key is { } k && keys.TryGetValue((k.Channel, k.Id), out var r) && r.Result == ExternalEventRecord.Imported;
        var problems = await OpenAsync(world, [.. submissions.Where(s => !Imported(s)).Select(s => s.Step.BookingId!).Distinct(StringComparer.Ordinal)], ct);
        var changes = new CustodyChanges { StoredAt = now };
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var changedKeys = new HashSet<ExternalEventRecord>();
        var results = new StepResult[submissions.Count];
        try
        {
            for (var i = 0; i < submissions.Count; i++)
            {
                var submission = submissions[i];
                var step = submission.Step;
                var id = step.BookingId ?? throw new ArgumentException("A submission's step must be about a booking.", nameof(submissions));
                if (step.At > now + StepResult.FutureTolerance)
                {
                    results[i] = StepResult.Refused(StepResult.InTheFuture, $"The step is dated {step.At}, more than {StepResult.FutureTolerance.TotalMinutes:0} minutes after this system's clock ({now}).");
                    continue;
                }

                ExternalEventRecord? known = null;
                if (submission.Key is { } key && keys.TryGetValue((key.Channel, key.Id), out known) && known.Result == ExternalEventRecord.Imported)
                {
                    results[i] = known.ContentHash == key.ContentHash
                        ? StepResult.AlreadyApplied()
                        : StepResult.Refused(StepResult.EventIdConflict, $"Event {key.Id} was imported before with different content; an event id names one event.");
                    continue;
                }

                if (problems.TryGetValue(id, out var problem))
                {
                    results[i] = problem;
                    continue;
                }

                if (!_open.TryGetValue(id, out var open))
                {
                    if (step is not Book)
                    {
                        results[i] = UnknownBooking(id);
                        continue;
                    }

                    open = NewBooking(world, submission.Person ?? throw new ArgumentException("A book step needs the person's details.", nameof(submissions)), step.At);
                }

                var outcome = open.Engine.Apply(step);
                var refusedAgain = known is not null && known.ContentHash == submission.Key!.ContentHash;
                if (!outcome.Accepted && (open.IsNew || step is Book || refusedAgain))
                {
                    // Nothing to store it on (a booking never made), nothing to store over another person's booking
                    // (a duplicate number), or a retry refused as before (its refusal is on record once).
                    open.Rebuild(world);
                    results[i] = step is Book && submission.Key is { } booked && await ImportedMeanwhileAsync(submission, booked.ContentHash, ct)
                        ? StepResult.AlreadyApplied()
                        : StepResult.Refused(outcome);
                    continue;
                }

                if (open.IsNew)
                {
                    open.IsNew = false;
                    _open[id] = open;
                    changes.NewBookings.Add(open.Row);
                }
                else if (open.StoredVersion >= 0 && changed.Add(id))
                {
                    changes.ChangedBookings.Add((open.Row, open.StoredVersion));
                    changes.StatisticsBefore[id] = Statistics.StatisticsRow.Of(open.Row); // as stored, before this batch
                    changes.AlertCausesBefore[id] = AlertCauses.Of(open.Row);
                }

                Store(changes, open.Row, submission, outcome);
                if (outcome.Accepted)
                {
                    open.Accepted(step, outcome.Booking?.HoldDeadline);
                    if (world.Notices.EverAny)
                    {
                        ProjectNotices(open.Row, DualNotification.Tasks(open.Steps, open.Notices, world.Notices));
                    }
                }
                else
                {
                    open.Rebuild(world);
                }

                if (submission.Key is { } sent)
                {
                    RememberKey(changes, keys, changedKeys, known, sent, id, outcome, now);
                }

                results[i] = outcome.Accepted ? StepResult.Applied(outcome) : StepResult.Refused(outcome);
            }

            await CustodyWriter.WriteAsync(db, changes, ct);
        }
        catch
        {
            _open.Clear(); // rows and engines were changed in memory for what was not stored: read them again
            throw;
        }

        foreach (var row in changes.NewBookings.Concat(changes.ChangedBookings.Select(c => c.Row)))
        {
            _open[row.Id].StoredVersion = row.Version;
        }

        KeepOpenBounded();
        return results;
    }

    /// <summary>
    /// Appends a correction of one accepted event (never changing it): the booking is replayed with the correction
    /// applied, and the correction is stored with its audit entry and the row's new projection in one transaction,
    /// through the same writer as every step. A correction that changes custody or a deadline is only recorded with
    /// <paramref name="approvedBy"/> (a second person); without it the answer is <see cref="CorrectionResultKind.NeedsApproval"/>
    /// and nothing is stored. The same correction sent again records nothing more.
    /// </summary>
    public async Task<CorrectionResult> CorrectAsync(string bookingId, Correction correction, ActingAs proposer, string? approvedBy = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(proposer);
        var loaded = await LoadAsync(bookingId, ct);
        if (loaded is null)
        {
            return CorrectionResult.Refused($"Booking {bookingId} does not exist.");
        }

        var recorded = StoredHistory.Recorded(loaded.Events);
        if (recorded.FirstOrDefault(r => r.Sequence == correction.Target) is not { } target)
        {
            return CorrectionResult.Refused($"Entry #{correction.Target}: there is no accepted entry with that number on this booking (a refused attempt changed nothing and needs no correction).");
        }

        if (CorrectedHistory.Problem(target, correction) is { } problem)
        {
            return CorrectionResult.Refused(problem);
        }

        var latest = StoredHistory.CorrectionsByTarget(loaded.Events)[correction.Target].LastOrDefault();
        if (latest.Correction is { } previous && Same(previous.Correction, correction))
        {
            return new CorrectionResult(CorrectionResultKind.AlreadyApplied, null, loaded.State, loaded.State) { Sequence = latest.Sequence };
        }

        var engine = loaded.World.CreateEngine();
        IReadOnlyList<Alert> alerts;
        var raised = new List<Alert>();
        var corrected = CorrectedHistory.Of([.. recorded, new RecordedStep(int.MaxValue, null, null, correction)]);
        try
        {
            foreach (var (step, deadline) in corrected)
            {
                raised.AddRange(engine.Replay(step, deadline).Alerts);
            }

            alerts = engine.Apply(new Tick(loaded.Now)).Alerts;
        }
        catch (InvalidOperationException e)
        {
            return CorrectionResult.Refused($"With this correction the record would no longer hold together: {e.Message} Correct or void the later entries that depend on it first.");
        }

        var after = engine.Booking(bookingId)!;
        if (approvedBy is null && CorrectedHistory.ChangesCustodyOrDeadline(loaded.State, after))
        {
            return new CorrectionResult(CorrectionResultKind.NeedsApproval, null, loaded.State, after);
        }

        var (row, changes) = BeginAppend(loaded);
        var stored = Append(changes, row, StoredHistory.CorrectionAction, proposer, after.HoldDeadline,
            StoredHistory.WriteCorrection(new StoredCorrection(loaded.Now, proposer.Actor, correction, approvedBy)), Audit.AuditLog.CustodyCorrected, loaded.Now);
        Project(row, after, null);
        ProjectNotices(row, DualNotification.Tasks(corrected.Select(e => e.Step), StoredHistory.NoticesGiven(loaded.Events), loaded.World.Notices));
        changes.Alerts.AddRange(alerts.Select(a => new AlertRecord { BookingId = a.BookingId, Kind = Codes.Of(a.Kind), DueAt = a.At, RaisedAt = loaded.Now }));
        var withdrawn = AlertLifecycle.Withdrawn(RaisedBy(loaded.World, CorrectedHistory.Of(recorded)), [.. raised, .. alerts]);
        if (withdrawn.Length > 0)
        {
            changes.Withdrawn.Add((row.Id, withdrawn, $"entry #{correction.Target} was corrected"));
        }

        try
        {
            await CustodyWriter.WriteAsync(db, changes, ct);
        }
        catch (ConcurrentActException e)
        {
            return new CorrectionResult(CorrectionResultKind.Conflict, e.Message, loaded.State, loaded.State);
        }
        finally
        {
            _open.Remove(row.Id); // read again from the record on the next write
        }

        return new CorrectionResult(CorrectionResultKind.Recorded, null, loaded.State, after) { Sequence = stored.Sequence };
    }

    /// <summary>
    /// Records a screening queue entry (an outcome, or an assignment) at the end of the booking's record, audited. It
    /// changes no custody, hold or deadline; the same entry sent again, or twice at once, is recorded once.
    /// </summary>
    public Task<EntryResult> ScreenAsync(string bookingId, Func<Instant, ScreeningEntry> makeEntry, ActingAs actingAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeEntry);
        return AppendBesideAsync(bookingId, actingAs, loaded =>
        {
            var entry = makeEntry(loaded.Now);
            var state = StoredHistory.Screening(loaded.Events);
            return new Beside(entry.At, state.AlreadyRecorded(entry), state.Problem(entry, loaded.State.AwaitingScreening),
                entry is ScreeningDecision ? StoredHistory.ScreeningAction : StoredHistory.AssignmentAction, StoredHistory.WriteScreening(entry),
                entry is ScreeningDecision ? Audit.AuditLog.ScreeningRecorded : Audit.AuditLog.ScreeningAssigned,
                row =>
                {
                    var after = state.With(entry);
                    row.ScreeningOutcome = after.Outcome is { } outcome ? StoredHistory.OutcomeCode(outcome) : null;
                    row.AssignedTo = after.AssignedTo;
                    row.AwaitingScreening = loaded.State.AwaitingScreening && after.Outcome is null;
                },
                again => StoredHistory.Screening(again.Events).AlreadyRecorded(entry));
        }, ct);
    }

    /// <summary>
    /// Records a consular entry (the person advised of the right and their answer, or the consulate told) at the end of
    /// the booking's record, audited, and moves the consular due instant the deadline monitor watches. It changes no
    /// custody, hold or deadline; a repeat is recorded once. An overdue alert whose duty is now met is cleared.
    /// </summary>
    public Task<EntryResult> RecordConsularAsync(string bookingId, Func<Instant, ConsularEntry> makeEntry, ActingAs actingAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeEntry);
        return AppendBesideAsync(bookingId, actingAs, loaded =>
        {
            var entry = makeEntry(loaded.Now);
            var duty = StoredHistory.Consular(loaded.Booking, loaded.Events);
            return new Beside(entry.At, duty.AlreadyRecorded(entry), duty.Problem(entry), StoredHistory.ConsularAction, StoredHistory.WriteConsular(entry),
                entry is ConsularNotice ? Audit.AuditLog.ConsulateNotified : Audit.AuditLog.ConsularAdvised,
                row => ProjectConsular(row, duty.With(entry)),
                again => StoredHistory.Consular(again.Booking, again.Events).AlreadyRecorded(entry));
        }, ct);
    }

    /// <summary>
    /// Records that the person was given a notice the agency's rules owe them (a copy of an ICE request, a release
    /// notice), beside the custody record and audited. Refused when no such notice is owed under the rules in effect
    /// when what it answers happened (the loaded world's); a repeat is recorded once.
    /// </summary>
    public async Task<EntryResult> RecordNoticeAsync(string bookingId, Func<Instant, NoticeGiven> makeNotice, ActingAs actingAs, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(makeNotice);
        NoticeTask? task = null;
        var result = await AppendBesideAsync(bookingId, actingAs, loaded =>
        {
            var notice = makeNotice(loaded.Now);
            var rules = loaded.World.Notices;
            if (notice.Kind == NoticeKind.InterviewConsent)
            {
                // The form comes before the interview it is for: nothing owed yet to match, only the agency's rule.
                var pending = StoredHistory.PendingConsent(loaded.Events);
                return new Beside(notice.At, pending is not null && pending.Consent == notice.Consent,
                    !rules.At(notice.At).Contains(DualNoticeRule.InterviewConsent) ? "The agency's rules ask for no interview consent form." : notice.Consent is null ? "Consent: the person's answer is required." : null,
                    StoredHistory.NoticeAction, StoredHistory.WriteNotice(notice), Audit.AuditLog.NoticeGiven, _ => { }, // owed only at the interview it is for
                    again => StoredHistory.PendingConsent(again.Events) is { } p && p.Consent == notice.Consent);
            }

            IReadOnlyList<CustodyStep> effective = [.. StoredHistory.Effective(loaded.Events).Select(e => e.Step)];
            task = StoredHistory.Notices(effective, loaded.Events, rules).FirstOrDefault(t => t.Kind == notice.Kind && t.Arose == notice.About);
            return new Beside(notice.At, task is { IsOpen: false }, task is null ? $"No {(notice.Kind == NoticeKind.RequestCopy ? "copy of an ICE request" : "release notice")} is owed for the entry of {InstantPattern.ExtendedIso.Format(notice.About)}." : null,
                StoredHistory.NoticeAction, StoredHistory.WriteNotice(notice), Audit.AuditLog.NoticeGiven,
                row => ProjectNotices(row, DualNotification.Tasks(effective, StoredHistory.NoticesGiven(loaded.Events).Append(notice), rules)),
                again => StoredHistory.Notices(again.Events, again.World.Notices).Any(t => t.Kind == notice.Kind && t.Arose == notice.About && !t.IsOpen));
        }, ct);
        if (result.Kind == EntryResultKind.Recorded && task is not null)
        {
            // Its alert, if the deadline monitor raised one, was about this notice's due instant.
            await db.Alerts.Where(a => a.BookingId == bookingId && a.Kind == AlertKinds.NoticeOverdue && a.DueAt == task.Due && a.AcknowledgedAt == null && a.ClearedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.ClearedAt, clock.GetCurrentInstant()).SetProperty(a => a.ClearedBecause, "the notice was given"), ct);
        }

        return result;
    }

    /// <summary>An entry kept beside the custody rules, as one of the methods above plans it on the loaded booking.</summary>
    private sealed record Beside(Instant At, bool AlreadyRecorded, string? Problem, string Action, string Json, string AuditAction,
        Action<BookingRecord> Project, Func<BookingCase, bool> RecordedBy);

    /// <summary>The one way an entry beside the custody rules is stored: checked, dated, appended, projected and audited.</summary>
    private async Task<EntryResult> AppendBesideAsync(string bookingId, ActingAs actingAs, Func<BookingCase, Beside> plan, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actingAs);
        var loaded = await LoadAsync(bookingId, ct);
        if (loaded is null)
        {
            return new EntryResult(EntryResultKind.UnknownBooking, $"Booking {bookingId} does not exist.");
        }

        var entry = plan(loaded);
        if (entry.AlreadyRecorded)
        {
            return new EntryResult(EntryResultKind.AlreadyRecorded, null);
        }

        if (entry.Problem is { } problem)
        {
            return new EntryResult(EntryResultKind.Refused, problem);
        }

        // Dated when it happened: now for an officer at the page, earlier only for recorded history (the demo), and
        // never before the record's last entry, so the record stays in time order.
        if (entry.At > loaded.Now || (loaded.Events.Count > 0 && entry.At < loaded.Events[^1].At))
        {
            return new EntryResult(EntryResultKind.Refused, "The entry's time is in the future or before the booking's last entry.");
        }

        var (row, changes) = BeginAppend(loaded);
        Append(changes, row, entry.Action, actingAs, loaded.State.HoldDeadline, entry.Json, entry.AuditAction, entry.At);
        entry.Project(row);
        try
        {
            await CustodyWriter.WriteAsync(db, changes, ct);
        }
        catch (ConcurrentActException e)
        {
            // Two identical submissions at once: the one that lost is answered as the first was, not as a conflict.
            _open.Remove(row.Id);
            return await LoadAsync(bookingId, ct) is { } now && entry.RecordedBy(now)
                ? new EntryResult(EntryResultKind.AlreadyRecorded, null)
                : new EntryResult(EntryResultKind.Conflict, e.Message);
        }

        _open.Remove(row.Id); // read again from the record on the next write
        return new EntryResult(EntryResultKind.Recorded, null);
    }

    /// <summary>
    /// Starts appending to a loaded booking outside the engine's batch path: the row read by LoadAsync is tracked and
    /// the writer stores it by its version, so it is detached first, with what it was for the statistics and alerts.
    /// </summary>
    private (BookingRecord Row, CustodyChanges Changes) BeginAppend(BookingCase loaded)
    {
        var row = loaded.Booking;
        db.Entry(row).State = EntityState.Detached;
        var changes = new CustodyChanges { StoredAt = loaded.Now };
        changes.StatisticsBefore[row.Id] = Statistics.StatisticsRow.Of(row);
        changes.AlertCausesBefore[row.Id] = AlertCauses.Of(row);
        changes.ChangedBookings.Add((row, row.Version));
        return (row, changes);
    }

    /// <summary>One accepted entry at the end of the booking's record, with its audit entry, dated <paramref name="at"/> (now unless history).</summary>
    private CustodyEventRecord Append(CustodyChanges changes, BookingRecord row, string action, ActingAs actingAs, Instant? holdDeadline, string json, string auditAction, Instant at)
    {
        var stored = new CustodyEventRecord
        {
            BookingId = row.Id,
            Sequence = row.EventCount + 1,
            At = at,
            Action = action,
            Actor = actingAs.Actor,
            UserName = actingAs.UserName,
            StepJson = json,
            Accepted = true,
            HoldDeadline = holdDeadline,
        };
        changes.Events.Add(stored);
        changes.Audit.Add(audit.Entry(auditAction, "booking", row.Id, json, actingAs.UserName ?? actingAs.Actor, at == changes.StoredAt ? null : at));
        row.EventCount = stored.Sequence;
        row.Version++;
        return stored;
    }

    /// <summary>The alerts a record raised as it was replayed (the record before a correction, to compare with after).</summary>
    private static List<Alert> RaisedBy(CustodyWorld world, IEnumerable<(CustodyStep Step, Instant? Deadline)> history)
    {
        var engine = world.CreateEngine();
        return [.. history.SelectMany(h => engine.Replay(h.Step, h.Deadline).Alerts)];
    }

    private static bool Same(Correction a, Correction b) =>
        a.Target == b.Target && (a.Replacement is null ? b.Replacement is null : b.Replacement is not null && StepJson.Write(a.Replacement) == StepJson.Write(b.Replacement));

    private static StepResult UnknownBooking(string id) =>
        StepResult.Refused(Codes.Of(RefusalCode.UnknownBooking), $"Booking {id} does not exist.");

    private static OpenBooking NewBooking(CustodyWorld world, NewBooking person, Instant at)
    {
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
            Sex = person.Sex,
            BookedAt = at,
            Charges = [.. person.Charges.Select(c => new ChargeRecord { BookingId = person.Id, Code = c.Code, Description = c.Description ?? "", Level = c.Level ?? "", Status = c.Status ?? "" })],
        };
        ProjectConsular(row, new ConsularDuty(person.CitizenshipCountry, at, null, null, null));
        return new(row, world.CreateEngine(), [], isNew: true);
    }

    /// <summary>
    /// Makes every existing booking of <paramref name="ids"/> open, with an engine rebuilt from its accepted events
    /// unless the one kept open is still current. Bookings whose record no longer replays are answered, not opened.
    /// </summary>
    private async Task<Dictionary<string, StepResult>> OpenAsync(CustodyWorld world, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var problems = new Dictionary<string, StepResult>(StringComparer.Ordinal);
        // A point read of each booking's version (the primary key) says which kept engines are current; only the
        // others are read in full and rebuilt.
        var toRead = new List<string>();
        await using (var version = await PointQueryAsync("SELECT \"Version\" FROM \"bookings\" WHERE \"Id\" = @p", ct))
        {
            foreach (var id in ids)
            {
                version.Parameters[0].Value = id;
                if (await version.ExecuteScalarAsync(ct) is { } stored and not DBNull
                    && !(_open.TryGetValue(id, out var kept) && kept.StoredVersion == Convert.ToInt32(stored, System.Globalization.CultureInfo.InvariantCulture)))
                {
                    toRead.Add(id);
                }
            }
        }

        if (toRead.Count == 0)
        {
            return problems;
        }

        var stale = await db.Bookings.AsNoTracking().Where(b => toRead.Contains(b.Id)).ToListAsync(ct);
        var staleIds = stale.Select(r => r.Id).ToList();
        var events = (await db.CustodyEvents.AsNoTracking().Where(e => staleIds.Contains(e.BookingId) && e.Accepted)
            .Select(e => new { e.BookingId, e.Sequence, e.Action, e.StepJson, e.HoldDeadline }).ToListAsync(ct)).ToLookup(e => e.BookingId);
        foreach (var row in stale)
        {
            try
            {
                var accepted = StoredHistory.Effective(events[row.Id].Select(e => (e.Sequence, e.Action, e.StepJson, e.HoldDeadline))).ToList();
                var notices = events[row.Id].Where(e => e.Action == StoredHistory.NoticeAction).OrderBy(e => e.Sequence).Select(e => StoredHistory.ReadNotice(e.StepJson));
                var open = new OpenBooking(row, world.CreateEngine(), accepted, isNew: false) { Notices = [.. notices] };
                open.Rebuild(world);
                _open[row.Id] = open;
            }
            catch (Exception e) when (e is InvalidOperationException or ScenarioFormatException)
            {
                _open.Remove(row.Id);
                problems[row.Id] = StepResult.Conflict(StepResult.RecordInconsistent, new CaseRecordInconsistentException(row.Id, e.Message).Message);
            }
        }

        return problems;
    }

    /// <summary>The external events of these submissions already on record, by channel and id.</summary>
    /// <summary>
    /// Whether another delivery of the same event stored it between this batch's read of the keys and its read of the
    /// booking (a booking found already made by the very event being imported): then it is answered as already imported.
    /// </summary>
    private async Task<bool> ImportedMeanwhileAsync(Submission submission, string contentHash, CancellationToken ct) =>
        (await KeysAsync([submission], ct)).Values.Any(k => k.Result == ExternalEventRecord.Imported && k.ContentHash == contentHash);

    private async Task<Dictionary<(string, string), ExternalEventRecord>> KeysAsync(IReadOnlyList<Submission> submissions, CancellationToken ct)
    {
        var known = new Dictionary<(string, string), ExternalEventRecord>();
        if (!submissions.Any(s => s.Key is not null))
        {
            return known;
        }

        await using var query = await PointQueryAsync(
            "SELECT \"ContentHash\", \"BookingId\", \"Result\", \"RefusalCode\" FROM \"external_events\" WHERE \"Channel\" = @p AND \"EventId\" = @q", ct);
        foreach (var key in submissions.Select(s => s.Key).OfType<ExternalKey>())
        {
            query.Parameters[0].Value = key.Channel;
            query.Parameters[1].Value = key.Id;
            await using var reader = await query.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                known[(key.Channel, key.Id)] = new ExternalEventRecord
                {
                    Channel = key.Channel,
                    EventId = key.Id,
                    ContentHash = reader.GetString(0),
                    BookingId = reader.GetString(1),
                    Result = reader.GetString(2),
                    RefusalCode = await reader.IsDBNullAsync(3, ct) ? null : reader.GetString(3),
                };
            }
        }

        return known;
    }

    /// <summary>
    /// A prepared read by primary key, run once per id: at a few microseconds each, cheaper than one query with a
    /// list of thousands of ids. Parameters @p (and @q) are bound by the caller.
    /// </summary>
    private async Task<System.Data.Common.DbCommand> PointQueryAsync(string sql, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // constant SQL; values are parameters
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var name in PointParameters.Where(n => sql.Contains(n, StringComparison.Ordinal)))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = "";
            command.Parameters.Add(parameter);
        }

        await command.PrepareAsync(ct);
        return command;
    }

    private static void RememberKey(CustodyChanges changes, Dictionary<(string, string), ExternalEventRecord> keys, HashSet<ExternalEventRecord> changedKeys,
        ExternalEventRecord? known, ExternalKey key, string bookingId, StepOutcome outcome, Instant now)
    {
        var record = known ?? new ExternalEventRecord { Channel = key.Channel, EventId = key.Id };
        record.ContentHash = key.ContentHash;
        record.BookingId = bookingId;
        record.Result = outcome.Accepted ? ExternalEventRecord.Imported : ExternalEventRecord.Refused;
        record.RefusalCode = outcome.Refusal is { } r ? Codes.Of(r.Code) : null;
        record.RecordedAt = now;
        if (known is null)
        {
            changes.NewKeys.Add(record);
            keys[(key.Channel, key.Id)] = record;
        }
        else if (changedKeys.Add(record) && !changes.NewKeys.Contains(record))
        {
            changes.ChangedKeys.Add(record);
        }
    }

    private void KeepOpenBounded()
    {
        if (_open.Count <= MaxOpen)
        {
            return;
        }

        foreach (var ended in _open.Where(o => Codes.TryParse<CustodyStatus>(o.Value.Row.Custody, out var c) && c.HasEnded()).Select(o => o.Key).ToList())
        {
            _open.Remove(ended);
        }

        if (_open.Count > MaxOpen / 2)
        {
            _open.Clear();
        }
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
        var before = AlertCauses.Of(loaded.Booking);
        Project(loaded.Booking, loaded.State, null);
        loaded.Booking.Version++;
        // The alerts and the row's new projection are stored together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await RaiseAsync(loaded.TimeAlerts, loaded.Now, ct);
        await db.SaveChangesAsync(ct);
        if (before != AlertCauses.Of(loaded.Booking))
        {
            await AlertLifecycle.ClearStaleAsync(db, loaded.Booking, loaded.Now, ct);
        }

        await transaction.CommitAsync(ct);
        return loaded.TimeAlerts;
    }

    /// <summary>
    /// Projects bookings again from their stored events, as of their last event (the deadline monitor then lets time
    /// pass and raises what is due): those whose custody has not ended, or all of them. Used after a migration that
    /// adds to the projection, so an upgraded database shows, e.g., the duties to tell ICE or the milestones the
    /// statistics count that its history implies.
    /// </summary>
    public static async Task<int> ReprojectBookingsAsync(LiaisonDbContext db, bool openOnly, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!await db.AgencySettings.AnyAsync(ct))
        {
            return 0; // a new database: nothing to project
        }

        var world = await CustodyWorld.LoadAsync(db, ct);
        var open = CustodyStates.HeldCodes;
        var done = 0;
        var after = "";
        while (true)
        {
            // Keyset pages in short transactions, so a large jail upgrades without holding the database.
            var page = await db.Bookings.Where(b => (!openOnly || open.Contains(b.Custody)) && string.Compare(b.Id, after) > 0)
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
                    ProjectConsular(row, StoredHistory.Consular(row, events[row.Id]));
                    ProjectNotices(row, StoredHistory.Notices([.. events[row.Id]], world.Notices));
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
    /// Replays a booking's accepted events in order, with their corrections applied. The stored record, not today's
    /// rules for who may act, decides.
    /// </summary>
    public static CustodyEngine Rebuild(CustodyWorld world, IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(events);
        var engine = world.CreateEngine();
        foreach (var (step, deadline) in StoredHistory.Effective(events))
        {
            engine.Replay(step, deadline);
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

        row.AwaitingScreening = state.AwaitingScreening && row.ScreeningOutcome is null; // an outcome on record ends it too
        ProjectMilestones(row, state.Milestones);
    }

    private static void ProjectMilestones(BookingRecord row, BookingMilestones m)
    {
        row.Model = m.Model is { } model ? Codes.Of(model) : null;
        (row.ScreenedAt, row.DhsMatchAt, row.InterviewedAt) = (m.ScreenedAt, m.DhsMatchAt, m.InterviewedAt);
        (row.DetainerLodgedAt, row.DetainerServedAt, row.WarrantServedAt) = (m.DetainerLodgedAt, m.DetainerServedAt, m.WarrantServedAt);
        (row.NotificationRequestedAt, row.LiftedAt, row.LiftReason, row.HoldExpiredAt) = (m.NotificationRequestedAt, m.LiftedAt, m.LiftReason, m.HoldExpiredAt);
        (row.ReleasedAt, row.TransferredAt, row.TransferHonouredHold) = (m.ReleasedAt, m.TransferredAt, m.TransferHonouredHold);
        (row.CitizenshipClaimedAt, row.CitizenshipResolvedAt) = (m.CitizenshipClaimedAt, m.CitizenshipResolvedAt);
        row.CitizenshipFinding = m.CitizenshipFinding is { } finding ? Codes.Of(finding) : null;
        (row.OverDetentionFrom, row.FirstDutyDue) = (m.OverDetentionFrom, m.FirstDutyDue);
        (row.DutiesInTime, row.DutiesLate, row.DutiesNeverTold, row.DutyLateSeconds) = (m.DutiesInTime, m.DutiesLate, m.DutiesNeverTold, m.DutyLateSeconds);
    }

    /// <summary>
    /// Projects the consular record: the nearest open due the deadline monitor watches, and for the statistics each
    /// duty's deadline and when it was met.
    /// </summary>
    public static void ProjectConsular(BookingRecord row, ConsularDuty duty)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(duty);
        (row.ConsularDue, row.ConsularNotifiedAt) = (duty.NextDue, duty.NotifiedAt);
        (row.ConsularAdvisalDeadline, row.ConsularAdvisedAt, row.ConsularNoticeDeadline) = (duty.AdvisalDeadline, duty.AdvisedAt, duty.NoticeDeadline);
    }

    /// <summary>
    /// Projects the person's notices by outcome, for the statistics. After the custody projection: when custody ended
    /// decides whether a notice not given counts as never given.
    /// </summary>
    public static void ProjectNotices(BookingRecord row, IEnumerable<NoticeTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(row);
        var o = NoticeOutcomes.Of(tasks, row.ReleasedAt ?? row.TransferredAt);
        (row.NoticesFirstDue, row.NoticesInTime, row.NoticesLate, row.NoticesNeverGiven) = (o.FirstDue, o.InTime, o.Late, o.NeverGiven);
    }

    private void Store(CustodyChanges changes, BookingRecord row, Submission submission, StepOutcome outcome)
    {
        var (step, actingAs) = (submission.Step, submission.ActingAs);
        var sequence = row.EventCount + 1;
        var stored = EventOf(row.Id, sequence, step, outcome, actingAs);
        changes.Events.Add(stored);
        changes.Audit.Add(audit.Entry(outcome.Accepted ? Audit.AuditLog.CustodyStep : Audit.AuditLog.CustodyRefused, "booking", row.Id,
            outcome.Refusal is { } r ? $"{Codes.Of(r.Code)}: {stored.StepJson}" : stored.StepJson, actingAs.UserName ?? actingAs.Actor,
            submission.IsHistory ? step.At : null));
        row.EventCount = sequence;
        row.Version++;
        if (outcome.Booking is { } state)
        {
            Project(row, state, outcome.Accepted ? step : null);
        }

        // Raised when the engine's time reached them: at the step that passed their instant.
        changes.Alerts.AddRange(outcome.Alerts.Select(a => new AlertRecord { BookingId = a.BookingId, Kind = Codes.Of(a.Kind), DueAt = a.At, RaisedAt = step.At }));
    }

    /// <summary>Records alerts once each: a second raise of the same booking, kind and instant is a no-op.</summary>
    private async Task RaiseAsync(IEnumerable<Alert> alerts, Instant now, CancellationToken ct)
    {
        foreach (var alert in alerts)
        {
            if (!await AlertLifecycle.IsOpenAsync(db, alert.BookingId, Codes.Of(alert.Kind), ct))
            {
                await RaiseOnceAsync(alert.BookingId, Codes.Of(alert.Kind), alert.At, now, ct);
            }
        }
    }

    /// <summary>
    /// Stores an alert unless one of the same booking, kind and due instant exists: one statement that the unique index
    /// settles (INSERT ... ON CONFLICT DO NOTHING), so two instances raising it at the same moment store it once and
    /// neither fails. In the caller's transaction when it has one, at once otherwise. True if this call stored it.
    /// </summary>
    public async Task<bool> RaiseOnceAsync(string bookingId, string kind, Instant dueAt, Instant now, CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var insert = RowCommand.Insert<AlertRecord>(db, ignoreDuplicates: true);
            return await insert.ExecuteAsync(new AlertRecord { BookingId = bookingId, Kind = kind, DueAt = dueAt, RaisedAt = now }, null, ct) == 1;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
