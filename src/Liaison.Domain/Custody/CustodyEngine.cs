using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// The custody rules of docs/custody-rules.md, in one place. Steps are applied in order; an act that
/// breaks a rule is refused with a <see cref="RefusalCode"/> and changes nothing; a fact is recorded and
/// its consequences (deadlines, over-detention, alerts) follow. Holds no clock: time is what the steps say.
/// </summary>
public sealed class CustodyEngine
{
    private readonly Dictionary<string, BookingState> _bookings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Officer> _officers = new(StringComparer.Ordinal);
    private readonly List<Agreement> _agreements;

    // Holds are few at any moment but must expire to the minute: a queue keyed by deadline, checked
    // lazily (an entry whose booking no longer holds that deadline is stale and skipped).
    private readonly PriorityQueue<BookingState, Instant> _deadlines = new();

    // Duties to tell ICE (rule 14), the same way: keyed by due instant then creation order, stale entries
    // (discharged or ended duties) skipped when they reach the front.
    private readonly PriorityQueue<IceDuty, (Instant Due, long Sequence)> _duties = new();
    private long _dutySequence;

    // A hold deadline fixed by the stored record of the step being replayed (see Replay).
    private Instant? _storedDeadline;

    public CustodyEngine(JurisdictionHistory jurisdictions, IEnumerable<Agreement> agreements, IEnumerable<Officer> officers)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        ArgumentNullException.ThrowIfNull(officers);
        Jurisdictions = jurisdictions;
        _agreements = [.. agreements];
        foreach (var officer in officers)
        {
            if (ActorPermissions.IsSystemActor(officer.Id) || !_officers.TryAdd(officer.Id, officer))
            {
                throw new ArgumentException($"Officer id \"{officer.Id}\" is used twice or is a system actor.", nameof(officers));
            }

            if (!Officer.IsOfficerKind(officer.Kind))
            {
                throw new ArgumentException($"Officer \"{officer.Id}\" must be a designated, ICE or supervisory officer.", nameof(officers));
            }
        }
    }

    /// <summary>The facility's settings over time; each step is judged by the version in effect at its instant.</summary>
    public JurisdictionHistory Jurisdictions { get; }

    /// <summary>The settings in effect now (the latest version).</summary>
    public Jurisdiction Jurisdiction => Jurisdictions.Current;

    /// <summary>The instant of the last step that moved time; null before the first step.</summary>
    public Instant? Now { get; private set; }

    public int BookingCount => _bookings.Count;

    public BookingSnapshot? Booking(string bookingId) =>
        Now is { } now && _bookings.TryGetValue(bookingId, out var b) ? b.SnapshotAt(now) : null;

    /// <summary>Applies one step: deadlines that fell due first (time has moved), then the step's own checks and effects.</summary>
    public StepOutcome Apply(CustodyStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (Now is { } previous && step.At < previous)
        {
            var reason = $"This step is dated {step.At}, before the previous step at {previous}; steps must be recorded in the order they happened.";
            return Outcome(step, new Refusal(RefusalCode.TimeWentBackwards, reason), previous, []);
        }

        Now = step.At;
        var alerts = new List<Alert>();
        PassTimeTo(step.At, alerts);

        var refusal = Check(step, out var booking, out var actorKind);
        if (refusal is null)
        {
            Execute(step, booking, actorKind, alerts);
        }

        return Outcome(step, refusal, step.At, alerts);
    }

    /// <summary>
    /// Re-applies a step that was accepted when it happened (rebuilding a booking from its stored events).
    /// Who acted, under which agreement and certification, was judged then, with the records of then, and
    /// is not judged again; every other rule is. A refusal here means the stored record is inconsistent.
    /// When the step started a hold, <paramref name="holdDeadline"/> is the deadline stored with it: the
    /// replayed hold keeps that deadline, whatever the settings or the time-zone rules say today.
    /// </summary>
    public StepOutcome Replay(CustodyStep step, Instant? holdDeadline = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        _storedDeadline = holdDeadline;
        try
        {
            return ReplayStep(step);
        }
        finally
        {
            _storedDeadline = null;
        }
    }

    private StepOutcome ReplayStep(CustodyStep step)
    {
        if (Now is { } previous && step.At < previous)
        {
            throw new InvalidOperationException($"Stored events are out of order: {step.At} after {previous}.");
        }

        Now = step.At;
        var alerts = new List<Alert>();
        PassTimeTo(step.At, alerts);
        BookingState booking = null!;
        RefusalCode? refused = null;
        var actorKind = step is Tick ? (ActorKind?)null : KindOf(step.Actor!)
            ?? throw new InvalidOperationException($"A stored {Codes.Of(step.Action)} step names an actor the agency does not know.");
        if (step is Book)
        {
            refused = _bookings.ContainsKey(step.BookingId!) ? RefusalCode.DuplicateBooking : null;
        }
        else if (step.BookingId is { } id)
        {
            refused = !_bookings.TryGetValue(id, out booking!)
                ? RefusalCode.UnknownBooking
                : (CheckClosed(step, booking) ?? CheckTransition(step, booking))?.Code;
        }

        if (refused is { } code)
        {
            throw new InvalidOperationException($"A stored {Codes.Of(step.Action)} step no longer applies: {Codes.Of(code)}.");
        }

        Execute(step, booking!, actorKind, alerts);
        return Outcome(step, null, step.At, alerts);
    }

    /// <summary>
    /// Would <paramref name="step"/> be refused, and why? Changes nothing and lets no deadline pass: apply a
    /// <see cref="Tick"/> to the step's instant first. Pages use it to show which acts a user may take now.
    /// </summary>
    public Refusal? Probe(CustodyStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Now is { } previous && step.At < previous
            ? Refuse(RefusalCode.TimeWentBackwards, $"The step is dated before {previous}.")
            : Check(step, out _, out _);
    }

    private StepOutcome Outcome(CustodyStep step, Refusal? refusal, Instant now, List<Alert> alerts)
    {
        var snapshot = step.BookingId is { } id && _bookings.TryGetValue(id, out var b) ? b.SnapshotAt(now) : null;
        if (alerts.Count > 1)
        {
            // Booking-id order, then the order raised (OrderBy is stable).
            alerts = [.. alerts.OrderBy(a => a.BookingId, StringComparer.Ordinal)];
        }

        return new StepOutcome(step, refusal, snapshot, alerts);
    }

    // ---- Rules 6 and 14: deadlines -----------------------------------------------------------------

    /// <summary>Time has moved to <paramref name="now"/>: holds that ended expire, then duties that fell due are alerted.</summary>
    private void PassTimeTo(Instant now, List<Alert> alerts)
    {
        ExpireHoldsDueBy(now, alerts);
        RaiseOverdueDuties(now, alerts);
    }

    /// <summary>Rule 14: an open duty whose due instant has come is alerted once; it stays open until discharged.</summary>
    private void RaiseOverdueDuties(Instant now, List<Alert> alerts)
    {
        while (_duties.TryPeek(out var duty, out var key) && key.Due <= now)
        {
            _duties.Dequeue();
            if (!duty.IsOpen)
            {
                continue;
            }

            duty.Overdue = true;
            alerts.Add(new Alert(duty.Booking.Details.Id, AlertKind.IceNoticeOverdue, duty.Due));
        }
    }

    private void ExpireHoldsDueBy(Instant now, List<Alert> alerts)
    {
        while (_deadlines.TryPeek(out var booking, out var deadline) && deadline <= now)
        {
            _deadlines.Dequeue();
            if (booking.Custody != CustodyStatus.HeldForIce || booking.HoldDeadline != deadline)
            {
                continue;
            }

            booking.Custody = CustodyStatus.ReleaseRequired;
            booking.HoldDeadline = null;
            booking.StartOverDetention(deadline); // from the deadline itself, not the step that noticed it
            booking.Milestones = booking.Milestones with { HoldExpiredAt = booking.Milestones.HoldExpiredAt ?? deadline };
            alerts.Add(new Alert(booking.Details.Id, AlertKind.HoldExpired, deadline));
        }
    }

    // ---- Checks, in the contract's precedence order -----------------------------------------------

    private ActorKind? KindOf(string actorId) =>
        ActorPermissions.SystemActor(actorId) ?? (_officers.TryGetValue(actorId, out var officer) ? officer.Kind : null);

    private Refusal? Check(CustodyStep step, out BookingState booking, out ActorKind? kind)
    {
        booking = null!;
        kind = null;
        if (step is Tick)
        {
            return null;
        }

        var actorId = step.Actor!; // only a tick has no actor
        if (KindOf(actorId) is not { } actorKind)
        {
            return Refuse(RefusalCode.UnknownActor, $"\"{actorId}\" is not a known officer or system.");
        }

        kind = actorKind;
        if (_officers.TryGetValue(actorId, out var known) && !known.Active)
        {
            return Refuse(RefusalCode.NotAuthorized, $"Officer {actorId} has been deactivated by the agency and may take no new step.");
        }

        var officer = actorKind == ActorKind.DesignatedOfficer ? known : null;

        if (!actorKind.May(step.Action))
        {
            return Refuse(RefusalCode.NotAuthorized, $"{Describe(actorKind)} may not {Describe(step.Action)}.");
        }

        var bookingId = step.BookingId!;
        var exists = _bookings.TryGetValue(bookingId, out var found);
        if (step is Book)
        {
            return exists ? Refuse(RefusalCode.DuplicateBooking, $"Booking {bookingId} already exists.") : null;
        }

        if (!exists)
        {
            return Refuse(RefusalCode.UnknownBooking, $"There is no booking {bookingId}.");
        }

        booking = found!;
        if (CheckClosed(step, booking) is { } closed)
        {
            return closed;
        }

        if (officer is not null && AgreementModels.NeedsAgreement(step.Action))
        {
            var refusal = CheckAgreementAndCertification(officer, step);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        return CheckTransition(step, booking);
    }

    private static Refusal? CheckClosed(CustodyStep step, BookingState booking)
    {
        if (booking.Custody.HasEnded())
        {
            return Refuse(RefusalCode.CaseClosed, booking.Custody == CustodyStatus.Released
                ? "The person has been released; the case is closed."
                : "ICE has taken custody; the case is closed.");
        }

        if (booking.Citizenship == CitizenshipStatus.UsCitizen
            && step.Action is not (CustodyAction.ReleaseScheduled or CustodyAction.ReleaseEligible or CustodyAction.Release))
        {
            return Refuse(RefusalCode.CaseClosed, "The person was found to be a US citizen; the immigration case is closed.");
        }

        return null;
    }

    /// <summary>A designated officer acts only under an agreement in effect and a certification of the same model, on the local date.</summary>
    private Refusal? CheckAgreementAndCertification(Officer officer, CustodyStep step)
    {
        var date = Jurisdictions.At(step.At).LocalDateOf(step.At);
        var models = AgreementModels.All.Where(m => m.Authorizes(step.Action)).ToList();
        var inEffect = models.Where(m => _agreements.Any(a => a.Model == m && a.IsInEffectOn(date))).ToList();
        if (inEffect.Count == 0)
        {
            return Refuse(RefusalCode.AgreementNotInEffect,
                $"No {ModelList(models)} agreement authorising a designated officer to {Describe(step.Action)} is in effect on {date:uuuu-MM-dd}.");
        }

        if (!inEffect.Any(m => officer.IsCertifiedOn(m, date)))
        {
            return Refuse(RefusalCode.OfficerNotCertified,
                $"Officer {officer.Id} holds no {ModelList(inEffect)} certification valid on {date:uuuu-MM-dd}.");
        }

        return null;
    }

    private Refusal? CheckTransition(CustodyStep step, BookingState b)
    {
        var reviewOpen = b.Citizenship == CitizenshipStatus.UnderReview;
        switch (step)
        {
            case ReleaseEligible when b.EligibleAt is not null:
                return Refuse(RefusalCode.InvalidTransition, "Release eligibility was already recorded for this booking.");

            case LodgeDetainer lodge:
                if (b.HoldAuthority is not (HoldAuthority.None or HoldAuthority.Lifted))
                {
                    return Refuse(RefusalCode.InvalidTransition, $"A detainer or warrant is already active ({Describe(b.HoldAuthority)}).");
                }

                if (reviewOpen)
                {
                    return CitizenshipUnresolved();
                }

                if (lodge.Form.IsNotificationOnly())
                {
                    return Refuse(RefusalCode.NotificationOnlyRequest,
                        $"An {Codes.Of(lodge.Form)} asks only to be told before the person's release; it is not a detainer and holds no one. Record it as a notification request.");
                }

                if (lodge.Bases.Effective(b.BiometricMatchRecorded).IsEmpty)
                {
                    return Refuse(RefusalCode.MissingProbableCause, lodge.Bases.Contains(ProbableCauseBasis.BiometricAndRecords)
                        ? "Biometric grounds need a DHS biometric match recorded for this booking; foreign birth and a database miss are not probable cause."
                        : "A detainer needs at least one probable-cause basis.");
                }

                return CheckWarrant(lodge.Warrant);

            case ServeDetainer:
                if (b.HoldAuthority != HoldAuthority.DetainerLodged)
                {
                    return Refuse(RefusalCode.InvalidTransition, $"Only a lodged detainer can be served; this booking has {Describe(b.HoldAuthority)}.");
                }

                return reviewOpen ? CitizenshipUnresolved() : null;

            case ServeWarrant serve:
                if (b.HoldAuthority == HoldAuthority.WarrantServed)
                {
                    return Refuse(RefusalCode.InvalidTransition, "A warrant has already been served on this booking.");
                }

                return reviewOpen ? CitizenshipUnresolved() : CheckWarrant(serve.Warrant);

            case LiftDetainer when !b.HoldAuthority.IsActive():
                return Refuse(RefusalCode.InvalidTransition, $"There is no active detainer or warrant to lift ({Describe(b.HoldAuthority)}).");

            case AssumeCustody:
                if (!b.HoldAuthority.AllowsHolding())
                {
                    return Refuse(RefusalCode.InvalidTransition, $"ICE can take custody only on a served detainer or warrant; this booking has {Describe(b.HoldAuthority)}.");
                }

                return reviewOpen ? CitizenshipUnresolved() : null;

            case RequestNotification request when request.Form is not { } form || !form.IsNotificationOnly():
                return Refuse(RefusalCode.InvalidTransition, request.Form is { } other
                    ? $"An {Codes.Of(other)} is a detainer, not a notification request: lodge it as a detainer."
                    : "State which form ICE sent: I-247G or I-247N.");

            case NotifyIce { About: null }:
                return Refuse(RefusalCode.InvalidTransition, "State what ICE was told about: the detainer or the citizenship claim.");

            case NotifyIce notify when !b.Duties.Exists(d => d.About == notify.About):
                return Refuse(RefusalCode.InvalidTransition, notify.About == IceDutyKind.Detainer
                    ? "No duty to tell ICE of a detainer is open for this booking."
                    : "No duty to tell ICE of a citizenship claim is open for this booking.");

            case ResolveCitizenship resolve:
                if (!reviewOpen)
                {
                    return Refuse(RefusalCode.InvalidTransition, "There is no open citizenship claim to resolve.");
                }

                if (string.IsNullOrWhiteSpace(resolve.Evidence) || resolve.Finding is null)
                {
                    return Refuse(RefusalCode.MissingEvidence, resolve.Finding is null
                        ? "A resolution must state its finding and the evidence for it."
                        : "A citizenship finding must cite the evidence it rests on.");
                }

                return null;

            default:
                return null;
        }
    }

    private Refusal? CheckWarrant(Warrant? warrant)
    {
        if (warrant?.Form is null)
        {
            return Refuse(RefusalCode.MissingWarrant, "A signed I-200 or I-205 warrant is required.");
        }

        var signer = warrant.SignedBy is { } id && _officers.TryGetValue(id, out var o) ? o : null;
        if (signer is null || !signer.Kind.MaySignWarrants())
        {
            return Refuse(RefusalCode.WarrantNotSignedBySupervisor,
                $"Warrant {warrant.Number} must be signed by an ICE supervisory officer{(warrant.SignedBy is null ? "" : $", not \"{warrant.SignedBy}\"")}.");
        }

        return null;
    }

    private static Refusal CitizenshipUnresolved() => Refuse(RefusalCode.CitizenshipClaimUnresolved,
        "A claim of US citizenship is open: nothing may proceed on the immigration side until an ICE supervisor resolves it.");

    private static Refusal Refuse(RefusalCode code, string reason) => new(code, reason);

    // ---- Effects of accepted steps ----------------------------------------------------------------

    private void Execute(CustodyStep step, BookingState b, ActorKind? actor, List<Alert> alerts)
    {
        var at = step.At;
        switch (step)
        {
            case Tick:
                break;
            case Book book:
                b = new BookingState(book.Details)
                {
                    Milestones = BookingMilestones.None with { Model = ModelInEffect(Jurisdictions.At(at).LocalDateOf(at), CustodyAction.Book) },
                };
                _bookings.Add(book.Details.Id, b);
                break;
            case BiometricResponse response:
                if (response.Result == BiometricResult.Match)
                {
                    b.BiometricMatchRecorded = true;
                }

                if (response.RecordStatus == RecordStatus.UsCitizen)
                {
                    OpenCitizenshipReview(b, at, actor, alerts);
                }

                break;
            case Interview interview:
                if (interview.Claims == InterviewClaim.UsCitizen)
                {
                    OpenCitizenshipReview(b, at, actor, alerts);
                }

                break;
            case ClaimCitizenship:
                OpenCitizenshipReview(b, at, actor, alerts);
                break;
            case LodgeDetainer:
                b.HoldAuthority = HoldAuthority.DetainerLodged;
                if (actor == ActorKind.DesignatedOfficer)
                {
                    OpenDuty(b, IceDutyKind.Detainer, at);
                }

                break;
            case RequestNotification:
                b.NotificationRequested = true;
                break;
            case NotifyIce { About: { } about }:
                b.DischargeEarliest(about, at);
                break;
            case ServeDetainer:
                b.HoldAuthority = HoldAuthority.DetainerServed;
                StartLateHoldIfStillLawful(b, at);
                break;
            case ServeWarrant:
                b.HoldAuthority = HoldAuthority.WarrantServed;
                StartLateHoldIfStillLawful(b, at);
                break;
            case ReleaseScheduled:
                NotifyIceIfDetained(b, at, alerts);
                break;
            case ReleaseEligible:
                NotifyIceIfDetained(b, at, alerts);
                b.EligibleAt = at;
                b.Custody = CustodyStatus.ReleaseRequired;
                StartHoldIfLawful(b, at);
                break;
            case Release:
                EndCustody(b, CustodyStatus.Released, at);
                break;
            case AssumeCustody:
                EndCustody(b, CustodyStatus.TransferredToIce, at);
                break;
            case LiftDetainer lift:
                b.Milestones = b.Milestones with { LiftedAt = at, LiftReason = LiftReasons.CodeOf(lift.Reason) };
                b.HoldAuthority = HoldAuthority.Lifted;
                EndHold(b, at);
                break;
            case ResolveCitizenship { Finding: CitizenshipFinding.UsCitizen }:
                b.Citizenship = CitizenshipStatus.UsCitizen;
                b.EndDuties(at, IceDutyKind.CitizenshipClaim);
                if (b.HoldAuthority.IsActive())
                {
                    b.Milestones = b.Milestones with { LiftedAt = at, LiftReason = LiftReasons.UsCitizen };
                }

                if (b.HoldAuthority != HoldAuthority.None)
                {
                    b.HoldAuthority = HoldAuthority.Lifted;
                }

                break;
            case ResolveCitizenship:
                b.Citizenship = CitizenshipStatus.NotUsCitizen;
                b.EndDuties(at, IceDutyKind.CitizenshipClaim);
                StartLateHoldIfStillLawful(b, at);
                break;
            default:
                throw new InvalidOperationException($"No effect defined for {step.GetType().Name}.");
        }

        // Screening ends once an officer has acted on the person, or they are no longer simply in jail
        // (released, handed over, due for release) or were found a citizen. It never starts again.
        if (b is not null && (step is Interview or LodgeDetainer or ServeWarrant
            || b.Custody != CustodyStatus.InJail || b.Citizenship == CitizenshipStatus.UsCitizen))
        {
            b.ScreeningEnded = true;
        }

        if (b is not null)
        {
            NoteMilestones(step, b, actor);
        }
    }

    /// <summary>Keeps the firsts the statistics count (the effects themselves are above).</summary>
    private void NoteMilestones(CustodyStep step, BookingState b, ActorKind? actor)
    {
        var (m, at) = (b.Milestones, step.At);
        if (actor == ActorKind.DesignatedOfficer && !b.ModelFromOfficerAct && AgreementModels.NeedsAgreement(step.Action)
            && _officers.TryGetValue(step.Actor!, out var officer))
        {
            var date = Jurisdictions.At(at).LocalDateOf(at);
            if (ModelInEffect(date, step.Action, officer) is { } model)
            {
                m = m with { Model = model };
                b.ModelFromOfficerAct = true;
            }
        }

        b.Milestones = step switch
        {
            BiometricResponse r => m with
            {
                ScreenedAt = m.ScreenedAt ?? at,
                DhsMatchAt = r.Result == BiometricResult.Match ? m.DhsMatchAt ?? at : m.DhsMatchAt,
            },
            Interview => m with { ScreenedAt = m.ScreenedAt ?? at, InterviewedAt = m.InterviewedAt ?? at },
            LodgeDetainer => m with { ScreenedAt = m.ScreenedAt ?? at, DetainerLodgedAt = m.DetainerLodgedAt ?? at },
            ServeDetainer => m with { DetainerServedAt = m.DetainerServedAt ?? at },
            ServeWarrant => m with { ScreenedAt = m.ScreenedAt ?? at, WarrantServedAt = m.WarrantServedAt ?? at },
            RequestNotification => m with { NotificationRequestedAt = m.NotificationRequestedAt ?? at },
            ResolveCitizenship r when m.CitizenshipClaimedAt is not null => m with { CitizenshipResolvedAt = at, CitizenshipFinding = r.Finding },
            _ => m,
        };
    }

    /// <summary>
    /// The first model (JEM before WSO) whose agreement is in effect on <paramref name="date"/> and authorises
    /// <paramref name="action"/> (any model for a booking), and in which <paramref name="officer"/>, if given, is certified.
    /// </summary>
    private AgreementModel? ModelInEffect(LocalDate date, CustodyAction action, Officer? officer = null) =>
        AgreementModels.All
            .Where(m => m != AgreementModel.Tfm && (action == CustodyAction.Book || m.Authorizes(action)))
            .Where(m => _agreements.Any(a => a.Model == m && a.IsInEffectOn(date)) && (officer is null || officer.IsCertifiedOn(m, date)))
            .Select(m => (AgreementModel?)m)
            .FirstOrDefault();

    /// <summary>
    /// Rule 9: a claim opens a review, and a person held for ICE must be released at once. Rule 14: ICE must
    /// hear of it within the hour, unless ICE or DHS is who recorded it.
    /// </summary>
    private void OpenCitizenshipReview(BookingState b, Instant at, ActorKind? actor, List<Alert> alerts)
    {
        if (b.Citizenship == CitizenshipStatus.UnderReview)
        {
            return; // the claim is already being reviewed
        }

        b.Citizenship = CitizenshipStatus.UnderReview;
        b.Milestones = b.Milestones with { CitizenshipClaimedAt = b.Milestones.CitizenshipClaimedAt ?? at };
        alerts.Add(new Alert(b.Details.Id, AlertKind.CitizenshipReviewRequired, at));
        EndHold(b, at);
        if (actor is ActorKind.Subject or ActorKind.DesignatedOfficer)
        {
            OpenDuty(b, IceDutyKind.CitizenshipClaim, at);
        }
    }

    /// <summary>Rule 14: a duty to tell ICE, due a fixed elapsed time after <paramref name="at"/>.</summary>
    private void OpenDuty(BookingState b, IceDutyKind about, Instant at)
    {
        var duty = new IceDuty(b, about, at, ++_dutySequence);
        b.Duties.Add(duty);
        b.Milestones = b.Milestones with { FirstDutyDue = b.Milestones.FirstDutyDue ?? duty.Due };
        _duties.Enqueue(duty, (duty.Due, duty.Sequence));
    }

    /// <summary>Rule 12: a detainer or warrant is active, or ICE asked to be told (rule 13).</summary>
    private static void NotifyIceIfDetained(BookingState b, Instant at, List<Alert> alerts)
    {
        if (b.HoldAuthority.IsActive() || b.NotificationRequested)
        {
            alerts.Add(new Alert(b.Details.Id, AlertKind.NotifyIceOfRelease, at));
        }
    }

    /// <summary>Rule 3: the hold window opens when the person would otherwise go free, if a hold is lawful at all.</summary>
    private void StartHoldIfLawful(BookingState b, Instant at)
    {
        if (!b.HoldAuthority.AllowsHolding() || b.Citizenship == CitizenshipStatus.UnderReview || b.EligibleAt is not { } eligibleAt)
        {
            return;
        }

        // The window is fixed now, under the settings in effect now (or as the stored record fixed it).
        if (Jurisdictions.At(at).HoldWindowFrom(eligibleAt) is { } window
            && new HoldWindow(window.Start, _storedDeadline ?? window.End) is var fixedWindow && fixedWindow.IsOpenAt(at))
        {
            b.Custody = CustodyStatus.HeldForIce;
            b.HoldDeadline = fixedWindow.End;
            b.OverDetention.Stop(at); // a hold rightly started again
            _deadlines.Enqueue(b, fixedWindow.End);
        }
    }

    /// <summary>Rule 5: authority that arrives while the person is still waiting to be released; the window still dates from eligibility.</summary>
    private void StartLateHoldIfStillLawful(BookingState b, Instant at)
    {
        if (b.Custody == CustodyStatus.ReleaseRequired)
        {
            StartHoldIfLawful(b, at);
        }
    }

    /// <summary>A hold that had to end (lift, citizenship claim): the person must go, and late minutes count from now.</summary>
    private static void EndHold(BookingState b, Instant at)
    {
        if (b.Custody == CustodyStatus.HeldForIce)
        {
            b.Custody = CustodyStatus.ReleaseRequired;
            b.HoldDeadline = null;
            b.StartOverDetention(at);
        }
    }

    private static void EndCustody(BookingState b, CustodyStatus end, Instant at)
    {
        b.Milestones = end == CustodyStatus.TransferredToIce
            ? b.Milestones with { TransferredAt = at, TransferHonouredHold = b.HoldAuthority.IsActive() }
            : b.Milestones with { ReleasedAt = at };
        b.Custody = end;
        b.HoldDeadline = null;
        b.OverDetention.Stop(at);
        b.EndDuties(at); // rule 14: duties end with custody
    }

    // ---- Plain words for refusals -------------------------------------------------------------------

    private static string ModelList(IEnumerable<AgreementModel> models) =>
        string.Join(" or ", models.Select(m => m.ToString().ToUpperInvariant()));

    private static string Describe(ActorKind kind) => kind switch
    {
        ActorKind.Jms => "The jail management system",
        ActorKind.Dhs => "DHS",
        ActorKind.Subject => "The person in custody",
        ActorKind.DesignatedOfficer => "A designated officer",
        ActorKind.IceOfficer => "An ICE officer",
        ActorKind.IceSupervisor => "An ICE supervisor",
    };

    private static string Describe(CustodyAction action) => action switch
    {
        CustodyAction.Book => "book a person",
        CustodyAction.ReleaseScheduled => "schedule a release",
        CustodyAction.ReleaseEligible => "record release eligibility",
        CustodyAction.Release => "release a person",
        CustodyAction.BiometricResponse => "record a biometric response",
        CustodyAction.ClaimCitizenship => "record a citizenship claim",
        CustodyAction.Interview => "interview",
        CustodyAction.LodgeDetainer => "lodge a detainer",
        CustodyAction.ServeDetainer => "serve a detainer",
        CustodyAction.ServeWarrant => "serve a warrant",
        CustodyAction.LiftDetainer => "lift a detainer",
        CustodyAction.AssumeCustody => "take custody for ICE",
        CustodyAction.ResolveCitizenship => "resolve a citizenship claim",
        CustodyAction.RequestNotification => "record a request for notification of release",
        CustodyAction.NotifyIce => "record that ICE was told",
        CustodyAction.Tick => "let time pass",
    };

    private static string Describe(HoldAuthority authority) => authority switch
    {
        HoldAuthority.None => "no detainer or warrant",
        HoldAuthority.DetainerLodged => "a lodged detainer",
        HoldAuthority.DetainerServed => "a served detainer",
        HoldAuthority.WarrantServed => "a served warrant",
        HoldAuthority.Lifted => "a lifted detainer",
    };
}
