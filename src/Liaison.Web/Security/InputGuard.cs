using System.Globalization;
using Liaison.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Liaison.Web.Security;

/// <summary>How a field's characters are checked.</summary>
public enum FieldText
{
    /// <summary>One line of plain text: no control or text-direction characters (names, ids, codes, dates).</summary>
    Line,

    /// <summary>Free text that may run over several lines (evidence, reasons): line breaks and tabs allowed, other control and text-direction characters not.</summary>
    Lines,

    /// <summary>A secret (password, code): no control characters; never echoed.</summary>
    Secret,
}

/// <summary>A field's label (as messages name it), its longest allowed value and its character rule.</summary>
public sealed record FieldLimit(string Label, int MaxLength, FieldText Text = FieldText.Line);

/// <summary>
/// Every field any page accepts, by its form or query name (case-insensitive), with its documented maximum length
/// (docs/security.md lists them). Checked for every request before any handler runs, so nothing oversized or
/// hidden reaches the engine or the database. A test fails when a page binds a field missing here.
/// </summary>
public static class FieldLimits
{
    /// <summary>Any request larger than this is refused before it is read (413).</summary>
    public const long MaxRequestBytes = 256 * 1024;

    /// <summary>More fields than this in one form is refused (the largest form has about twenty).</summary>
    public const int MaxFields = 256;

    /// <summary>A field this page does not know still may not be longer than this.</summary>
    public static readonly FieldLimit Unknown = new("A field", 256);

