using Liaison.Domain;
using Liaison.Domain.Custody;
using Liaison.Scenarios;

namespace Liaison.Web.Display;

/// <summary>What a stored step recorded beyond its name, in a line a reviewer reads on the timeline.</summary>
public static class StepDetails
{
    public static string? Of(string stepJson)
    {
        CustodyStep step;
        try
        {
            step = StepJson.Read(stepJson);
        }
        catch (ScenarioFormatException)
        {
            return null; // shown without details rather than breaking the case page
        }

        return step switch
        {
            LodgeDetainer l => $"Form {Codes.Of(l.Form)}",
            RequestNotification r => r.Form is { } f ? $"Form {Codes.Of(f)}: notice of release only, no hold" : null,
            NotifyIce n => Join(
                n.About is { } about ? $"About {Show.Label(Codes.Of(about))}" : null,
                n.Notice.Method is { } m ? $"by {Show.Label(Codes.Of(m))}" : null,
                n.Notice.Recipient is { } to ? $"to {to}" : null,
                n.Notice.Reference is { } reference ? $"reference {reference}" : null),
            Interview { Interpreter: { } i } => Join(
                i.Question is null ? null : $"Asked \u201c{i.Question}\u201d",
                i.Answer is null ? null : $"answered \u201c{i.Answer}\u201d",
                i.Needed switch { true => $"interpreter needed: {i.Name}", false => "no interpreter needed", null => null }),
            _ => null,
        };
    }

    private static string? Join(params string?[] parts)
    {
        var present = parts.OfType<string>().ToList();
        return present.Count == 0 ? null : string.Join("; ", present);
    }
}
