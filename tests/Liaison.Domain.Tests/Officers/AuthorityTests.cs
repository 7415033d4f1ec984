using Liaison.Domain.Agreements;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using static Liaison.Domain.Tests.CustodyWorld;

namespace Liaison.Domain.Tests.Officers;

/// <summary>Who may act: actor kinds, agreement models in effect and certifications, judged on the facility's local date.</summary>
public sealed class AuthorityTests
{
    private static readonly Agreement Jem = new("moa-jem", AgreementModel.Jem, new LocalDate(2025, 2, 26), null);
    private static readonly Agreement Wso = new("moa-wso", AgreementModel.Wso, new LocalDate(2025, 2, 26), null);

    [Theory]
    [InlineData(ActorKind.Jms, CustodyAction.Book, true)]
    [InlineData(ActorKind.Jms, CustodyAction.LodgeDetainer, false)]
    [InlineData(ActorKind.Dhs, CustodyAction.BiometricResponse, true)]
    [InlineData(ActorKind.Dhs, CustodyAction.Release, false)]
    [InlineData(ActorKind.Subject, CustodyAction.ClaimCitizenship, true)]
    [InlineData(ActorKind.Subject, CustodyAction.Release, false)]
    [InlineData(ActorKind.DesignatedOfficer, CustodyAction.LodgeDetainer, true)]
    [InlineData(ActorKind.DesignatedOfficer, CustodyAction.LiftDetainer, false)]
    [InlineData(ActorKind.DesignatedOfficer, CustodyAction.AssumeCustody, false)]
    [InlineData(ActorKind.DesignatedOfficer, CustodyAction.ResolveCitizenship, false)]
    [InlineData(ActorKind.IceOfficer, CustodyAction.AssumeCustody, true)]
    [InlineData(ActorKind.IceOfficer, CustodyAction.ResolveCitizenship, false)]
    [InlineData(ActorKind.IceOfficer, CustodyAction.Release, false)]
    [InlineData(ActorKind.IceSupervisor, CustodyAction.ResolveCitizenship, true)]
    [InlineData(ActorKind.IceSupervisor, CustodyAction.LiftDetainer, true)]
    [InlineData(ActorKind.IceSupervisor, CustodyAction.Book, false)]
    public void ActorKinds_MayTakeOnlyTheirOwnSteps(ActorKind kind, CustodyAction action, bool allowed) =>
        Assert.Equal(allowed, kind.May(action));

    [Theory]
    [InlineData(AgreementModel.Jem, CustodyAction.Interview, true)]
    [InlineData(AgreementModel.Jem, CustodyAction.LodgeDetainer, true)]
    [InlineData(AgreementModel.Wso, CustodyAction.Interview, false)]
    [InlineData(AgreementModel.Wso, CustodyAction.LodgeDetainer, false)]
    [InlineData(AgreementModel.Wso, CustodyAction.ServeDetainer, true)]
    [InlineData(AgreementModel.Wso, CustodyAction.ServeWarrant, true)]
    [InlineData(AgreementModel.Tfm, CustodyAction.ServeWarrant, false)]
    public void AgreementModels_AuthoriseTheirActs(AgreementModel model, CustodyAction action, bool authorises) =>
        Assert.Equal(authorises, model.Authorizes(action));

    [Fact]
    public void DesignatedOfficer_WithExpiredCertification_IsNotCertified()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Lodge("B1", "2026-03-03 09:10", actor: "dso-2");