    public static readonly IReadOnlyDictionary<string, FieldLimit> Fields = new Dictionary<string, FieldLimit>(StringComparer.OrdinalIgnoreCase)
    {
        // Sign-in and accounts
        ["UserName"] = new("User name", 64),
        ["DisplayName"] = new("Name", 100),
        ["Password"] = new("Password", 256, FieldText.Secret),
        ["CurrentPassword"] = new("Current password", 256, FieldText.Secret),
        ["NewPassword"] = new("New password", 256, FieldText.Secret),
        ["Code"] = new("Code", 16, FieldText.Secret),
        ["RecoveryCode"] = new("Recovery code", 32, FieldText.Secret),
        ["ReturnUrl"] = new("Return address", 2048),
        ["Role"] = new("Role", 32),
        ["Account"] = new("Account", 64),
        ["__RequestVerificationToken"] = new("Form token", 1024),

        // Integration keys
        ["Scopes"] = new("Scope", 32),
        ["Key"] = new("Key id", 16),

        // Agency settings, holidays, agreements, officers, certifications
        ["Settings.Name"] = new("Agency name", 200),
        ["Settings.TimeZoneId"] = new("Time zone", 64),
        ["Settings.HoldPolicy"] = new("Hold policy", 32),
        ["Settings.AlertEmail"] = new("Alert e-mail", 256),
        ["Settings.DisclosureThreshold"] = new("Statistics threshold k", 4),
        ["Settings.DualNotices"] = new("Notices to the person", 32),
        ["HolidayDate"] = new("Holiday date", 32),
        ["HolidayName"] = new("Holiday name", 100),
        ["date"] = new("Date", 32),
        ["Id"] = new("Agreement id", 64),
        ["Model"] = new("Agreement model", 8),
        ["Effective"] = new("Effective date", 32),
        ["Ends"] = new("End date", 32),
        ["agreementId"] = new("Agreement", 64),
        ["Name"] = new("Name", 100),
        ["Kind"] = new("Kind", 32),
        ["OfficerId"] = new("Officer id", 64),
        ["active"] = new("Active", 8),
        ["Completed"] = new("Training completed", 32),
        ["Expires"] = new("Certification expires", 32),
        ["LetterNumber"] = new("Letter number", 64),
        ["LetterDate"] = new("Letter date", 32),
        ["LetterSignedBy"] = new("Letter signed by", 100),
        ["CertificationId"] = new("Certification", 16),
        ["alertId"] = new("Alert", 32),
        ["returnTo"] = new("Return to", 80),
        ["Severity"] = new("Severity", 2),
        ["Booking"] = new("Booking", 64),
        ["proposalId"] = new("Proposal", 20),
        ["on"] = new("Two-person rule", 8),

        // Search, audit log filters, paging
        ["q"] = new("Search", 100),
        ["dob"] = new("Date of birth", 32),
        ["Actor"] = new("Actor", 256),
        ["ActionFilter"] = new("Action", 64),
        ["Action"] = new("Action", 64),
        ["Record"] = new("Record", 64),
        ["From"] = new("From", 32),
        ["To"] = new("To", 32),
        ["Show"] = new("Show", 16),
        ["PageNumber"] = new("Page", 9),
        ["handler"] = new("Handler", 32),

        // Statistics: the dashboard's filters and the publish act
        ["Period"] = new("Period", 10),
        ["ModelFilter"] = new("Agreement model", 8),
        ["Month"] = new("Month", 7),
        ["Note"] = new("Note", 500),
        ["part"] = new("Part", 16),
        ["format"] = new("Format", 32),
        ["year"] = new("Year", 4),

        // The case page's acts
        ["Form.Language"] = new("Language", 16),
        ["Form.Advisals"] = new("Advisal", 64),
        ["Form.Claims"] = new("Claim", 32),
        ["Form.Bases"] = new("Probable-cause basis", 32),
        ["Form.WarrantForm"] = new("Warrant form", 16),
        ["Form.WarrantNumber"] = new("Warrant number", 64),
        ["Form.SignedWarrant"] = new("Signed warrant", 20),
        ["Form.Finding"] = new("Finding", 32),
        ["Form.Evidence"] = new("Evidence", 2000, FieldText.Lines),
        ["Form.Reason"] = new("Reason", 500, FieldText.Lines),
        ["Form.Expected"] = new("Expected release", 32),
        ["Form.DetainerForm"] = new("Detainer form", 16),
        ["Form.About"] = new("About", 32),
        ["Form.Method"] = new("Method", 32),
        ["Form.Recipient"] = new("Told to", 200),
        ["Form.Reference"] = new("Reference", 100),
        ["Form.InterpreterAnswer"] = new("Interpreter's answer", 500, FieldText.Lines),
        ["Form.InterpreterNeeded"] = new("Interpreter needed", 8),
        ["Form.InterpreterName"] = new("Interpreter's name", 100),
        ["Form.RequestId"] = new("Request id", 64),
        ["Form.CheckOnly"] = new("Check first", 8),
        ["Form.Insist"] = new("Record the attempt anyway", 8),
        ["Form.Confirmed"] = new("Confirmation", 8),
        ["Form.Corrects"] = new("Entry corrected", 10),
        ["Form.CorrectionReason"] = new("Why the entry was wrong", 1000, FieldText.Lines),
        ["Form.Proposal"] = new("Correction proposal", 20),
        ["Form.DecisionNote"] = new("Note", 1000, FieldText.Lines),
        ["Form.Outcome"] = new("Outcome", 16),
        ["Form.Note"] = new("Why, or a note for ICE", 500, FieldText.Lines),
        ["Form.AssignTo"] = new("Assign to", 64),
        ["Form.ConsularRequested"] = new("Asked for the consulate", 3),
        ["Form.ConsularMethod"] = new("How the consulate was told", 16),
        ["Form.ConsularPost"] = new("Consulate told", 200),
        ["Form.ConsularReference"] = new("Reference", 100),
        ["Form.NoticeKind"] = new("Notice", 32),
        ["Form.NoticeAbout"] = new("Notice about", 40),
        ["Form.Attorney"] = new("Attorney of record", 200),
        ["Form.Consent"] = new("Consent", 16),
        ["Sort"] = new("Sort", 16),
        ["sort"] = new("Sort", 16),
        ["kind"] = new("Document", 32),
        ["language"] = new("Language", 16),
        ["CorrectEntry"] = new("Entry to correct", 10),
        ["correct"] = new("Entry to correct", 10),
        ["Filter"] = new("Timeline filter", 16),
        ["show"] = new("Filter", 16),

        // The public complaint form and status page (no sign-in), and the staff's complaint workflow
        ["Complaint.Narrative"] = new("What happened", Data.Complaints.ComplaintRecord.MaxNarrative, FieldText.Lines),
        ["Complaint.IncidentDate"] = new("The day it happened", 32),
        ["Complaint.IncidentPlace"] = new("Where it happened", Data.Complaints.ComplaintRecord.MaxPlace),
        ["Complaint.ContactName"] = new("Name", Data.Complaints.ComplaintRecord.MaxName),
        ["Complaint.ContactEmail"] = new("E-mail", Data.Complaints.ComplaintRecord.MaxEmail),
        ["Complaint.ContactPhone"] = new("Telephone", Data.Complaints.ComplaintRecord.MaxPhone),
        ["Complaint.Website"] = new("Leave this field empty", 256),
        ["TrackingCode"] = new("Tracking code", 32),
        ["lang"] = new("Language", 16),
        ["Act.Investigator"] = new("Investigator", Domain.Complaints.ComplaintState.MaxId),
        ["Act.ImmigrationRole"] = new("Immigration role", 8),
        ["Act.BookingId"] = new("Booking", Domain.Complaints.ComplaintState.MaxId),
        ["Act.OfficerId"] = new("Officer", Domain.Complaints.ComplaintState.MaxId),
        ["Act.Finding"] = new("Finding", 32),
        ["Act.Summary"] = new("Summary", Domain.Complaints.ComplaintState.MaxSummary, FieldText.Lines),
        ["Act.To"] = new("Referred to", 16),
        ["Act.Reference"] = new("Reference", Domain.Complaints.ComplaintState.MaxReference),
        ["Act.Results"] = new("Results", 8),
        ["fileId"] = new("File", 20),

        // The community trust survey: the public's answers (no sign-in), and the staff's rounds and invitations
        ["InvitationCode"] = new("Invitation code", 32),
        ["item-pj-fair"] = new("Answer", 8),
        ["item-pj-respect"] = new("Answer", 8),
        ["item-pj-explain"] = new("Answer", 8),
        ["item-pj-equal"] = new("Answer", 8),
        ["item-wr-victim"] = new("Answer", 8),
        ["item-wr-witness"] = new("Answer", 8),
        ["item-wr-immigration"] = new("Answer", 8),
        ["about-age"] = new("About you", 16),
        ["about-sex"] = new("About you", 16),
        ["about-ethnicity"] = new("About you", 16),
        ["about-language"] = new("About you", 16),
        ["round"] = new("Round", 10),
        ["count"] = new("Invitations", 10),
        ["channel"] = new("As", 16),
    };

