using Liaison.Documents.Languages;
using Liaison.Documents.Layout;
using Liaison.Domain;
using Liaison.Domain.Consular;
using Liaison.Domain.Jurisdictions;
using NodaTime;
using PdfSharp.Pdf;

namespace Liaison.Documents.Kinds;

/// <summary>A generated PDF, with any character no embedded font could draw (empty unless a text or name needs a new script).</summary>
public sealed record PrintedDocument(byte[] Pdf, string FileName, IReadOnlyCollection<string> MissingCharacters);

/// <summary>Thrown when a document does not apply to the booking (a detainer notice with no detainer on file).</summary>
public sealed class DocumentNotApplicableException(string message) : Exception(message);

/// <summary>
/// Composes the four documents from a <see cref="DocumentCase"/> in one language. Times are local to the facility, in
/// the language's own date format; names, charges and form numbers print as the jail recorded them.
/// </summary>
public static class PrintedDocuments
{
    /// <summary>Why <paramref name="kind"/> cannot be printed for this case, or null when it can.</summary>
    public static string? NotApplicable(DocumentKind kind, DocumentCase c) => NotApplicable(kind, c?.Requests ?? throw new ArgumentNullException(nameof(c)));

    /// <summary>Why <paramref name="kind"/> cannot be printed given ICE's requests on file, or null when it can.</summary>
    public static string? NotApplicable(DocumentKind kind, IReadOnlyList<IceRequest> requests) => kind switch
    {
        DocumentKind.DetainerNotice when !requests.Any(r => r.Kind is IceRequestKind.Detainer or IceRequestKind.Warrant) =>
            "No detainer or warrant is on file for this booking: there is no detainer notice to give.",
        DocumentKind.DualNotice when requests.Count == 0 => "ICE has made no request about this person: there is nothing to copy.",
        _ => null,
    };

    public static PrintedDocument Write(DocumentKind kind, DocumentCase c, DocumentLanguage language, Instant printedAt)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(language);
        if (NotApplicable(kind, c) is { } why)
        {
            throw new DocumentNotApplicableException(why);
        }

        using var document = new PdfDocument();
        document.Info.Title = $"{Codes.Of(kind)} {c.BookingId} ({language.Tag})";
        document.Info.Author = c.Agency;
        document.Info.Creator = "Liaison";
        var w = new DocumentWriter(document, language);
        string Local(Instant at) => language.DateTime(at.InZone(c.Zone).LocalDateTime);

        switch (kind)
        {
            case DocumentKind.DetainerNotice:
                DetainerNotice(w, c, language, Local);
                break;
            case DocumentKind.RightsAdvisal:
                RightsAdvisal(w, c, language);
                break;
            case DocumentKind.CaseSummary:
                CaseSummary(w, c, language, Local);
                break;
            case DocumentKind.DualNotice:
                DualNotice(w, c, language, Local);
                break;
            case DocumentKind.InterviewConsent:
                InterviewConsent(w, c, language);
                break;
        }

