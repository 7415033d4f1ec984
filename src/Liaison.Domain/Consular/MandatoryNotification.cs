namespace Liaison.Domain.Consular;

/// <summary>
/// The US State Department's mandatory-notification countries: for their nationals the consulate is told of the
/// detention whatever the person wants (Vienna Convention art. 36 and bilateral treaties). Reference data, by ISO
/// 3166-1 alpha-2 code, from ../shared/docs/domain.md; the State Department's list is the authority and changes.
/// </summary>
public static class MandatoryNotification
{
    /// <summary>Code → country, as the list names it (territories covered by a listed country appear under their own code).</summary>
    public static readonly IReadOnlyDictionary<string, string> Countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AL"] = "Albania",
        ["DZ"] = "Algeria",
        ["AG"] = "Antigua and Barbuda",
        ["AM"] = "Armenia",
        ["AZ"] = "Azerbaijan",
        ["BS"] = "Bahamas",
        ["BB"] = "Barbados",
        ["BY"] = "Belarus",
        ["BZ"] = "Belize",
        ["BN"] = "Brunei",
        ["BG"] = "Bulgaria",
        ["CN"] = "China",
        ["HK"] = "China (Hong Kong)",
        ["MO"] = "China (Macao)",
        ["CR"] = "Costa Rica",
        ["CY"] = "Cyprus",
        ["CZ"] = "Czech Republic",
        ["DM"] = "Dominica",
        ["FJ"] = "Fiji",
        ["GM"] = "Gambia",
        ["GE"] = "Georgia",
        ["GH"] = "Ghana",
        ["GD"] = "Grenada",
        ["GY"] = "Guyana",
        ["HU"] = "Hungary",
        ["JM"] = "Jamaica",
        ["KZ"] = "Kazakhstan",
        ["KI"] = "Kiribati",
        ["KW"] = "Kuwait",
        ["KG"] = "Kyrgyzstan",
        ["MY"] = "Malaysia",
        ["MT"] = "Malta",
        ["MU"] = "Mauritius",
        ["MD"] = "Moldova",
        ["MN"] = "Mongolia",
        ["NG"] = "Nigeria",
        ["PH"] = "Philippines",
        ["PL"] = "Poland",
        ["RO"] = "Romania",
        ["RU"] = "Russia",
        ["KN"] = "Saint Kitts and Nevis",
        ["LC"] = "Saint Lucia",
        ["VC"] = "Saint Vincent and the Grenadines",
        ["SC"] = "Seychelles",
        ["SL"] = "Sierra Leone",
        ["SG"] = "Singapore",
        ["SK"] = "Slovakia",
        ["TJ"] = "Tajikistan",
        ["TZ"] = "Tanzania",
        ["TO"] = "Tonga",
        ["TT"] = "Trinidad and Tobago",
        ["TN"] = "Tunisia",
        ["TM"] = "Turkmenistan",
        ["TV"] = "Tuvalu",
        ["UA"] = "Ukraine",
        ["UZ"] = "Uzbekistan",
        ["ZM"] = "Zambia",
        ["ZW"] = "Zimbabwe",
        ["GB"] = "United Kingdom",
        // The United Kingdom's Crown Dependencies and Overseas Territories.
        ["GG"] = "United Kingdom (Guernsey)",
        ["JE"] = "United Kingdom (Jersey)",
        ["IM"] = "United Kingdom (Isle of Man)",
        ["AI"] = "United Kingdom (Anguilla)",
        ["BM"] = "United Kingdom (Bermuda)",
        ["VG"] = "United Kingdom (British Virgin Islands)",
        ["KY"] = "United Kingdom (Cayman Islands)",
        ["FK"] = "United Kingdom (Falkland Islands)",
        ["GI"] = "United Kingdom (Gibraltar)",
        ["MS"] = "United Kingdom (Montserrat)",
        ["PN"] = "United Kingdom (Pitcairn)",
        ["SH"] = "United Kingdom (Saint Helena)",
        ["TC"] = "United Kingdom (Turks and Caicos Islands)",
        ["IO"] = "United Kingdom (British Indian Ocean Territory)",
    };

    /// <summary>What the officer must know beyond the list itself, by code.</summary>
    public static readonly IReadOnlyDictionary<string, string> Caveats = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["PL"] = "Mandatory for Polish nationals who are not US permanent residents (the list's entry is unconfirmed); Liaison treats it as mandatory.",
        ["CN"] = "Not for holders of a Taiwan passport (recorded as TW).",
    };

    /// <summary>Whether a national of <paramref name="country"/> (an ISO code) must have the consulate told whatever they want.</summary>
    public static bool IsMandatory(string? country) => country is { Length: > 0 } && Countries.ContainsKey(country);
}
