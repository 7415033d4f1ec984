using System.Runtime.CompilerServices;
using System.Text;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Custody;

/// <summary>
/// The plain-words reason of every refusal, and the message of every record the engine will not replay, as an
/// officer or operator reads them. They are compared with RefusalReasons.approved.txt: a change of wording is
/// reviewed there (the test writes RefusalReasons.received.txt beside it to compare).
/// </summary>
public sealed class RefusalReasonTests
{
    private static readonly Agreement Jem = new("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), null);
    private static readonly Agreement Wso = new("moa-wso", AgreementModel.Wso, new LocalDate(2025, 2, 26), null);

    [Fact]
    public void EveryReason_ReadsAsApproved()
    {
        var lines = new StringBuilder();
        void Add(string name, StepOutcome outcome) =>
            lines.Append(name).Append(": ").Append(outcome.Refusal is { } r ? $"{Codes.Of(r.Code)}: {r.Reason}" : "accepted").Append('\n');
        void Throws(string name, Action act)
        {
            try
            {
                act();
                lines.Append(name).Append(": no exception\n");
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                lines.Append(name).Append(": ").Append(e.GetType().Name).Append(": ").Append(e.Message).Append('\n');
            }
        }

        var w = new CustodyWorld();
        w.Book("B1", "2026-03-02 22:15");
        Add("time went backwards", w.Book("B2", "2026-03-02 22:00"));
        Add("unknown actor", w.Do(new Release(T("2026-03-02 22:20"), "nobody", "B1")));

        // Not authorized: each kind of actor, and each action named once.
        Add("jms lodges", w.Lodge("B1", "2026-03-02 22:21", actor: "jms"));
        Add("dhs books", w.Do(new Book(T("2026-03-02 22:21"), "dhs", new BookingDetails("B9", null, null, null, []))));
        Add("dhs claims", w.Claim("B1", "2026-03-02 22:21", actor: "dhs"));
        Add("subject releases", w.Do(new Release(T("2026-03-02 22:21"), "subject", "B1")));
        Add("subject schedules", w.Do(new ReleaseScheduled(T("2026-03-02 22:21"), "subject", "B1", null)));
        Add("subject eligible", w.Do(new ReleaseEligible(T("2026-03-02 22:21"), "subject", "B1", null)));
        Add("subject biometric", w.Do(new BiometricResponse(T("2026-03-02 22:21"), "subject", "B1", BiometricResult.Match, null)));
        Add("subject interviews", w.Do(new Interview(T("2026-03-02 22:21"), "subject", "B1", "es", [], InterviewClaim.Declined)));
        Add("subject serves", w.Serve("B1", "2026-03-02 22:21", actor: "subject"));
        Add("subject serves warrant", w.ServeWarrant("B1", "2026-03-02 22:21", actor: "subject"));
        Add("subject assumes", w.Assume("B1", "2026-03-02 22:21", actor: "subject"));
        Add("subject requests notice", w.RequestNotification("B1", "2026-03-02 22:21", actor: "subject"));
        Add("subject notifies", w.Notify("B1", "2026-03-02 22:21", actor: "subject"));
        Add("designated officer lifts", w.Lift("B1", "2026-03-02 22:21", actor: "dso-1"));
        Add("ICE officer resolves", w.Resolve("B1", "2026-03-02 22:21", CitizenshipFinding.UsCitizen, actor: "ice-1"));
        Add("ICE supervisor books", w.Do(new Book(T("2026-03-02 22:21"), "sup-1", new BookingDetails("B9", null, null, null, []))));

        Add("duplicate booking", w.Book("B1", "2026-03-02 22:22"));
        Add("unknown booking", w.Release("B404", "2026-03-02 22:22"));

        // Agreements and certifications.
        var none = new CustodyWorld(agreements: []);
        none.Book("B1", "2026-03-02 22:15");
        Add("no agreement (interview)", none.Do(new Interview(T("2026-03-03 09:00"), "dso-1", "B1", "es", [], InterviewClaim.Declined)));
        Add("no agreement (serve)", none.Serve("B1", "2026-03-03 09:00"));
        Add("lapsed certification", w.Lodge("B1", "2026-03-03 09:00", actor: "dso-2"));
        var both = new CustodyWorld(agreements: [Jem, Wso]);
        both.Book("B1", "2026-03-02 22:15");
        both.Book("B2", "2026-03-02 22:16");
        both.Lodge("B1", "2026-03-03 09:00", actor: "ice-1");
        both.Lodge("B2", "2026-03-03 09:01", actor: "ice-1");
        Add("JEM officer serving under JEM and WSO agreements", both.Serve("B1", "2026-03-03 09:10", actor: "dso-1"));
        Add("WSO officer serving under JEM and WSO agreements", both.Serve("B2", "2026-03-03 09:11", actor: "wso-1"));

        // Transitions.
        var t = new CustodyWorld();
        t.Book("B1", "2026-03-02 22:15");
        Add("serve with nothing lodged", t.Serve("B1", "2026-03-03 08:00", actor: "ice-1"));
        Add("lift with nothing active", t.Lift("B1", "2026-03-03 08:01"));
        Add("assume with nothing served", t.Assume("B1", "2026-03-03 08:02"));
        Add("request with no form", t.RequestNotification("B1", "2026-03-03 08:03", null));
        Add("request on an I-247A", t.RequestNotification("B1", "2026-03-03 08:04", DetainerForm.I247A));
        Add("notify with no about", t.Notify("B1", "2026-03-03 08:05", null));
        Add("notify of no detainer", t.Notify("B1", "2026-03-03 08:06", IceDutyKind.Detainer));
        Add("notify of no claim", t.Notify("B1", "2026-03-03 08:07", IceDutyKind.CitizenshipClaim));
        Add("resolve with no claim", t.Resolve("B1", "2026-03-03 08:08", CitizenshipFinding.NotUsCitizen));
        Add("no basis", t.Do(new LodgeDetainer(T("2026-03-03 08:09"), "ice-1", "B1", ProbableCauseBasisSet.Empty, SignedWarrant)));
        Add("biometric basis without a match", t.Lodge("B1", "2026-03-03 08:10", bases: ProbableCauseBasis.BiometricAndRecords));
        Add("no warrant", t.Do(new LodgeDetainer(T("2026-03-03 08:11"), "ice-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), null)));
        Add("warrant without a form", t.Lodge("B1", "2026-03-03 08:12", warrant: new Warrant(null, "W-2", "sup-1")));
        Add("warrant signed by an ICE officer", t.Lodge("B1", "2026-03-03 08:13", warrant: new Warrant(WarrantForm.I200, "W-3", "ice-1")));
        Add("warrant with no signer", t.Lodge("B1", "2026-03-03 08:14", warrant: new Warrant(WarrantForm.I200, "W-4", null)));
        Add("I-247G as a detainer", t.Do(new LodgeDetainer(T("2026-03-03 08:15"), "ice-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant, DetainerForm.I247G)));
        t.Lodge("B1", "2026-03-03 08:20", actor: "ice-1");
        Add("lodge while lodged", t.Lodge("B1", "2026-03-03 08:21", actor: "ice-1"));
        Add("assume while only lodged", t.Assume("B1", "2026-03-03 08:22"));
        t.Serve("B1", "2026-03-03 08:23", actor: "ice-1");
        Add("lodge while served", t.Lodge("B1", "2026-03-03 08:24", actor: "ice-1"));
        Add("serve while served", t.Serve("B1", "2026-03-03 08:25", actor: "ice-1"));
        t.ServeWarrant("B1", "2026-03-03 08:26", actor: "ice-1");
        Add("lodge while a warrant is served", t.Lodge("B1", "2026-03-03 08:27", actor: "ice-1"));
        Add("warrant twice", t.ServeWarrant("B1", "2026-03-03 08:28", actor: "ice-1"));
        t.Lift("B1", "2026-03-03 08:29");
        Add("serve after a lift", t.Serve("B1", "2026-03-03 08:30", actor: "ice-1"));
        Add("lift after a lift", t.Lift("B1", "2026-03-03 08:31"));
        Add("assume after a lift", t.Assume("B1", "2026-03-03 08:32"));
        t.Eligible("B1", "2026-03-03 09:00");
        Add("eligible twice", t.Eligible("B1", "2026-03-03 09:01"));
        t.Claim("B1", "2026-03-03 09:02");
        Add("lodge during a review", t.Lodge("B1", "2026-03-03 09:03", actor: "ice-1"));
        Add("resolve without a finding", t.Resolve("B1", "2026-03-03 09:04", null));
        Add("resolve without evidence", t.Resolve("B1", "2026-03-03 09:05", CitizenshipFinding.UsCitizen, evidence: " "));
        t.Resolve("B1", "2026-03-03 09:06", CitizenshipFinding.UsCitizen);
        Add("act after a US-citizen finding", t.Lodge("B1", "2026-03-03 09:07", actor: "ice-1"));
        t.Release("B1", "2026-03-03 09:08");
        Add("act after release", t.Release("B1", "2026-03-03 09:09"));
        t.Book("B2", "2026-03-03 09:10");
        t.ServeWarrant("B2", "2026-03-03 09:11", actor: "ice-1");
        t.Assume("B2", "2026-03-03 09:12");
        Add("act after transfer", t.Release("B2", "2026-03-03 09:13"));
        Add("probe dated before the clock", new StepOutcome(new Tick(T("2026-03-03 09:00")), t.Engine.Probe(new Tick(T("2026-03-03 09:00"))), null, []));

        // Records the engine will not replay, and agencies it cannot be built for.
        var r = new CustodyWorld();
        r.Engine.Replay(new Book(T("2026-03-02 22:15"), "jms", new BookingDetails("B1", null, null, null, [])));
        Throws("replay out of order", () => r.Engine.Replay(new Release(T("2026-03-02 22:00"), "jms", "B1")));
        Throws("replay of an unknown actor", () => r.Engine.Replay(new Release(T("2026-03-02 22:20"), "nobody", "B1")));
        Throws("replay of a step that no longer applies", () => r.Engine.Replay(new ServeDetainer(T("2026-03-02 22:21"), "dso-1", "B1")));
        Throws("replay of a second booking", () => r.Engine.Replay(new Book(T("2026-03-02 22:22"), "jms", new BookingDetails("B1", null, null, null, []))));
        Throws("replay on an unknown booking", () => r.Engine.Replay(new Release(T("2026-03-02 22:23"), "jms", "B404")));
        r.Engine.Replay(new ReleaseEligible(T("2026-03-02 22:24"), "jms", "B1", null));
        r.Engine.Replay(new Release(T("2026-03-02 22:25"), "jms", "B1"));
        Throws("replay on a closed case (closed before invalid)", () => r.Engine.Replay(new ReleaseEligible(T("2026-03-02 22:26"), "jms", "B1", null)));
        Throws("officer id of a system actor", () => _ = new CustodyEngine(new Jurisdiction(NewYork, HoldPolicy.Calendar48h), [], [new Officer("jms", ActorKind.IceOfficer, [])]));
        Throws("officer of a system kind", () => _ = new CustodyEngine(new Jurisdiction(NewYork, HoldPolicy.Calendar48h), [], [new Officer("x-1", ActorKind.Dhs, [])]));

        AssertApproved(lines.ToString());
    }

    private static void AssertApproved(string received, [CallerFilePath] string here = "")
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(here)!, "RefusalReasons.approved.txt");
        var receivedPath = Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received", StringComparison.Ordinal) + ".txt";
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != received)
        {
            File.WriteAllText(receivedPath, received);
            Assert.Fail($"Refusal reasons differ from {approvedPath}; compare with {receivedPath} and, if the new wording is right, copy it over.");
        }
        else if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }
    }
}
