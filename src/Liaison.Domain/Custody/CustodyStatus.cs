namespace Liaison.Domain.Custody;

/// <summary>Where the person is: in-jail → (held-for-ice | release-required) → (released | transferred-to-ice).</summary>
public enum CustodyStatus
{
    InJail,
    HeldForIce,
    ReleaseRequired,
    Released,
    TransferredToIce,
}

/// <summary>What immigration paperwork stands behind a hold. Only the two "served" states allow holding.</summary>
public enum HoldAuthority
{
    None,
    DetainerLodged,
    DetainerServed,
    WarrantServed,
    Lifted,
}

public static class CustodyStates
{
    /// <summary>The codes of every custody state the jail still holds the person in (for queries over stored rows).</summary>
    public static IReadOnlyList<string> HeldCodes { get; } = [.. Enum.GetValues<CustodyStatus>().Where(c => !c.HasEnded()).Select(c => Codes.Of(c))];

    public static bool HasEnded(this CustodyStatus custody) => custody switch
    {
        CustodyStatus.Released or CustodyStatus.TransferredToIce => true,
        CustodyStatus.InJail or CustodyStatus.HeldForIce or CustodyStatus.ReleaseRequired => false,
    };

    /// <summary>An I-247A lodged with a signed warrant and served, or a served warrant: authority to hold.</summary>
    public static bool AllowsHolding(this HoldAuthority authority) => authority switch
    {
        HoldAuthority.DetainerServed or HoldAuthority.WarrantServed => true,
        HoldAuthority.None or HoldAuthority.DetainerLodged or HoldAuthority.Lifted => false,
    };

    /// <summary>A detainer or warrant is active: ICE must hear of a release, and it can be lifted.</summary>
    public static bool IsActive(this HoldAuthority authority) => authority switch
    {
        HoldAuthority.DetainerLodged or HoldAuthority.DetainerServed or HoldAuthority.WarrantServed => true,
        HoldAuthority.None or HoldAuthority.Lifted => false,
    };
}
