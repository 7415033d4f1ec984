using Liaison.Domain.Custody;
using NodaTime;

namespace Liaison.Domain.Agreements;

/// <summary>The 287(g) agreement models. TFM is recorded but authorises nothing in Liaison.</summary>
public enum AgreementModel
{
    /// <summary>Jail Enforcement Model.</summary>
    [Code("JEM")]
    Jem,

    /// <summary>Warrant Service Officer.</summary>
    [Code("WSO")]
    Wso,

    /// <summary>Task Force Model: field operations, out of Liaison's scope.</summary>
    [Code("TFM")]
    Tfm,
}

public static class AgreementModels
{
    /// <summary>Whether a designated officer's <paramref name="action"/> falls within <paramref name="model"/>.</summary>
    public static bool Authorizes(this AgreementModel model, CustodyAction action) => model switch
    {
        AgreementModel.Jem => action is CustodyAction.Interview or CustodyAction.LodgeDetainer
            or CustodyAction.ServeDetainer or CustodyAction.ServeWarrant or CustodyAction.RequestNotification,
        AgreementModel.Wso => action is CustodyAction.ServeDetainer or CustodyAction.ServeWarrant,
        AgreementModel.Tfm => false,
    };

    /// <summary>The acts a designated officer may take only under an agreement and a certification.</summary>
    public static bool NeedsAgreement(CustodyAction action) => All.Any(m => m.Authorizes(action));

    /// <summary>Every model, in declaration order.</summary>
    public static IReadOnlyList<AgreementModel> All { get; } = Enum.GetValues<AgreementModel>();
}

/// <summary>A Memorandum of Agreement: in effect from <paramref name="Effective"/> to <paramref name="Ends"/>, inclusive, in local dates.</summary>
public sealed record Agreement(string Id, AgreementModel Model, LocalDate Effective, LocalDate? Ends)
{
    public bool IsInEffectOn(LocalDate date) => Effective <= date && (Ends is null || date <= Ends);
}
