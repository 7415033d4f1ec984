using System.Text.Json;
using Liaison.Data.Bookings;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;

namespace Liaison.Data.Statistics;

/// <summary>
/// One change to what the statistics count of a booking, written in the same save as the change: the booking's
/// statistics columns as they were before (null for a new booking). The figures follow these instead of reading every
/// booking again (<see cref="StatisticsService.FiguresAsync"/>).
/// </summary>
public sealed class StatisticsChangeRecord
{
    public long Id { get; set; }

    public string BookingId { get; set; } = "";

    /// <summary><see cref="StatisticsRow"/> as JSON, before the change; null when the booking is new.</summary>
    public string? Before { get; set; }
}

/// <summary>
/// The columns of a booking the statistics read, as one value (instants as Unix ticks). Columns added later have
/// defaults, so a change logged before them still reads.
/// </summary>
public sealed record StatisticsRow(
    string PersonId, long BookedAt, string? BirthCountry, long? EligibleAt, long OverDetentionSeconds, string? Model,
    long? ScreenedAt, long? DhsMatchAt, long? InterviewedAt, long? DetainerLodgedAt, long? DetainerServedAt, long? WarrantServedAt,
    long? NotificationRequestedAt, long? LiftedAt, string? LiftReason, long? HoldExpiredAt, long? ReleasedAt, long? TransferredAt,
    bool TransferHonouredHold, long? CitizenshipClaimedAt, long? CitizenshipResolvedAt, string? CitizenshipFinding, long? OverDetentionFrom,
    long? FirstDutyDue, int DutiesInTime, int DutiesLate, int DutiesNeverTold, long DutyLateSeconds,
    long? ConsularAdvisalDeadline = null, long? ConsularAdvisedAt = null, long? ConsularNoticeDeadline = null, long? ConsularNotifiedAt = null,
    long? NoticesFirstDue = null, int NoticesInTime = 0, int NoticesLate = 0, int NoticesNeverGiven = 0)
{
    public static StatisticsRow Of(BookingRecord b)
    {
        ArgumentNullException.ThrowIfNull(b);
        static long? T(Instant? at) => at?.ToUnixTimeTicks();
        return new(b.PersonId, b.BookedAt.ToUnixTimeTicks(), b.BirthCountry, T(b.EligibleAt), b.OverDetentionSeconds, b.Model,
            T(b.ScreenedAt), T(b.DhsMatchAt), T(b.InterviewedAt), T(b.DetainerLodgedAt), T(b.DetainerServedAt), T(b.WarrantServedAt),
            T(b.NotificationRequestedAt), T(b.LiftedAt), b.LiftReason, T(b.HoldExpiredAt), T(b.ReleasedAt), T(b.TransferredAt),
            b.TransferHonouredHold, T(b.CitizenshipClaimedAt), T(b.CitizenshipResolvedAt), b.CitizenshipFinding, T(b.OverDetentionFrom),
            T(b.FirstDutyDue), b.DutiesInTime, b.DutiesLate, b.DutiesNeverTold, b.DutyLateSeconds,
            T(b.ConsularAdvisalDeadline), T(b.ConsularAdvisedAt), T(b.ConsularNoticeDeadline), T(b.ConsularNotifiedAt),
            T(b.NoticesFirstDue), b.NoticesInTime, b.NoticesLate, b.NoticesNeverGiven);
    }

    /// <summary>The booking as the measures read it, with its charges.</summary>
    public StatisticsBooking ToBooking(IReadOnlyList<Charge> charges)
    {
        static Instant? I(long? ticks) => ticks is { } t ? Instant.FromUnixTimeTicks(t) : null;
        var milestones = new BookingMilestones
        {
            Model = Codes.TryParse<AgreementModel>(Model, out var model) ? model : null,
            ScreenedAt = I(ScreenedAt),
            DhsMatchAt = I(DhsMatchAt),
            InterviewedAt = I(InterviewedAt),
            DetainerLodgedAt = I(DetainerLodgedAt),
            DetainerServedAt = I(DetainerServedAt),
            WarrantServedAt = I(WarrantServedAt),
            NotificationRequestedAt = I(NotificationRequestedAt),
            LiftedAt = I(LiftedAt),
            LiftReason = LiftReason,
            HoldExpiredAt = I(HoldExpiredAt),
            ReleasedAt = I(ReleasedAt),
            TransferredAt = I(TransferredAt),
            TransferHonouredHold = TransferHonouredHold,
            CitizenshipClaimedAt = I(CitizenshipClaimedAt),
            CitizenshipResolvedAt = I(CitizenshipResolvedAt),
            CitizenshipFinding = Codes.TryParse<CitizenshipFinding>(CitizenshipFinding, out var finding) ? finding : null,
            OverDetentionFrom = I(OverDetentionFrom),
            FirstDutyDue = I(FirstDutyDue),
            DutiesInTime = DutiesInTime,
            DutiesLate = DutiesLate,
            DutiesNeverTold = DutiesNeverTold,
            DutyLateSeconds = DutyLateSeconds,
        };
        return new StatisticsBooking(PersonId, Instant.FromUnixTimeTicks(BookedAt), BirthCountry, charges, I(EligibleAt), OverDetentionSeconds, milestones)
        {
            Notices = new NoticeMilestones(I(ConsularAdvisalDeadline), I(ConsularAdvisedAt), I(ConsularNoticeDeadline), I(ConsularNotifiedAt),
                new Domain.Notices.NoticeOutcomes(I(NoticesFirstDue), NoticesInTime, NoticesLate, NoticesNeverGiven)),
        };
    }
}

/// <summary>
/// Whoever saves a booking (the one write path, the deadline monitor's catch-up, a re-projection), a change to what
/// the statistics count of it is logged in the same save, so every instance's figures can follow it.
/// </summary>
public sealed class StatisticsChangeInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Log(eventData.Context!);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Log(eventData.Context!);
        return ValueTask.FromResult(result);
    }

    private static void Log(DbContext context)
    {
        context.ChangeTracker.DetectChanges();
        var changes = new List<StatisticsChangeRecord>();
        foreach (var entry in context.ChangeTracker.Entries<BookingRecord>())
        {
            if (entry.State == EntityState.Added)
            {
                changes.Add(new StatisticsChangeRecord { BookingId = entry.Entity.Id });
            }
            else if (entry.State == EntityState.Modified)
            {
                var before = StatisticsRow.Of((BookingRecord)entry.OriginalValues.ToObject());
                if (before != StatisticsRow.Of(entry.Entity))
                {
                    changes.Add(new StatisticsChangeRecord { BookingId = entry.Entity.Id, Before = JsonSerializer.Serialize(before) });
                }
            }
        }

        if (changes.Count > 0)
        {
            context.Set<StatisticsChangeRecord>().AddRange(changes);
        }
    }
}
