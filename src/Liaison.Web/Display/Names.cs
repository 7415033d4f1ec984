namespace Liaison.Web.Display;

/// <summary>
/// Country (ISO 3166-1 alpha-2) and language (ISO 639-1) codes in words with the code beside: "Honduras (HN)". The
/// app runs with invariant globalization (no ICU data), so the names are a table: the countries and languages a
/// county jail meets most; any other code is shown as the code itself rather than guessed.
/// </summary>
public static class Names
{
    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "United States",
        ["MX"] = "Mexico",
        ["GT"] = "Guatemala",
        ["HN"] = "Honduras",
        ["SV"] = "El Salvador",
        ["NI"] = "Nicaragua",
        ["CR"] = "Costa Rica",
        ["PA"] = "Panama",
        ["BZ"] = "Belize",
        ["CU"] = "Cuba",
        ["DO"] = "Dominican Republic",
        ["HT"] = "Haiti",
        ["JM"] = "Jamaica",
        ["TT"] = "Trinidad and Tobago",
        ["PR"] = "Puerto Rico",
        ["VE"] = "Venezuela",
        ["CO"] = "Colombia",
        ["EC"] = "Ecuador",
        ["PE"] = "Peru",
        ["BO"] = "Bolivia",
        ["BR"] = "Brazil",
        ["AR"] = "Argentina",
        ["CL"] = "Chile",
        ["UY"] = "Uruguay",
        ["PY"] = "Paraguay",
        ["GY"] = "Guyana",
        ["CA"] = "Canada",
        ["CN"] = "China",
        ["IN"] = "India",
        ["VN"] = "Vietnam",
        ["PH"] = "Philippines",
        ["KR"] = "South Korea",
        ["JP"] = "Japan",
        ["PK"] = "Pakistan",
        ["BD"] = "Bangladesh",
        ["NP"] = "Nepal",
        ["AF"] = "Afghanistan",
        ["IR"] = "Iran",
        ["IQ"] = "Iraq",
        ["SY"] = "Syria",
        ["LB"] = "Lebanon",
        ["JO"] = "Jordan",
        ["SA"] = "Saudi Arabia",
        ["YE"] = "Yemen",
        ["TR"] = "Türkiye",
        ["NG"] = "Nigeria",
        ["GH"] = "Ghana",
        ["SN"] = "Senegal",
        ["ET"] = "Ethiopia",
        ["ER"] = "Eritrea",
        ["SO"] = "Somalia",
        ["KE"] = "Kenya",
        ["CD"] = "Democratic Republic of the Congo",
        ["CM"] = "Cameroon",
        ["EG"] = "Egypt",
        ["MA"] = "Morocco",
        ["RU"] = "Russia",
        ["UA"] = "Ukraine",
        ["PL"] = "Poland",
        ["RO"] = "Romania",
        ["AL"] = "Albania",
        ["GB"] = "United Kingdom",
        ["IE"] = "Ireland",
        ["DE"] = "Germany",
        ["FR"] = "France",
        ["ES"] = "Spain",
        ["IT"] = "Italy",
        ["PT"] = "Portugal",
    };

    private static readonly Dictionary<string, string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["es"] = "Spanish",
        ["zh"] = "Chinese",
        ["vi"] = "Vietnamese",
        ["tl"] = "Tagalog",
        ["ar"] = "Arabic",
        ["fr"] = "French",
        ["ko"] = "Korean",
        ["ru"] = "Russian",
        ["ht"] = "Haitian Creole",
        ["pt"] = "Portuguese",
        ["hi"] = "Hindi",
        ["ur"] = "Urdu",
        ["bn"] = "Bengali",
        ["pa"] = "Punjabi",
        ["fa"] = "Persian",
        ["ps"] = "Pashto",
        ["uk"] = "Ukrainian",
        ["pl"] = "Polish",
        ["ro"] = "Romanian",
        ["sq"] = "Albanian",
        ["so"] = "Somali",
        ["am"] = "Amharic",
        ["ti"] = "Tigrinya",
        ["sw"] = "Swahili",
        ["ja"] = "Japanese",
        ["de"] = "German",
        ["it"] = "Italian",
        ["tr"] = "Turkish",
        ["ne"] = "Nepali",
        ["yua"] = "Yucatec Maya",
        ["mam"] = "Mam",
        ["quc"] = "K'iche'",
        ["kjb"] = "Q'anjob'al",
    };

    /// <summary>"Honduras (HN)"; the code alone when the table does not know it; "—" when none.</summary>
    public static string Country(string? code) => Named(Countries, code);

    /// <summary>"Spanish (es)"; the code alone when the table does not know it; "—" when none.</summary>
    public static string Language(string? code) => Named(Languages, code);

    /// <summary>A complaint's finding, as internal affairs words it.</summary>
    public static string Finding(Domain.Complaints.ComplaintFinding finding) => finding switch
    {
        Domain.Complaints.ComplaintFinding.Sustained => "sustained",
        Domain.Complaints.ComplaintFinding.NotSustained => "not sustained",
        Domain.Complaints.ComplaintFinding.Unfounded => "unfounded",
        _ => "exonerated",
    };

    /// <summary>Where a complaint can be referred, by its usual name.</summary>
    public static string Body(Domain.Complaints.ReferralBody body) => body switch
    {
        Domain.Complaints.ReferralBody.Ice => "ICE",
        Domain.Complaints.ReferralBody.IceOpr => "ICE Office of Professional Responsibility",
        Domain.Complaints.ReferralBody.DhsOig => "DHS Office of Inspector General",
        _ => "DHS Office for Civil Rights and Civil Liberties",
    };

    private static string Named(Dictionary<string, string> names, string? code) =>
        string.IsNullOrWhiteSpace(code) ? "—" : names.TryGetValue(code.Trim(), out var name) ? $"{name} ({code.Trim()})" : code.Trim();
}
