using Liaison.Domain;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Web.Display;
using NodaTime;

namespace Liaison.Web.Pages.Cases;

/// <summary>What an act changed (or would change) on a booking, in a sentence an officer reads after acting.</summary>
public static class Changes
{
    public static string Describe(BookingSnapshot before, BookingSnapshot? after, DateTimeZone zone, bool correction = false)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(zone);
        if (after is null)
        {
            return "";
        }

        var parts = new List<string>();
        if (after.Custody != before.Custody)
        {
            parts.Add($"Custody: {Show.Label(Codes.Of(before.Custody))} \u2192 {Show.Label(Codes.Of(after.Custody))}");
        }

        if (after.HoldAuthority != before.HoldAuthority)
        {
            parts.Add($"hold authority: {Show.Label(Codes.Of(before.HoldAuthority))} \u2192 {Show.Label(Codes.Of(after.HoldAuthority))}");
        }

        if (after.Citizenship != before.Citizenship)
        {
            parts.Add($"citizenship: {Show.Citizenship(before.Citizenship)} \u2192 {Show.Citizenship(after.Citizenship)}");
        }

        if (after.HoldDeadline != before.HoldDeadline)
        {
            parts.Add(after.HoldDeadline is { } deadline ? $"the hold must end by {Show.When(deadline, zone)}" : "no hold deadline runs now");
        }

        foreach (var duty in after.Duties.Where(d => !before.Duties.Any(b => b.About == d.About && b.OpenedAt == d.OpenedAt)))
        {
            parts.Add($"ICE must be told of {Show.Label(Codes.Of(duty.About))} by {Show.When(duty.Due, zone)}");
        }

        // A correction may also undo what an act does in passing: say so, since a second person approves it on these words.
        if (correction && after.EligibleAt != before.EligibleAt)
        {
            parts.Add(after.EligibleAt is { } eligible ? $"eligible for release from {Show.When(eligible, zone)}" : "no release eligibility on record");
        }

        foreach (var duty in before.Duties.Where(d => correction && !after.Duties.Any(a => a.About == d.About && a.OpenedAt == d.OpenedAt)))
        {
            parts.Add($"the duty to tell ICE of {Show.Label(Codes.Of(duty.About))} (due {Show.When(duty.Due, zone)}) is closed");
        }

        if (correction && after.OverDetention != before.OverDetention && after.Custody == before.Custody)
        {
            parts.Add($"over-detention recorded: {Show.Number((long)before.OverDetention.TotalMinutes)} → {Show.Number((long)after.OverDetention.TotalMinutes)} min");
        }

        if (after.Citizenship == CitizenshipStatus.UnderReview && before.Citizenship != CitizenshipStatus.UnderReview)
        {
            parts.Add("no one may be held for ICE until an ICE supervisor resolves the claim");
        }

        if (parts.Count == 0)
        {
            return "Custody, hold and deadlines are unchanged.";
        }

        var sentence = string.Join("; ", parts) + ".";
        return char.ToUpperInvariant(sentence[0]) + sentence[1..];
    }
}

/// <summary>
/// The acts that cannot be undone by the officer who takes them, and what the officer confirms before each: taking
/// custody for ICE, a release, a claim of US citizenship; a release while a detainer or warrant is on file says why
/// the release is lawful now.
/// </summary>
public static class Confirmation
{
    /// <summary>The sentence to confirm before <paramref name="action"/> on a booking in <paramref name="state"/>; null when none is needed.</summary>
    public static string? For(CustodyAction action, BookingSnapshot state, DateTimeZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return action switch
        {
            CustodyAction.AssumeCustody => "ICE takes the person into its custody now; the jail's custody ends and the case closes.",
            CustodyAction.ClaimCitizenship => "The person claims to be a US citizen: from now no one may be held for ICE until an ICE supervisor resolves the claim, and ICE must be told within 1 hour.",
            CustodyAction.Release => "The person leaves the jail now; the case closes. " + ReleaseReason(state, zone),
            _ => null,
        };
    }

    /// <summary>Why a release is lawful now, named when a detainer or warrant is (or was) on file.</summary>
    private static string ReleaseReason(BookingSnapshot state, DateTimeZone? zone) => (state.Custody, state.HoldAuthority) switch
    {
        (CustodyStatus.ReleaseRequired, _) when state.OverDetentionSince is { } since =>
            $"The immigration hold ended{(zone is null ? "" : " " + Show.When(since, zone))}: release is required now, and every minute more is over-detention.",
        (CustodyStatus.HeldForIce, _) =>
            $"This person is held for ICE{(state.HoldDeadline is { } d && zone is not null ? " until " + Show.When(d, zone) : "")}. Releasing before then is lawful (a detainer asks; it does not order), but tell ICE first if it asked to be told.",
        (_, HoldAuthority.DetainerLodged or HoldAuthority.DetainerServed or HoldAuthority.WarrantServed) =>
            "A detainer or warrant is on file: it can hold the person only once the jail would otherwise release them, and only for 48 hours. Releasing now is lawful; tell ICE if it asked to be told.",
        (_, HoldAuthority.Lifted) => "The detainer was lifted: nothing holds the person for ICE.",
        _ => "No immigration hold applies.",
    };
}
