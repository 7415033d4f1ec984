using Liaison.Data.Custody;
using Liaison.Domain;
using Liaison.Domain.Custody;
using Liaison.Domain.Officers;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Cases;

/// <summary>The fields of one act's form (<c>_ActFields</c>): open shows the values in <see cref="CaseModel.Form"/>; correcting an entry prefills them from it.</summary>
public sealed record ActFields(CaseModel Page, ActOption Act, bool Open)
{
    public bool Correcting => Page.Correcting is not null;
}

/// <summary>An entry the signed-in user is correcting: the stored event, the step it recorded, and the act whose form re-enters its values.</summary>
public sealed record CorrectionTarget(CustodyEventRecord Event, CustodyStep Step, ActOption Act)
{
    /// <summary>Acts that record nothing beyond their name and instant: there are no values to correct, only the entry to void.</summary>
    public bool HasValues => Act.Action is not (CustodyAction.ServeDetainer or CustodyAction.ClaimCitizenship or CustodyAction.AssumeCustody or CustodyAction.Release);
}

/// <summary>
/// Corrections on the case page: which entries a user may correct, and a recorded step's values as the act's form
/// fields, so the correction form opens with what was recorded and the officer changes only what was wrong.
/// </summary>
public static class CaseCorrectionForms
{
    /// <summary>The entry <paramref name="sequence"/> when the user may correct it: accepted, an act the page offers, one their role may record.</summary>
    public static CorrectionTarget? Target(BookingCase c, int sequence, ActorKind kind)
    {
        ArgumentNullException.ThrowIfNull(c);
        var e = c.Events.FirstOrDefault(x => x.Sequence == sequence && x.Accepted && x.Action != StoredHistory.CorrectionAction);
        return e is not null && Codes.TryParse<CustodyAction>(e.Action, out var action) && kind.May(action) && CaseActs.Handler(action) is { } act
            ? new CorrectionTarget(e, Scenarios.StepJson.Read(e.StepJson), act)
            : null;
    }

    /// <summary>The form values that record <paramref name="step"/> again (times in the facility's zone).</summary>
    public static ActForm FormOf(CustodyStep step, DateTimeZone zone, IReadOnlyList<SignedWarrantRecord> warrants)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(warrants);
        string? Signed(Warrant? w) => w is null ? null
            : warrants.FirstOrDefault(s => s.Form == (w.Form is { } f ? Codes.Of(f) : null) && s.Number == w.Number)?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return step switch
        {
            Interview i => new ActForm
            {
                Language = i.Language,
                Advisals = [.. i.Advisals],
                Claims = i.Claims is { } claim ? Codes.Of(claim) : null,
                InterpreterAnswer = i.Interpreter?.Answer,
                InterpreterNeeded = i.Interpreter?.Needed switch { true => "yes", false => "no", null => null },
                InterpreterName = i.Interpreter?.Name,
            },
            LodgeDetainer l => new ActForm { DetainerForm = Codes.Of(l.Form), Bases = [.. l.Bases.Items.Select(Codes.Of)], SignedWarrant = Signed(l.Warrant) },
            ServeWarrant w => new ActForm { SignedWarrant = Signed(w.Warrant) },
            RequestNotification n => new ActForm { DetainerForm = n.Form is { } form ? Codes.Of(form) : null },
            NotifyIce n => new ActForm
            {
                About = n.About is { } about ? Codes.Of(about) : null,
                Method = n.Notice.Method is { } m ? Codes.Of(m) : null,
                Recipient = n.Notice.Recipient,
                Reference = n.Notice.Reference,
            },
            ResolveCitizenship r => new ActForm { Finding = r.Finding is { } finding ? Codes.Of(finding) : null, Evidence = r.Evidence },
            LiftDetainer l => new ActForm { Reason = l.Reason },
            ReleaseEligible e => new ActForm { Reason = e.Reason },
            ReleaseScheduled s => new ActForm
            {
                Expected = s.Expected is { } expected ? LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Format(expected.InZone(zone).LocalDateTime) : null,
            },
            _ => new ActForm(),
        };
    }
}