        w.Finish(language.Format("common.printed", ("time", Local(printedAt)), ("agency", c.Agency), ("booking", c.BookingId)));
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return new PrintedDocument(stream.ToArray(), $"{Codes.Of(kind)}-{c.BookingId}-{language.Tag}.pdf", w.MissingCharacters);
    }

    private static void Person(DocumentWriter w, DocumentCase c, DocumentLanguage t)
    {
        w.Field(t["common.name"], $"{c.LastName}, {c.FirstName}");
        w.Field(t["common.booking"], c.BookingId);
        w.Field(t["common.dateOfBirth"], c.DateOfBirth is { } dob ? t.Date(dob) : t["common.unknown"]);
        w.Field(t["common.facility"], c.Agency);
        w.Gap(6);
    }

    /// <summary>Where the person and the officer sign, and when: every document the person is given ends so.</summary>
    private static void Signatures(DocumentWriter w, DocumentLanguage t)
    {
        w.SignatureLine(t["common.signaturePerson"]);
        w.SignatureLine(t["common.signatureOfficer"]);
        w.SignatureLine(t["common.dateTime"]);
    }

    private static void DetainerNotice(DocumentWriter w, DocumentCase c, DocumentLanguage t, Func<Instant, string> local)
    {
        w.Title(t["detainer.title"]);
        Person(w, c, t);
        w.Paragraph(t["detainer.what"]);
        if (c.Requests.LastOrDefault(r => r.Kind == IceRequestKind.Detainer) is { } detainer)
        {
            w.Paragraph(t.Format("detainer.who", ("form", detainer.Form), ("received", local(detainer.ReceivedAt))));
        }

        if (c.Requests.LastOrDefault(r => r.Kind == IceRequestKind.Warrant) is { } warrant)
        {
            w.Paragraph(t.Format("detainer.warrant", ("form", warrant.Form)));
        }

        w.Paragraph(c.HoldEnds is { } ends
            ? t.Format("detainer.until", ("deadline", local(ends)))
            : c.Jurisdiction.HoldPolicy switch
            {
                HoldPolicy.NotifyOnly => t["detainer.notifyOnly"],
                HoldPolicy.Business48h => t["detainer.untilLater.business"],
                _ => t["detainer.untilLater.calendar"],
            }, bold: true);
        w.Paragraph(t["detainer.next"]);
        w.Paragraph(t["detainer.lawyer"]);
        w.Paragraph(t["detainer.hotline"], bold: true);
        w.Paragraph(t["detainer.consulate"]);
        Signatures(w, t);
    }

    private static void RightsAdvisal(DocumentWriter w, DocumentCase c, DocumentLanguage t)
    {
        w.Title(t["rights.title"]);
        Person(w, c, t);
        w.Paragraph(t["rights.silent"]);
        w.Paragraph(t["rights.lawyer"]);
        w.Paragraph(t["rights.interpreter"]);
        w.Paragraph(t["rights.sign"]);
        if (c.ForeignNational)
        {
            w.Heading(t["rights.consularTitle"]);
            w.Paragraph(t["rights.consularRight"]);
            if (MandatoryNotification.IsMandatory(c.CitizenshipCountry))
            {
                w.Paragraph(t["rights.consularMandatory"], bold: true);
            }

            w.Paragraph(t["rights.question"]);
            w.TickBox(t["rights.yes"]);
            w.TickBox(t["rights.no"]);
        }

        Signatures(w, t);
    }

    private static void CaseSummary(DocumentWriter w, DocumentCase c, DocumentLanguage t, Func<Instant, string> local)
    {
        w.Title(t["summary.title"]);
        w.Heading(t["summary.identity"]);
        Person(w, c, t);
        w.Field(t["summary.aNumber"], c.ANumber ?? t["common.unknown"]);
        w.Field(t["summary.citizenship"], c.CitizenshipCountry ?? t["common.unknown"]);
        w.Field(t["summary.birthCountry"], c.BirthCountry ?? t["common.unknown"]);
        w.Field(t["summary.bookedAt"], local(c.BookedAt));
        w.Field(t["summary.custody"], t["custody." + c.Custody]);
        if (c.HoldEnds is { } ends)
        {
            w.Field(t["summary.holdEnds"], local(ends));
        }

        w.Heading(t["summary.charges"]);
        if (c.Charges.Count == 0)
        {
            w.Paragraph(t["summary.noCharges"]);
        }

        foreach (var charge in c.Charges)
        {
            w.Row([charge.Code, charge.Description ?? "", charge.Level ?? "", charge.Status ?? ""], [70, 270, 82, 82]);
        }

        w.Heading(t["summary.timeline"]);
        double[] widths = [120, 250, 134];
        w.Row([t["summary.when"], t["summary.event"], t["summary.by"]], widths, bold: true, rule: true);
        foreach (var e in c.Timeline)
        {
            var action = t.Has("action." + e.Action) ? t["action." + e.Action] : e.Action;
            w.Row([local(e.At), e.Refusal is { } r ? $"{action} ({t.Format("summary.refused", ("reason", r))})" : action, e.By], widths);
        }
    }

    private static void InterviewConsent(DocumentWriter w, DocumentCase c, DocumentLanguage t)
    {
        w.Title(t["consent.title"]);
        Person(w, c, t);
        w.Paragraph(t["consent.purpose"]);
        w.Paragraph(t["consent.voluntary"], bold: true);
        w.Paragraph(t["rights.silent"]);
        w.Paragraph(t["consent.choice"], before: 4);
        w.TickBox(t["consent.agree"]);
        w.TickBox(t["consent.attorney"]);
        w.TickBox(t["consent.decline"]);
        Signatures(w, t);
    }

    private static void DualNotice(DocumentWriter w, DocumentCase c, DocumentLanguage t, Func<Instant, string> local)
    {
        w.Title(t["dual.title"]);
        Person(w, c, t);
        w.Paragraph(t["dual.intro"]);
        foreach (var request in c.Requests)
        {
            w.Heading(t["dual.kind." + Codes.Of(request.Kind)]);
            w.Field(t["dual.form"], request.Form);
            w.Field(t["dual.received"], local(request.ReceivedAt));
            w.Paragraph(t[request.WillComply ? "dual.willComply" : "dual.willNotComply"], bold: true);
        }

        w.Paragraph(t["dual.releaseNotice"], before: 6);
        w.Paragraph(t["detainer.hotline"]);
        Signatures(w, t);
    }
}
