using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Domain.StateReports;

/// <summary>What an ICE request was: a detainer (hold or notification, by its form) or an administrative warrant.</summary>
public enum HoldRequestKind
{
    [Code("detainer")]
    Detainer,

    [Code("warrant")]
    Warrant,
}

/// <summary>Where the person went after the request: still in the jail, released, or handed to ICE.</summary>
public enum HoldOutcome
{
    [Code("in-custody")]
    InCustody,

    [Code("released")]
    Released,

    [Code("transferred")]
    Transferred,
}

/// <summary>
/// One detainer, notification request or administrative warrant the jail received about a booking, and what became of
/// the person: the unit the state reports count (e.g. Illinois 5 ILCS 805/25). No personal data.
/// </summary>
public sealed record HoldRequest(
    HoldRequestKind Kind,
    string Form,
    Instant ReceivedAt,
    Instant? BailPostedAt,
    Instant? LiftedAt,
    HoldOutcome Outcome,
    Instant? OutcomeAt)
{
    /// <summary>To whom custody passed: ICE on a transfer; nobody otherwise.</summary>
    public string? TransferredTo => Outcome == HoldOutcome.Transferred ? HoldRequests.Ice : null;
}

public static class HoldRequests
{
    public const string Ice = "U.S. Immigration and Customs Enforcement";

    /// <summary>The release-eligible reasons that mean bail or bond was posted (the case page offers <c>bond-posted</c>).</summary>
    public static readonly IReadOnlySet<string> BailReasons = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "bond-posted", "bail-posted" };

    /// <summary>
    /// Every request in one booking's accepted steps, in order: each lodged detainer (any form) and notification request
    /// as a detainer, each served warrant as a warrant. Bail counts whenever it was posted on the booking; the outcome
    /// is the booking's (its release or ICE taking custody), as the report asks what became of the person.
    /// </summary>
    public static IReadOnlyList<HoldRequest> Of(IEnumerable<CustodyStep> acceptedSteps)
    {
        ArgumentNullException.ThrowIfNull(acceptedSteps);
        var received = new List<(HoldRequestKind Kind, string Form, Instant At, Instant? Lifted)>();
        Instant? bail = null, released = null, transferred = null;
        foreach (var step in acceptedSteps)
        {
            switch (step)
            {
                case LodgeDetainer lodge:
                    received.Add((HoldRequestKind.Detainer, Codes.Of(lodge.Form), lodge.At, null));
                    break;
                case RequestNotification request:
                    received.Add((HoldRequestKind.Detainer, request.Form is { } form ? Codes.Of(form) : "notification-request", request.At, null));
                    break;
                case ServeWarrant serve:
                    received.Add((HoldRequestKind.Warrant, serve.Warrant?.Form is { } warrantForm ? Codes.Of(warrantForm) : "warrant", serve.At, null));
                    break;
                case LiftDetainer lift:
                    // A lift ends every detainer still standing on the booking.
                    for (var i = 0; i < received.Count; i++)
                    {
                        if (received[i] is { Kind: HoldRequestKind.Detainer, Lifted: null } open)
                        {
                            received[i] = open with { Lifted = lift.At };
                        }
                    }

                    break;
                case ReleaseEligible eligible when eligible.Reason is { } reason && BailReasons.Contains(reason):
                    bail ??= eligible.At;
                    break;
                case Release release:
                    released ??= release.At;
                    break;
                case AssumeCustody assume:
                    transferred ??= assume.At;
                    break;
                default:
                    break;
            }
        }

        var (outcome, at) = transferred is { } t ? (HoldOutcome.Transferred, (Instant?)t)
            : released is { } r ? (HoldOutcome.Released, r)
            : (HoldOutcome.InCustody, null);
        return [.. received.Select(x => new HoldRequest(x.Kind, x.Form, x.At, bail, x.Lifted, outcome, at))];
    }
}
