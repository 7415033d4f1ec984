namespace Liaison.Web.Tests;

/// <summary>Complete forms for the case page's acts, as an officer fills them in.</summary>
internal static class ActForms
{
    /// <summary>An I-247A on a final order, with the I-205 W-100 the supervisor sup-1 signed in Liaison (<see cref="LiaisonWebFactory.SignWarrantAsync"/>).</summary>
    public static Dictionary<string, string> Detainer() => new()
    {
        ["Form.DetainerForm"] = "I-247A",
        ["Form.Bases"] = "final-order",
        ["Form.WarrantForm"] = "I-205",
        ["Form.WarrantNumber"] = "W-100",
    };

    /// <summary>Telling ICE of the detainer by phone.</summary>
    public static Dictionary<string, string> ToldOfDetainer() => new()
    {
        ["Form.About"] = "detainer",
        ["Form.Method"] = "phone",
        ["Form.Recipient"] = "ERO duty officer",
    };

    /// <summary>The person was told of the right to consular notification and did not ask for it (a non-mandatory country: nothing more is due).</summary>
    public static Dictionary<string, string> ConsularAdvisalDeclined() => new() { ["Form.ConsularRequested"] = "no" };

    /// <summary>The test county's agency settings as the administration page posts them, with these notice rules (dual notification) on.</summary>
    public static Dictionary<string, string> AgencySettings(params string[] dualNotices)
    {
        var form = new Dictionary<string, string>
        {
            ["Settings.Name"] = "Test County",
            ["Settings.TimeZoneId"] = "America/New_York",
            ["Settings.HoldPolicy"] = "calendar-48h",
            ["Settings.AlertEmail"] = "desk@test.example",
        };
        foreach (var (n, i) in dualNotices.Select((n, i) => (n, i)))
        {
            form[$"Settings.DualNotices[{i}]"] = n;
        }

        return form;
    }

    /// <summary>The same fields, with one changed.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string key, string value) => new(fields) { [key] = value };
}
