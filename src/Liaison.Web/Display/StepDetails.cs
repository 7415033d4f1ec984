using Liaison.Data.Custody;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using Liaison.Scenarios;
using NodaTime;

namespace Liaison.Web.Display;

/// <summary>One recorded fact of an event, as a reviewer reads it: "Warrant: I-205 W-100, signed by Ada Cole (sup-1)".</summary>
public sealed record Detail(string Label, string Value);

/// <summary>
/// Everything a stored step recorded, in plain words, so a case can be reviewed from its page alone: the warrant's
/// form, number and signer, the probable-cause bases, advisals, the person's claim, reasons, scheduled times, findings
/// and evidence, and the agreement and certification a designated officer acted under.
/// </summary>
public sealed class StepDetails(CustodyWorld world, IReadOnlyDictionary<string, string> officerNames)
{
    private DateTimeZone Zone => world.Zone;

    /// <summary>The recorded facts of <paramref name="stepJson"/>; empty for a step that records nothing beyond its name.</summary>
    public IReadOnlyList<Detail> Of(string stepJson)
    {
        CustodyStep step;
        try
        {
            step = StepJson.Read(stepJson);
        }
        catch (ScenarioFormatException)
        {
            return []; // shown without details rather than breaking the case page
        }

        var details = new List<Detail>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                details.Add(new Detail(label, value));
            }
        }

        switch (step)
        {
            case Book b:
                Add("Charges", b.Details.Charges.Count == 0 ? "none recorded" : string.Join("; ", b.Details.Charges.Select(c => $"{c.Code} {c.Description}".Trim())));
                break;
            case BiometricResponse r:
                Add("DHS answer", r.Result is { } result ? Show.Dhs(Codes.Of(result)) : "no result");
                Add("DHS record status", r.RecordStatus is { } status ? Show.RecordStatus(status) : null);
                break;
            case Interview i:
                Add("Language used", i.Language is null ? null : Names.Language(i.Language));
                Add("Advisals given", i.Advisals.Count == 0 ? "none" : string.Join(", ", i.Advisals.Select(Advisal)));
                Add("The person said they are", i.Claims switch
                {
                    InterviewClaim.ForeignNational => "a foreign national",
                    InterviewClaim.UsCitizen => "a US citizen (a claim of citizenship)",
                    InterviewClaim.Declined => "declined to answer",
                    null => "not recorded",
                });
                if (i.Interpreter is { } interpreter)
                {
                    Add("Asked", interpreter.Question is null ? null : $"\u201c{interpreter.Question}\u201d");
                    Add("Answered", interpreter.Answer is null ? null : $"\u201c{interpreter.Answer}\u201d");
                    Add("Interpreter", interpreter.Needed switch { true => $"needed; interpreted by {interpreter.Name}", false => "not needed", null => null });
                }

                break;
            case LodgeDetainer l:
                Add("Form", Show.DetainerForm(l.Form));
                Add("Probable cause", l.Bases.IsEmpty ? "none ticked" : string.Join("; ", l.Bases.Items.Select(Show.Basis)));
                Add("Warrant", Warrant(l.Warrant));
                break;
            case ServeWarrant w:
                Add("Warrant", Warrant(w.Warrant));
                break;
            case RequestNotification n:
                Add("Form", n.Form is { } f ? Show.DetainerForm(f) + " (notice of release only: holds no one)" : null);
                break;
            case NotifyIce n:
                Add("About", n.About is { } about ? Show.Label(Codes.Of(about)) : null);
                Add("How", n.Notice.Method is { } m ? Show.Label(Codes.Of(m)) : null);
                Add("Told to", n.Notice.Recipient);
                Add("Reference", n.Notice.Reference);
                break;
            case ReleaseScheduled s:
                Add("Expected release", s.Expected is { } expected ? Show.When(expected, Zone) : "not given");
                break;
            case ReleaseEligible e:
                Add("Reason", e.Reason is null ? "not given" : Show.EligibleReason(e.Reason));
                break;
            case LiftDetainer l:
                Add("Reason", l.Reason is null ? "not given" : LiftReasons.Describe(LiftReasons.CodeOf(l.Reason)) + (LiftReasons.CodeOf(l.Reason) == LiftReasons.Other ? $": {l.Reason}" : ""));
                break;
            case ResolveCitizenship r:
                Add("Finding", r.Finding is { } finding ? Show.Label(Codes.Of(finding)) : "not given");
                Add("Evidence relied on", r.Evidence ?? "not given");
                break;
            default:
                break;
        }

        Add("Authority", Authority(step));
        return details;
    }

    /// <summary>The agreement and certification a designated officer's act fell under, as recorded in Liaison on that day.</summary>
    private string? Authority(CustodyStep step)
    {
        if (step.Actor is null || !AgreementModels.NeedsAgreement(step.Action)
            || world.Officers.FirstOrDefault(o => o.Id == step.Actor) is not { Kind: ActorKind.DesignatedOfficer } officer)
        {
            return null;
        }

        var day = step.At.InZone(Zone).Date;
        var under = world.Agreements.Where(a => a.IsInEffectOn(day) && a.Model.Authorizes(step.Action))
            .Select(a => (Agreement: a, Certification: officer.Certifications.FirstOrDefault(c => c.Model == a.Model && c.IsValidOn(day))))
            .FirstOrDefault(x => x.Certification is not null);
        return under.Agreement is null
            ? "no agreement and certification in force that day"
            : $"agreement {under.Agreement.Id} ({Codes.Of(under.Agreement.Model)}); {Codes.Of(under.Certification!.Model)} certification valid {Show.Day(under.Certification.Completed)} to {Show.Day(under.Certification.Expires)}";
    }

    private string? Warrant(Warrant? w) => w is null
        ? "none"
        : string.Join(", ", new[]
        {
            $"{(w.Form is { } f ? Codes.Of(f) : "form not given")} {w.Number ?? "(no number)"}",
            w.SignedBy is { } by ? $"signed by {Name(by)}" : "no signer",
        });

    private string Name(string actor) => officerNames.TryGetValue(actor, out var name) ? $"{name} ({actor})" : actor;

    private static string Advisal(string code) => code switch
    {
        "rights" => "rights advisal",
        "consular" => "consular notification",
        _ => code,
    };
}
