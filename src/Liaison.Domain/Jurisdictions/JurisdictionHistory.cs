using NodaTime;

namespace Liaison.Domain.Jurisdictions;

/// <summary>
/// The facility's settings (zone, hold policy, holidays) over time: each version applies from its instant
/// on. The engine judges every step by the version in effect at the step's instant, and fixes a hold's
/// deadline under the version in effect when the hold starts, so a later change never moves a running
/// deadline or rewrites a closed case.
/// </summary>
public sealed class JurisdictionHistory
{
    private readonly (Instant From, Jurisdiction Jurisdiction)[] _versions;

    /// <param name="first">The settings in effect from the beginning of time.</param>
    /// <param name="changes">Later versions, each with the instant it takes effect; in any order, no two at one instant.</param>
    public JurisdictionHistory(Jurisdiction first, IEnumerable<(Instant From, Jurisdiction Jurisdiction)>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        _versions = [(Instant.MinValue, first), .. (changes ?? []).OrderBy(c => c.From)];
        for (var i = 1; i < _versions.Length; i++)
        {
            if (_versions[i].From <= _versions[i - 1].From)
            {
                throw new ArgumentException($"Two versions of the settings take effect at {_versions[i].From}.", nameof(changes));
            }
        }
    }

    /// <summary>The settings in effect now and for the future: the latest version.</summary>
    public Jurisdiction Current => _versions[^1].Jurisdiction;

    public int Count => _versions.Length;

    /// <summary>The version in effect at <paramref name="instant"/>: the latest that took effect at or before it.</summary>
    public Jurisdiction At(Instant instant)
    {
        // Versions are few (a settings change is rare); scanning from the newest finds recent instants first.
        for (var i = _versions.Length - 1; i > 0; i--)
        {
            if (_versions[i].From <= instant)
            {
                return _versions[i].Jurisdiction;
            }
        }

        return _versions[0].Jurisdiction;
    }

    public static implicit operator JurisdictionHistory(Jurisdiction jurisdiction) => new(jurisdiction);

    public static JurisdictionHistory FromJurisdiction(Jurisdiction jurisdiction) => new(jurisdiction);
}
