using NodaTime;

namespace Liaison.Data.Agency;

/// <summary>The agency's own settings: one row. The hold policy and zone decide every deadline.</summary>
public sealed class AgencySettings
{
    public int Id { get; set; } = 1;

    public string Name { get; set; } = "";

    /// <summary>IANA zone id of the facility, e.g. America/New_York.</summary>
    public string TimeZoneId { get; set; } = "America/New_York";

    /// <summary>calendar-48h, business-48h or notify-only.</summary>
    public string HoldPolicy { get; set; } = "calendar-48h";

    /// <summary>Where deadline alerts are e-mailed (release desk, program manager); empty for none.</summary>
    public string AlertEmail { get; set; } = "";

    /// <summary>
    /// The two-person rule switched off (an office with a single administrator): rule changes apply without a
    /// second person's approval. False, the default, keeps the rule on.
    /// </summary>
    public bool SinglePersonChanges { get; set; }

    /// <summary>The disclosure threshold k of the public statistics: 10 by default, never below 5.</summary>
    public int DisclosureThreshold { get; set; } = 10;

    /// <summary>
    /// The person's notices the agency gives (decision 0017), as codes separated by commas: request-copies (a copy of
    /// each ICE request within 24 hours), release-notices (the person and their attorney told when ICE is),
    /// interview-consent (the consent form before an ICE interview). Empty: none.
    /// </summary>
    public string DualNotices { get; set; } = "";
}

/// <summary>
/// One version of the settings that decide deadlines (zone, hold policy, holidays), in effect from
/// <see cref="EffectiveAt"/> until the next version. Appended whenever an administrator changes them, never
/// edited: the engine judges each step by the version in effect at its instant, so history is not rewritten.
/// </summary>
public sealed class JurisdictionVersionRecord
{
    public long Id { get; set; }

    public Instant EffectiveAt { get; set; }

    public string TimeZoneId { get; set; } = "";

    public string HoldPolicy { get; set; } = "";

    /// <summary>The holidays of this version, as ISO dates separated by commas.</summary>
    public string Holidays { get; set; } = "";

    /// <summary>The account that made the change; null for the version recorded from the settings before the first change.</summary>
    public string? ChangedBy { get; set; }
}

/// <summary>
/// One version of the agency's notice rules (dual notification, decision 0017), in effect from <see cref="EffectiveAt"/>
/// until the next: appended when an administrator changes them, never edited, so a notice is owed by the rules in
/// effect when what it answers happened.
/// </summary>
public sealed class DualNoticeVersionRecord
{
    public long Id { get; set; }

    public Instant EffectiveAt { get; set; }

    /// <summary>The rules' codes, separated by commas (as <see cref="AgencySettings.DualNotices"/>); empty for none.</summary>
    public string Rules { get; set; } = "";

    /// <summary>The account that made the change; null for the version recorded from the settings before the first change.</summary>
    public string? ChangedBy { get; set; }
}

public sealed class Holiday
{
    public LocalDate Date { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A 287(g) Memorandum of Agreement. Never deleted: ending it keeps the history true.</summary>
public sealed class AgreementRecord
{
    public string Id { get; set; } = "";

    /// <summary>JEM, WSO or TFM.</summary>
    public string Model { get; set; } = "";

    public LocalDate Effective { get; set; }

    public LocalDate? Ends { get; set; }
}
