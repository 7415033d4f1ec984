using Liaison.Data.Custody;
using Liaison.Domain;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using NodaTime;

namespace Liaison.Web.Pages.Cases;

/// <summary>One act on the case page: offered as a form, or shown as unavailable with the engine's reason.</summary>
public sealed record ActOption(CustodyAction Action, string Handler, string Label, Refusal? Unavailable)
{
    public bool Available => Unavailable is null;
}

/// <summary>
/// Asks the engine which acts the signed-in user may take on this booking now. Nothing here knows a
/// rule: each candidate act is probed with complete arguments, and the engine answers (a refusal about the
/// arguments themselves still offers the act: its form collects them).
/// </summary>
public static class CaseActs
{
    private static readonly (CustodyAction Action, string Handler, string Label)[] Candidates =
    [
        (CustodyAction.Interview, "interview", "Record an interview"),
        (CustodyAction.LodgeDetainer, "lodge", "Lodge a detainer (I-247A)"),
        (CustodyAction.RequestNotification, "notification", "Record a request for notice of release (I-247G / I-247N)"),
        (CustodyAction.NotifyIce, "notifyIce", "Record that ICE was told"),
        (CustodyAction.ServeDetainer, "serveDetainer", "Serve the detainer on the person"),
        (CustodyAction.ServeWarrant, "serveWarrant", "Serve an administrative warrant"),
        (CustodyAction.ClaimCitizenship, "claim", "Record a claim of US citizenship"),
        (CustodyAction.ResolveCitizenship, "resolve", "Resolve the citizenship claim"),
        (CustodyAction.LiftDetainer, "lift", "Lift the detainer or warrant"),
        (CustodyAction.AssumeCustody, "assume", "Take custody for ICE"),
        (CustodyAction.ReleaseScheduled, "schedule", "Record a scheduled release"),
        (CustodyAction.ReleaseEligible, "eligible", "Record release eligibility"),
        (CustodyAction.Release, "release", "Record the release"),
    ];

    private static readonly Refusal ClaimOpen = new(RefusalCode.InvalidTransition,
        "A claim of US citizenship is already under review; an ICE supervisor resolves it.");

    /// <summary>The act (handler and label) that records <paramref name="action"/> on the case page; null for facts no form records.</summary>
    public static ActOption? Handler(CustodyAction action) =>
        Candidates.Where(c => c.Action == action).Select(c => new ActOption(c.Action, c.Handler, c.Label, null)).FirstOrDefault();

    public static IReadOnlyList<ActOption> For(BookingCase c, string actor, ActorKind kind)
    {
        ArgumentNullException.ThrowIfNull(c);
        var supervisor = c.World.Officers.FirstOrDefault(o => o.Kind == ActorKind.IceSupervisor && o.Active)?.Id;
        var warrant = new Warrant(WarrantForm.I200, "probe", supervisor);
        var options = new List<ActOption>();
        // Telling ICE is offered only while a duty is open; the first open duty's kind is what the probe asks about.
        var duty = c.State.Duties.Count > 0 ? c.State.Duties[0].About : (IceDutyKind?)null;
        foreach (var (action, handler, label) in Candidates.Where(x => kind.May(x.Action) && (x.Action != CustodyAction.NotifyIce || duty is not null)))
        {
            var probe = Probe(action, c.Now, actor, c.Booking.Id, warrant, duty);
            var refusal = action == CustodyAction.ClaimCitizenship && c.State.Citizenship == CitizenshipStatus.UnderReview
                ? ClaimOpen // the engine would take a second claim; the page does not invite one while the first is open
                : c.Engine.Probe(probe);
            options.Add(new ActOption(action, handler, label, refusal is null || refusal.Code.IsAboutTheArguments() ? null : refusal));
        }

        return options;
    }

    private static CustodyStep Probe(CustodyAction action, Instant at, string actor, string booking, Warrant warrant, IceDutyKind? duty) => action switch
    {
        CustodyAction.Interview => new Interview(at, actor, booking, "en", [], InterviewClaim.Declined),
        CustodyAction.LodgeDetainer => new LodgeDetainer(at, actor, booking, ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), warrant),
        CustodyAction.ServeDetainer => new ServeDetainer(at, actor, booking),
        CustodyAction.ServeWarrant => new ServeWarrant(at, actor, booking, warrant),
        CustodyAction.ClaimCitizenship => new ClaimCitizenship(at, actor, booking),
        CustodyAction.ResolveCitizenship => new ResolveCitizenship(at, actor, booking, CitizenshipFinding.NotUsCitizen, "probe"),
        CustodyAction.LiftDetainer => new LiftDetainer(at, actor, booking, "probe"),
        CustodyAction.AssumeCustody => new AssumeCustody(at, actor, booking),
        CustodyAction.ReleaseScheduled => new ReleaseScheduled(at, actor, booking, null),
        CustodyAction.ReleaseEligible => new ReleaseEligible(at, actor, booking, "probe"),
        CustodyAction.Release => new Release(at, actor, booking),
        CustodyAction.RequestNotification => new RequestNotification(at, actor, booking, DetainerForm.I247G),
        CustodyAction.NotifyIce => new NotifyIce(at, actor, booking, duty),
        CustodyAction.Book or CustodyAction.BiometricResponse or CustodyAction.Tick =>
            throw new ArgumentOutOfRangeException(nameof(action), Codes.Of(action), "not an act offered on a case page"),
    };
}

/// <summary>The warrant choice of a form (the warrants signed in Liaison for this booking), with ids unique on the page.</summary>
public sealed record WarrantFields(string Prefix, IReadOnlyList<SignedWarrantRecord> Warrants, IReadOnlyDictionary<string, string> OfficerNames, string? Selected);