    /// <summary>A complaint with its files may be this large (<see cref="Domain.Complaints.Attachment"/>: three files of 2 MB, and the form).</summary>
    public const long MaxComplaintRequestBytes = (Domain.Complaints.Attachment.MaxCount * (long)Domain.Complaints.Attachment.MaxBytes) + (512 * 1024);

    /// <summary>The largest request a path accepts: the public complaint form takes files; everything else, <see cref="MaxRequestBytes"/>.</summary>
    public static long MaxRequestBytesFor(PathString path) =>
        path.StartsWithSegments("/complaints", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/complaints/status", StringComparison.OrdinalIgnoreCase)
            ? MaxComplaintRequestBytes
            : MaxRequestBytes;

    /// <summary>Whether the form at <paramref name="path"/> takes files (the complaint form), and so a larger request.</summary>
    public static bool TakesFiles(PathString path) => MaxRequestBytesFor(path) > MaxRequestBytes;

    public static FieldLimit For(string name) => Fields.TryGetValue(name, out var limit) ? limit : Unknown;

    /// <summary>What is wrong with <paramref name="value"/> as field <paramref name="name"/>, or null.</summary>
    public static string? Problem(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        var limit = For(name);
        if (PlainText.Problem(name) is not null || name.Length > 256)
        {
            return "A field name is not plain text.";
        }

        if (value.Length > limit.MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{limit.Label}: at most {limit.MaxLength:N0} characters. This one has {value.Length:N0}.");
        }

        var hidden = limit.Text switch
        {
            FieldText.Line => PlainText.Problem(value) is not null,
            FieldText.Lines => PlainText.Problem(value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal)) is not null,
            FieldText.Secret => value.Any(char.IsControl),
            _ => false,
        };
        return hidden ? $"{limit.Label}: contains a control or text-direction character; type plain text." : null;
    }
}

/// <summary>
/// Checks every query and form value of every page request against <see cref="FieldLimits"/> before the handler
/// runs; a bad value answers 400 with the problems listed (the error page names each field), and nothing is stored.
/// </summary>
public sealed class InputGuard : IAsyncPageFilter
{
    /// <summary>Where the problems wait for the error page that shows them.</summary>
    public const string ProblemsKey = "liaison.input-problems";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        // The error page, shown in place of a refused request, sees that request's values again: let it render.
        var problems = context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            ? Problems(context.HttpContext.Request)
            : [];
        if (problems.Count > 0)
        {
            context.HttpContext.Items[ProblemsKey] = problems;
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        await next();
    }

    /// <summary>
    /// Why the framework could not read a form (it refuses a NUL or too many fields without naming either): the
    /// buffered body is read again, leniently, to name the field; or the general reason.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreadableFormProblemsAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var general = $"The form could not be read: at most {FieldLimits.MaxFields} fields, each within its length, in plain text.";
        if (!request.Body.CanSeek || !request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return [general];
        }

        try
        {
            request.Body.Position = 0;
            using var reader = new Microsoft.AspNetCore.WebUtilities.FormReader(request.Body) { ValueCountLimit = FieldLimits.MaxFields };
            var problems = ProblemsOf(await reader.ReadFormAsync(request.HttpContext.RequestAborted));
            return problems.Count > 0 ? problems : [general];
        }
        catch (InvalidDataException)
        {
            return [general];
        }
    }

    /// <summary>The problems of a request's query and form values (the form already read).</summary>
    public static List<string> Problems(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = request.Query.AsEnumerable();
        return ProblemsOf(request.HasFormContentType ? pairs.Concat(request.Form) : pairs);
    }

    /// <summary>Each distinct problem of <paramref name="fields"/>' values, in order.</summary>
    private static List<string> ProblemsOf(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields)
    {
        var problems = new List<string>();
        foreach (var (name, values) in fields)
        {
            foreach (var value in values)
            {
                if (FieldLimits.Problem(name, value ?? "") is { } problem && !problems.Contains(problem))
                {
                    problems.Add(problem);
                }
            }
        }

        return problems;
    }
}
