namespace Liaison.Domain.Custody;

/// <summary>The administrative warrants an I-247A must come with (ICE Policy 10074.2).</summary>
public enum WarrantForm
{
    /// <summary>Warrant for arrest of alien.</summary>
    [Code("I-200")]
    I200,

    /// <summary>Warrant of removal/deportation.</summary>
    [Code("I-205")]
    I205,
}

/// <summary>
/// A warrant as presented with an act. Form and signer may be missing: that is an incomplete act,
/// which the engine refuses, not a malformed record.
/// </summary>
public sealed record Warrant(WarrantForm? Form, string? Number, string? SignedBy);
