using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Officers;

/// <summary>A deactivated officer takes no new step (whoever asks: page, API, importer), yet their past acts replay; certification status by date.</summary>
public sealed class DeactivationAndStatusTests
{
    private static readonly Certification Jem = new(AgreementModel.Jem, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1));

    private static CustodyEngine Engine(bool dsoActive) => new(
        new Jurisdiction(NewYork, HoldPolicy.Calendar48h),
        [new Agreement("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), null)],
        [new Officer("dso-1", ActorKind.DesignatedOfficer, [Jem], dsoActive), new Officer("sup-1", ActorKind.IceSupervisor, [])]);

    private static Book Booking(string at) =>
        new(T(at), "jms", new BookingDetails("B1", "P-1", "MX", "MX", [new Charge("5404", "DUI", "misdemeanor", "pending")]));

    private static LodgeDetainer Lodge(string at) =>
        new(T(at), "dso-1", "B1", ProbableCauseBasisSet.Of([ProbableCauseBasis.FinalOrder]), SignedWarrant);

    [Fact]
    public void ADeactivatedOfficer_IsRefusedAsNotAuthorized_WithTheReason()
    {
        var engine = Engine(dsoActive: false);
        engine.Apply(Booking("2026-03-02 22:15"));

        var outcome = engine.Apply(Lodge("2026-03-03 09:10"));

        Assert.Equal(RefusalCode.NotAuthorized, outcome.Refusal!.Code);
        Assert.Contains("dso-1 has been deactivated", outcome.Refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(HoldAuthority.None, outcome.Booking!.HoldAuthority);
        Assert.Equal(RefusalCode.NotAuthorized, engine.Probe(Lodge("2026-03-03 09:11"))!.Code);
    }

    [Fact]
    public void WhatADeactivatedOfficerDidBefore_StillReplays()
    {
        var engine = Engine(dsoActive: false);
        engine.Replay(Booking("2026-03-02 22:15"));

        var replayed = engine.Replay(Lodge("2026-03-03 09:10"));

        Assert.Equal(HoldAuthority.DetainerLodged, replayed.Booking!.HoldAuthority);
    }

    [Fact]
    public void TheSameAct_ByTheOfficerActive_IsAccepted()
    {
        var interview = new Interview(T("2026-03-03 09:10"), "dso-1", "B1", "es", [], Domain.Citizenship.InterviewClaim.Declined);

        Assert.Null(Apply(Engine(dsoActive: true), Booking("2026-03-02 22:15"), interview).Refusal);
        Assert.Equal(RefusalCode.NotAuthorized, Apply(Engine(dsoActive: false), Booking("2026-03-02 22:15"), interview).Refusal!.Code);
    }

    [Theory]
    [InlineData("2025-02-28", null, CertificationStatus.NotYetValid)]
    [InlineData("2025-03-01", null, CertificationStatus.Valid)]
    [InlineData("2027-01-01", null, CertificationStatus.ExpiresSoon)]
    [InlineData("2027-03-01", null, CertificationStatus.ExpiresSoon)]
    [InlineData("2027-03-02", null, CertificationStatus.Expired)]
    [InlineData("2026-05-31", "2026-06-01", CertificationStatus.RevocationPending)]
    [InlineData("2026-06-01", "2026-06-01", CertificationStatus.Revoked)]
    public void ACertification_StandsByTheDate(string on, string? revoked, CertificationStatus expected)
    {
        var certification = Jem with { Revoked = revoked is null ? null : LocalDate.FromDateTime(DateTime.Parse(revoked, System.Globalization.CultureInfo.InvariantCulture)) };
        var date = LocalDate.FromDateTime(DateTime.Parse(on, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, certification.StatusOn(date, Period.FromDays(60)));
        Assert.Equal(expected is CertificationStatus.Valid or CertificationStatus.ExpiresSoon or CertificationStatus.RevocationPending, certification.IsValidOn(date));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("jms", "system actor")]
    [InlineData("subject", "system actor")]
    public void AnOfficerId_MayNotBeEmptyOrASystemActor(string id, string problem) =>
        Assert.Contains(problem, Officer.IdProblem(id), StringComparison.Ordinal);

    /// <summary>Applies every step in order (a lazy Select(...).Last() would apply only the last one) and returns the last outcome.</summary>
    private static StepOutcome Apply(CustodyEngine engine, params CustodyStep[] steps)
    {
        StepOutcome? last = null;
        foreach (var step in steps)
        {
            last = engine.Apply(step);
        }

        return last!;
    }
}