        Assert.Equal(RefusalCode.OfficerNotCertified, outcome.Refusal!.Code);
        Assert.Contains("dso-2", outcome.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WarrantServiceOfficer_MayNotLodgeUnderAJemAgreement()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.OfficerNotCertified, world.Lodge("B1", "2026-03-03 09:10", actor: "wso-1").Refusal!.Code);
    }

    [Fact]
    public void WarrantServiceOfficer_ServesWarrantsUnderAWsoAgreement()
    {
        var world = new CustodyWorld(agreements: [Wso]);
        world.Book("B1", "2026-03-02 22:15");

        Assert.True(world.ServeWarrant("B1", "2026-03-03 09:10", actor: "wso-1").Accepted);
    }

    [Fact]
    public void Interview_UnderOnlyAWsoAgreement_HasNoAgreementInEffect()
    {
        var world = new CustodyWorld(agreements: [Wso]);
        world.Book("B1", "2026-03-02 22:15");

        var outcome = world.Do(new Interview(T("2026-03-03 08:00"), "wso-1", "B1", "en", [], InterviewClaim.Declined));

        Assert.Equal(RefusalCode.AgreementNotInEffect, outcome.Refusal!.Code);
    }

    [Fact]
    public void TaskForceAgreement_AuthorisesNothing()
    {
        var world = new CustodyWorld(agreements: [new Agreement("moa-tfm", AgreementModel.Tfm, new LocalDate(2025, 1, 1), null)]);
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.AgreementNotInEffect, world.ServeWarrant("B1", "2026-03-03 09:10").Refusal!.Code);
    }

    [Fact]
    public void Agreement_IsJudgedOnTheFacilitysLocalDate_NotTheUtcDate()
    {
        // Effective 3 March. 21:00 on 2 March in New York is already 3 March in UTC: not yet in effect.
        var world = new CustodyWorld(agreements: [Jem with { Effective = new LocalDate(2026, 3, 3) }]);
        world.Book("B1", "2026-03-02 20:00");

        var evening = world.Lodge("B1", "2026-03-02 21:00");
        var morning = world.Lodge("B1", "2026-03-03 00:00");

        Assert.Equal(RefusalCode.AgreementNotInEffect, evening.Refusal!.Code);
        Assert.True(morning.Accepted);
    }

    [Fact]
    public void Agreement_IsInEffectThroughItsEndDateInclusive()
    {
        var world = new CustodyWorld(agreements: [Jem with { Ends = new LocalDate(2026, 3, 3) }]);
        world.Book("B1", "2026-03-02 20:00");

        Assert.True(world.Lodge("B1", "2026-03-03 23:59").Accepted);
        Assert.Equal(RefusalCode.AgreementNotInEffect, world.Serve("B1", "2026-03-04 00:00").Refusal!.Code);
    }

    [Fact]
    public void Certification_IsValidThroughItsExpiryDateInclusive()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2027-02-28 20:00");

        Assert.True(world.Lodge("B1", "2027-03-01 23:59").Accepted);
        Assert.Equal(RefusalCode.OfficerNotCertified, world.Serve("B1", "2027-03-02 00:00").Refusal!.Code);
    }

    [Fact]
    public void IceOfficers_NeedNoAgreementOrCertification()
    {
        var world = new CustodyWorld(agreements: []);
        world.Book("B1", "2026-03-02 22:15");

        Assert.True(world.Lodge("B1", "2026-03-03 09:10", actor: "ice-1").Accepted);
        Assert.True(world.Serve("B1", "2026-03-03 09:20", actor: "sup-1").Accepted);
    }

    [Fact]
    public void UnknownActor_IsRefused()
    {
        var world = new CustodyWorld();
        world.Book("B1", "2026-03-02 22:15");

        Assert.Equal(RefusalCode.UnknownActor, world.Do(new Release(T("2026-03-03 08:00"), "sheriff", "B1")).Refusal!.Code);
    }

    [Fact]
    public void Engine_RejectsAnOfficerWhoseIdIsASystemActor()
    {
        Assert.Throws<ArgumentException>(() => new CustodyEngine(
            new Jurisdiction(NewYork, HoldPolicy.Calendar48h),
            [],
            [new Officer("jms", ActorKind.IceOfficer, [])]));
    }

    // The contract's actor table, written out independently of ActorPermissions.
    private static readonly Dictionary<ActorKind, CustodyAction[]> ContractActors = new()
    {
        [ActorKind.Jms] = [CustodyAction.Book, CustodyAction.ReleaseScheduled, CustodyAction.ReleaseEligible, CustodyAction.Release],
        [ActorKind.Dhs] = [CustodyAction.BiometricResponse],
        [ActorKind.Subject] = [CustodyAction.ClaimCitizenship],
        [ActorKind.DesignatedOfficer] = [CustodyAction.Interview, CustodyAction.LodgeDetainer, CustodyAction.ServeDetainer, CustodyAction.ServeWarrant,
            CustodyAction.RequestNotification, CustodyAction.ClaimCitizenship, CustodyAction.NotifyIce],
        [ActorKind.IceOfficer] = [CustodyAction.Interview, CustodyAction.LodgeDetainer, CustodyAction.ServeDetainer, CustodyAction.ServeWarrant,
            CustodyAction.RequestNotification, CustodyAction.LiftDetainer, CustodyAction.AssumeCustody, CustodyAction.ClaimCitizenship],
        [ActorKind.IceSupervisor] = [CustodyAction.Interview, CustodyAction.LodgeDetainer, CustodyAction.ServeDetainer, CustodyAction.ServeWarrant,
            CustodyAction.RequestNotification, CustodyAction.LiftDetainer, CustodyAction.AssumeCustody, CustodyAction.ClaimCitizenship, CustodyAction.ResolveCitizenship],
    };

    private static readonly Dictionary<AgreementModel, CustodyAction[]> ContractModels = new()
    {
        [AgreementModel.Jem] = [CustodyAction.Interview, CustodyAction.LodgeDetainer, CustodyAction.ServeDetainer, CustodyAction.ServeWarrant, CustodyAction.RequestNotification],
        [AgreementModel.Wso] = [CustodyAction.ServeDetainer, CustodyAction.ServeWarrant],
        [AgreementModel.Tfm] = [],
    };

    [Fact]
    public void EveryActorKindAndAction_FollowTheContractsActorTable()
    {
        foreach (var kind in Enum.GetValues<ActorKind>())
        {
            foreach (var action in Enum.GetValues<CustodyAction>())
            {
                Assert.True(ContractActors[kind].Contains(action) == kind.May(action), $"{kind} / {action}");
            }
        }
    }

    [Fact]
    public void EveryModelAndAction_FollowTheContractsModelTable()
    {
        foreach (var model in Enum.GetValues<AgreementModel>())
        {
            foreach (var action in Enum.GetValues<CustodyAction>())
            {
                Assert.True(ContractModels[model].Contains(action) == model.Authorizes(action), $"{model} / {action}");
            }
        }
    }

    [Fact]
    public void OnlyIceSupervisorsSignWarrants()
    {
        Assert.Equal([ActorKind.IceSupervisor], Enum.GetValues<ActorKind>().Where(k => k.MaySignWarrants()));
    }

    [Fact]
    public void WsoCertifiedOfficer_ServingUnderOnlyAJemAgreement_IsNotCertified()
    {
        // The certification must be of a model whose agreement is in effect, not merely of a model that authorises the act.
        var world = new CustodyWorld(agreements: [Jem]);
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10");

        var outcome = world.Serve("B1", "2026-03-03 09:20", actor: "wso-1");

        Assert.Equal(RefusalCode.OfficerNotCertified, outcome.Refusal!.Code);
        Assert.Equal(HoldAuthority.DetainerLodged, outcome.Booking!.HoldAuthority);
    }

    [Fact]
    public void JemCertifiedOfficer_ServingUnderOnlyAWsoAgreement_IsNotCertified()
    {
        var world = new CustodyWorld(agreements: [Wso]);
        world.Book("B1", "2026-03-02 22:15");
        world.Lodge("B1", "2026-03-03 09:10", actor: "ice-1");

        Assert.Equal(RefusalCode.OfficerNotCertified, world.Serve("B1", "2026-03-03 09:20", actor: "dso-1").Refusal!.Code);
    }

    [Fact]
    public void RevokedCertification_CountsUntilTheDayBeforeTheRevocationLetter_OnTheLocalDate()
    {
        var revoked = new Certification(AgreementModel.Jem, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1), new LocalDate(2026, 9, 15));

        Assert.True(revoked.IsValidOn(new LocalDate(2026, 9, 14)));
        Assert.False(revoked.IsValidOn(new LocalDate(2026, 9, 15)));
        Assert.False(revoked.IsValidOn(new LocalDate(2026, 9, 16)));
    }

    [Fact]
    public void RevokedOfficer_IsJudgedOnTheFacilitysLocalDate_NotTheUtcDate()
    {
        var engine = new CustodyEngine(
            new Jurisdiction(NewYork, HoldPolicy.Calendar48h),
            [Jem],
            [new Officer("dso-3", ActorKind.DesignatedOfficer, [new Certification(AgreementModel.Jem, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1), new LocalDate(2026, 9, 15))])]);
        engine.Apply(new Book(Instant.FromUtc(2026, 9, 14, 20, 0), "jms", new Bookings.BookingDetails("B1", null, null, null, [])));

        // 03:30 UTC on 15 September is still 14 September in New York; 04:10 UTC is 15 September.
        var before = engine.Apply(new Interview(Instant.FromUtc(2026, 9, 15, 3, 30), "dso-3", "B1", "es", [], InterviewClaim.ForeignNational));
        var after = engine.Apply(new Interview(Instant.FromUtc(2026, 9, 15, 4, 10), "dso-3", "B1", "es", [], InterviewClaim.ForeignNational));

        Assert.True(before.Accepted);
        Assert.Equal(RefusalCode.OfficerNotCertified, after.Refusal!.Code);
    }

    [Fact]
    public void ALaterCertification_RedesignatesARevokedOfficer()
    {
        var officer = new Officer("dso-3", ActorKind.DesignatedOfficer,
        [
            new Certification(AgreementModel.Jem, new LocalDate(2025, 3, 1), new LocalDate(2027, 3, 1), new LocalDate(2026, 9, 15)),
            new Certification(AgreementModel.Jem, new LocalDate(2026, 10, 1), new LocalDate(2028, 10, 1)),
        ]);

        Assert.False(officer.IsCertifiedOn(AgreementModel.Jem, new LocalDate(2026, 9, 30)));
        Assert.True(officer.IsCertifiedOn(AgreementModel.Jem, new LocalDate(2026, 10, 1)));
        Assert.False(officer.IsCertifiedOn(AgreementModel.Wso, new LocalDate(2026, 10, 1)));
    }
}
