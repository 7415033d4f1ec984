using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Domain.Custody;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Custody;

public enum CorrectionResultKind
{
    Recorded,
    AlreadyApplied,
    NeedsApproval,
    Proposed,
    Refused,
    Conflict,
}

public enum EntryResultKind
{
    Recorded,
    AlreadyRecorded,
    Refused,
    Conflict,
    UnknownBooking,
}

/// <summary>What an entry kept beside the custody rules (screening, consular) did, or why it was not stored.</summary>
public sealed record EntryResult(EntryResultKind Kind, string? Reason);

/// <summary>What a correction did: the booking before and after it (the same when nothing was stored), or why it was not stored.</summary>
public sealed record CorrectionResult(CorrectionResultKind Kind, string? Reason, BookingSnapshot? Before, BookingSnapshot? After)
{
    /// <summary>The correction's place in the record, once stored.</summary>
    public int? Sequence { get; init; }

    /// <summary>The waiting proposal, when one was made.</summary>
    public long? ProposalId { get; init; }

    public static CorrectionResult Refused(string reason) => new(CorrectionResultKind.Refused, reason, null, null);
}

/// <summary>A correction that changes custody or a deadline, waiting for a second person (or decided).</summary>
public sealed class CorrectionProposalRecord
{
    public long Id { get; set; }

    public string BookingId { get; set; } = "";

    /// <summary>The entry it corrects.</summary>
    public int Target { get; set; }

    /// <summary>The correction as it will be stored (<see cref="StoredHistory.WriteCorrection"/>), applied exactly as proposed.</summary>
    public string Payload { get; set; } = "";

    /// <summary>What it would change, in words, as the proposer was shown it.</summary>
    public string Summary { get; set; } = "";

    public string ProposedBy { get; set; } = "";

    /// <summary>The engine actor of the proposer (who the correction is recorded as).</summary>
    public string ProposedActor { get; set; } = "";

    public Instant ProposedAt { get; set; }

    /// <summary>pending, approved or rejected.</summary>
    public string Status { get; set; } = Pending;

    public string? DecidedBy { get; set; }

    public Instant? DecidedAt { get; set; }

    public string? DecisionNote { get; set; }

    public const string Pending = "pending", Approved = "approved", Rejected = "rejected";
}

/// <summary>
/// Corrections with the two-person rule: one that leaves custody and every deadline as they are is recorded at once;
/// one that changes them is proposed, and recorded only when an ICE supervisor other than the proposer approves it
/// (exactly as proposed, judged again against the record as it then stands). Proposal, approval and rejection are
/// audited; the correction itself is stored by <see cref="CustodyService.CorrectAsync"/>, the write path of every step.
/// </summary>
public sealed class CaseCorrections(LiaisonDbContext db, CustodyService custody, AuditLog audit, IClock clock)
{
    /// <summary>Records the correction, or (when it changes custody or a deadline) proposes it; <paramref name="describe"/> words the change.</summary>
    public async Task<CorrectionResult> ProposeAsync(string bookingId, Correction correction, ActingAs proposer,
        Func<BookingSnapshot, BookingSnapshot, string> describe, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(correction);
        ArgumentNullException.ThrowIfNull(proposer);
        ArgumentNullException.ThrowIfNull(describe);
        var result = await custody.CorrectAsync(bookingId, correction, proposer, null, ct);
        if (result.Kind != CorrectionResultKind.NeedsApproval)
        {
            return result;
        }

        var payload = StoredHistory.WriteCorrection(new StoredCorrection(Instant.MinValue, proposer.Actor, correction, null));
        var waiting = await db.CorrectionProposals.AsNoTracking()
            .FirstOrDefaultAsync(p => p.BookingId == bookingId && p.Status == CorrectionProposalRecord.Pending && p.Payload == payload, ct);
        if (waiting is not null)
        {
            return result with { Kind = CorrectionResultKind.Proposed, ProposalId = waiting.Id }; // sent twice: one proposal
        }

        var record = new CorrectionProposalRecord
        {
            BookingId = bookingId,
            Target = correction.Target,
            Payload = payload,
            Summary = describe(result.Before!, result.After!),
            ProposedBy = proposer.UserName ?? proposer.Actor,
            ProposedActor = proposer.Actor,
            ProposedAt = clock.GetCurrentInstant(),
        };
        db.CorrectionProposals.Add(record);
        audit.Add(AuditLog.CorrectionProposed, "booking", bookingId, $"entry #{correction.Target}: {record.Summary} Reason: {correction.Reason}", record.ProposedBy);
        await db.SaveChangesAsync(ct);
        return result with { Kind = CorrectionResultKind.Proposed, ProposalId = record.Id };
    }

    public Task<List<CorrectionProposalRecord>> PendingAsync(string? bookingId = null, CancellationToken ct = default) =>
        db.CorrectionProposals.AsNoTracking()
            .Where(p => p.Status == CorrectionProposalRecord.Pending && (bookingId == null || p.BookingId == bookingId))
            .OrderBy(p => p.Id).ToListAsync(ct);

    /// <summary>Approves and records a waiting correction; the approver must not be the proposer. Refused ones stay waiting.</summary>
    public async Task<CorrectionResult> ApproveAsync(long proposalId, ActingAs approver, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var (proposal, problem) = await WaitingAsync(proposalId, approver, ct);
        if (proposal is null)
        {
            return CorrectionResult.Refused(problem!);
        }

        var correction = StoredHistory.ReadCorrection(proposal.Payload).Correction;
        var who = approver.UserName ?? approver.Actor;
        var result = await custody.CorrectAsync(proposal.BookingId, correction, new ActingAs(proposal.ProposedActor, proposal.ProposedBy), who, ct);
        if (result.Kind is CorrectionResultKind.Recorded or CorrectionResultKind.AlreadyApplied)
        {
            await DecideAsync(proposal, CorrectionProposalRecord.Approved, who, null, AuditLog.CorrectionApproved, ct);
        }

        return result;
    }

    public async Task<CorrectionResult> RejectAsync(long proposalId, ActingAs approver, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(approver);
        var (proposal, problem) = await WaitingAsync(proposalId, approver, ct);
        if (proposal is null)
        {
            return CorrectionResult.Refused(problem!);
        }

        await DecideAsync(proposal, CorrectionProposalRecord.Rejected, approver.UserName ?? approver.Actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), AuditLog.CorrectionRejected, ct);
        return new CorrectionResult(CorrectionResultKind.Recorded, null, null, null);
    }

    private async Task<(CorrectionProposalRecord? Proposal, string? Problem)> WaitingAsync(long id, ActingAs approver, CancellationToken ct)
    {
        var proposal = await db.CorrectionProposals.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null || proposal.Status != CorrectionProposalRecord.Pending)
        {
            return (null, "This correction is not waiting for approval (already decided, or never proposed).");
        }

        return string.Equals(proposal.ProposedBy, approver.UserName ?? approver.Actor, StringComparison.OrdinalIgnoreCase)
            ? (null, "A second person must approve a correction: you proposed this one.")
            : (proposal, null);
    }

    private async Task DecideAsync(CorrectionProposalRecord proposal, string status, string who, string? note, string auditAction, CancellationToken ct)
    {
        proposal.Status = status;
        proposal.DecidedBy = who;
        proposal.DecidedAt = clock.GetCurrentInstant();
        proposal.DecisionNote = note;
        audit.Add(auditAction, "booking", proposal.BookingId, $"entry #{proposal.Target}: {proposal.Summary}{(note is null ? "" : $" Note: {note}")}", who);
        await db.SaveChangesAsync(ct);
    }
}
