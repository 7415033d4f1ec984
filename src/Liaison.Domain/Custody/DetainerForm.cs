namespace Liaison.Domain.Custody;

/// <summary>
/// The DHS forms that arrive as "detainers". Only the I-247A asks the jail to hold anyone; the I-247G and
/// I-247N ask only to be told before the person is released (rule 8 and rule 13).
/// </summary>
public enum DetainerForm
{
    /// <summary>Immigration detainer, notice of action: a request to hold, with a signed I-200 or I-205.</summary>
    [Code("I-247A")]
    I247A,

    /// <summary>Request for advance notification of release (the only form covered ICE offices may issue under Gonzalez v. ICE).</summary>
    [Code("I-247G")]
    I247G,

    /// <summary>Request for voluntary notification of release of a suspected priority alien.</summary>
    [Code("I-247N")]
    I247N,
}

public static class DetainerForms
{
    /// <summary>An I-247G or I-247N: asks for notice of release, never for a hold.</summary>
    public static bool IsNotificationOnly(this DetainerForm form) => form switch
    {
        DetainerForm.I247A => false,
        DetainerForm.I247G or DetainerForm.I247N => true,
    };
}
