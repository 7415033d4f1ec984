using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using NodaTime;

namespace Liaison.Domain.Custody;

/// <summary>
/// The engine's working state for one booking. Only <see cref="CustodyEngine"/> changes it, and only
/// after every check of a step has passed, so a refused step changes nothing.
/// </summary>
internal sealed class BookingState(BookingDetails details)
{
    public BookingDetails Details { get; } = details;

    public CustodyStatus Custody { get; set; } = CustodyStatus.InJail;

    public HoldAuthority HoldAuthority { get; set; } = HoldAuthority.None;

    public CitizenshipStatus Citizenship { get; set; } = CitizenshipStatus.None;

    /// <summary>Set once, by release-eligible: the instant the person would otherwise have gone free.</summary>
    public Instant? EligibleAt { get; set; }

    public Instant? HoldDeadline { get; set; }

    public bool BiometricMatchRecorded { get; set; }

    /// <summary>ICE asked (I-247G or I-247N) to be told before the person's release (rule 13).</summary>
    public bool NotificationRequested { get; set; }

    /// <summary>Open duties to tell ICE, in creation order (rule 14).</summary>
    public List<IceDuty> Duties { get; } = [];

    public OverDetentionMeter OverDetention { get; } = new();

    /// <summary>A designated officer's screening is no longer due (see the end of <c>CustodyEngine.Execute</c>).</summary>
    public bool ScreeningEnded { get; set; }

    /// <summary>What the statistics count (see <see cref="BookingMilestones"/>).</summary>
    public BookingMilestones Milestones { get; set; } = BookingMilestones.None;

    /// <summary>The model in <see cref="Milestones"/> came from a designated officer's act and no longer follows the booking date.</summary>
    public bool ModelFromOfficerAct { get; set; }

    public BookingSnapshot SnapshotAt(Instant now) =>
        new(Details.Id, Custody, HoldAuthority, Citizenship, HoldDeadline, OverDetention.TotalAt(now))
        {
            AsOf = now,
            EligibleAt = EligibleAt,
            OverDetentionSince = OverDetention.RunningSince,
            NotificationRequested = NotificationRequested,
            AwaitingScreening = !ScreeningEnded,
            Duties = DutiesSnapshot(),
            Milestones = Milestones,
        };

    private ValueList<OpenDuty> DutiesSnapshot() => Duties.Count switch
    {
        0 => BookingSnapshot.NoDuties,
        1 => new([Duties[0].Snapshot()]),
        _ => new([.. Duties.OrderBy(d => d.Due).ThenBy(d => d.Sequence).Select(d => d.Snapshot())]),
    };

    /// <summary>Rule 7: the person should have gone and has not; over-detention accrues from <paramref name="at"/>.</summary>
    public void StartOverDetention(Instant at)
    {
        OverDetention.Start(at);
        Milestones = Milestones.OverDetentionFrom is null ? Milestones with { OverDetentionFrom = at } : Milestones;
    }

    /// <summary>Rule 14: ICE was told; the open duty of that kind due first (then created first) is discharged.</summary>
    public void DischargeEarliest(IceDutyKind about, Instant at)
    {
        var duty = Duties.Where(d => d.About == about).MinBy(d => (d.Due, d.Sequence))!;
        duty.IsOpen = false;
        Duties.Remove(duty);
        Milestones = at <= duty.Due
            ? Milestones with { DutiesInTime = Milestones.DutiesInTime + 1 }
            : Milestones with { DutiesLate = Milestones.DutiesLate + 1, DutyLateSeconds = Milestones.DutyLateSeconds + SecondsPast(duty, at) };
    }

    /// <summary>Closes the open duties <paramref name="which"/> selects (all when null).</summary>
    public void EndDuties(Instant at, IceDutyKind? which = null)
    {
        for (var i = Duties.Count - 1; i >= 0; i--)
        {
            if (which is null || Duties[i].About == which)
            {
                var duty = Duties[i];
                duty.IsOpen = false;
                Duties.RemoveAt(i);
                if (at > duty.Due)
                {
                    // It fell due and ICE was never told: late for as long as it stayed open.
                    Milestones = Milestones with { DutiesNeverTold = Milestones.DutiesNeverTold + 1, DutyLateSeconds = Milestones.DutyLateSeconds + SecondsPast(duty, at) };
                }
            }
        }
    }

    private static long SecondsPast(IceDuty duty, Instant at) => (long)(at - duty.Due).TotalSeconds;
}

/// <summary>
/// Measures time a person was kept after an immigration hold had to end (rule 7): from that instant
/// until custody ends or a hold rightly starts again.
/// </summary>
internal sealed class OverDetentionMeter
{
    private Duration _closed = Duration.Zero;

    public Instant? RunningSince { get; private set; }

    public void Start(Instant at) => RunningSince ??= at;

    public void Stop(Instant at)
    {
        if (RunningSince is { } since)
        {
            _closed += at - since;
            RunningSince = null;
        }
    }

    public Duration TotalAt(Instant now) =>
        RunningSince is { } since && now > since ? _closed + (now - since) : _closed;
}

/// <summary>A booking's state as of one instant, as every entry point reports it.</summary>
public sealed record BookingSnapshot(
    string BookingId,
    CustodyStatus Custody,
    HoldAuthority HoldAuthority,
    CitizenshipStatus Citizenship,
    Instant? HoldDeadline,
    Duration OverDetention)
{
    /// <summary>The instant the person would otherwise have gone free, once the jail has said so.</summary>
    public Instant? EligibleAt { get; init; }

    /// <summary>While over-detention is still accruing: since when. The total keeps growing until custody ends.</summary>
    public Instant? OverDetentionSince { get; init; }

    // Most bookings never have a duty: one shared empty list keeps snapshots (one per step) cheap.
    internal static readonly ValueList<OpenDuty> NoDuties = new([]);

    /// <summary>ICE asked to be told before the person's release (an I-247G or I-247N is on file).</summary>
    public bool NotificationRequested { get; init; }

    /// <summary>
    /// The booking waits in the screening queue: no officer has interviewed the person, lodged a detainer or served
    /// a warrant, and they are still simply in jail.
    /// </summary>
    public bool AwaitingScreening { get; init; } = true;

    /// <summary>Open duties to tell ICE, earliest due first.</summary>
    public ValueList<OpenDuty> Duties { get; init; } = NoDuties;

    /// <summary>The instant by which the earliest open duty must be discharged; null when none is open.</summary>
    public Instant? NextDutyDue => Duties.Count == 0 ? null : Duties[0].Due;

    /// <summary>What the statistics count of this booking so far.</summary>
    public BookingMilestones Milestones { get; init; } = BookingMilestones.None;

    /// <summary>The instant this snapshot describes.</summary>
    public Instant AsOf { get; init; }

    /// <summary>Over-detention as of a later <paramref name="now"/>: it keeps accruing while <see cref="OverDetentionSince"/> is set.</summary>
    public Duration OverDetentionAt(Instant now) =>
        OverDetentionSince is not null && now > AsOf ? OverDetention + (now - AsOf) : OverDetention;

    /// <summary>Whole minutes of over-detention, rounded down.</summary>
    public long OverDetentionMinutes => OverDetention.BclCompatibleTicks / TimeSpan.TicksPerMinute;
}

/// <summary>What the engine did with one step: accepted or refused, the named booking afterwards, and the alerts raised.</summary>
public sealed record StepOutcome(CustodyStep Step, Refusal? Refusal, BookingSnapshot? Booking, IReadOnlyList<Alert> Alerts)
{
    public bool Accepted => Refusal is null;
}
