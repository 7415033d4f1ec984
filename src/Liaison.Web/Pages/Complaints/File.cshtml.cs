using Liaison.Data.Complaints;
using Liaison.Documents.Languages;
using Liaison.Domain.Complaints;
using Liaison.Web.Display;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime.Text;

namespace Liaison.Web.Pages.Complaints;

/// <summary>What the public complaint form sends (every field but the narrative may be empty).</summary>
public sealed class ComplaintForm
{
    public string? Narrative { get; set; }

    public string? IncidentDate { get; set; }

    public string? IncidentPlace { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The honeypot: hidden from people, filled in by form-filling robots. Filled, the form is refused.</summary>
    public string? Website { get; set; }
}

/// <summary>
/// The public complaint form (no sign-in; anonymous allowed) in each language of the public pages, at
/// <c>/complaints/{tag}</c>: filed through <see cref="ComplaintService"/>, answered with a redirect to the receipt with the tracking code.
/// Posting is rate-limited by address (<see cref="PublicFormLimits"/>); files are checked by their content.
/// </summary>
public sealed class FileModel(ComplaintService complaints) : PublicPageModel
{
    [BindProperty]
    public ComplaintForm Complaint { get; set; } = new();

    /// <summary>What was wrong, in the page's language.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Set once filed: the complaint's number and its tracking code.</summary>
    public (string Number, string Code)? Filed { get; private set; }

    /// <summary>Where the receipt waits for its page: the browser's own TempData cookie, encrypted (decision 0022).</summary>
    private const string ReceiptKey = "ComplaintReceipt";

    public IActionResult OnGet(string? lang) => Choose(lang) ? Page() : NotFound();

    /// <summary>
    /// The receipt, after the filing's redirect. Peeked, not read: reloading it shows the same code again in this
    /// browser, until the browser is closed or files another complaint; any other browser is sent to the form.
    /// </summary>
    public IActionResult OnGetReceived(string? lang)
    {
        if (!Choose(lang))
        {
            return NotFound();
        }

        if (TempData.Peek(ReceiptKey) is not string receipt || receipt.Split(' ') is not [var number, var code])
        {
            return Redirect($"/complaints/{Language.Tag}");
        }

        Filed = (number, code);
        Response.Headers.CacheControl = "no-store"; // the code is the key to the status page: not kept in any cache
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? lang, CancellationToken ct)
    {
        if (!Choose(lang))
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Complaint.Website))
        {
            return Refuse([Language["complaint.problem.honeypot"]]);
        }

        LocalDateOrNull(out var date, out var dateProblem);
        var uploads = new List<ComplaintUpload>();
        foreach (var file in Request.HasFormContentType ? Request.Form.Files : (IEnumerable<IFormFile>)[])
        {
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue; // the browser sends an empty part when no file was chosen
            }

            // Read at most one byte over the limit: enough to refuse it by size without holding more.
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await CopyAtMostAsync(stream, buffer, Attachment.MaxBytes + 1, ct);
            uploads.Add(new ComplaintUpload(file.FileName, buffer.ToArray()));
        }

        var filing = new ComplaintFiling(Language.Tag, Complaint.Narrative ?? "", date, Complaint.IncidentPlace, Complaint.ContactName, Complaint.ContactEmail, Complaint.ContactPhone, uploads);
        var (filed, code, problems) = dateProblem ? (null, null, [new ComplaintProblem("dateFormat", "Date: write it as YYYY-MM-DD.")]) : await complaints.FileAsync(filing, ct);
        if (filed is null)
        {
            return Refuse([.. problems.Select(Say)]);
        }

        TempData[ReceiptKey] = $"{filed.Number} {code}";
        return SeeOther($"/complaints/{Language.Tag}?handler=received");
    }

    private void LocalDateOrNull(out NodaTime.LocalDate? date, out bool problem)
    {
        date = null;
        problem = false;
        if (string.IsNullOrWhiteSpace(Complaint.IncidentDate))
        {
            return;
        }

        var parsed = LocalDatePattern.Iso.Parse(Complaint.IncidentDate.Trim());
        problem = !parsed.Success;
        date = parsed.Success ? parsed.Value : null;
    }

    private static async Task CopyAtMostAsync(Stream from, Stream to, int limit, CancellationToken ct)
    {
        var chunk = new byte[81920];
        int read;
        while (to.Length < limit && (read = await from.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - to.Length)), ct)) > 0)
        {
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
        }
    }

    /// <summary>A problem in the page's language, with its limit or file name.</summary>
    private string Say(ComplaintProblem problem) => Language.Format("complaint.problem." + problem.Key,
        ("max", problem.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", problem.Name));

    private PageResult Refuse(IReadOnlyList<string> problems)
    {
        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
