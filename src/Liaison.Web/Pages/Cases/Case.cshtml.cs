using Liaison.Data.Alerts;
using Liaison.Data.Custody;
using Liaison.Data.Documents;
using Liaison.Documents.Kinds;
using Liaison.Documents.Languages;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Consular;
using Liaison.Domain.Custody;
using Liaison.Domain.Notices;
using Liaison.Domain.Officers;
using Liaison.Scenarios;
using Liaison.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Pages.Cases;

/// <summary>
/// One booking: the person, charges, the hold countdown, the timeline of every event, and the acts the
/// signed-in user may take now (with the engine's reason for each they may not). Every act posts here.
/// </summary>
public sealed class CaseModel(CustodyService custody, CaseQueries cases, CurrentActor currentActor, WarrantSignatures warrants, CaseCorrections corrections,
    IAuthorizationService authorization, DocumentService documents) : PageModel
{
    public BookingCase Case { get; private set; } = null!;

    public IReadOnlyList<ActOption> Acts { get; private set; } = [];

    public IReadOnlyList<AlertRecord> OpenAlerts { get; private set; } = [];

    public IReadOnlyDictionary<string, string> OfficerNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>The warrants ICE supervisors signed in Liaison for this booking: the only ones an officer may lodge or serve.</summary>
    public IReadOnlyList<SignedWarrantRecord> SignedWarrants { get; private set; } = [];

    /// <summary>Whether the signed-in user may acknowledge alerts here (auditors read only: they see no buttons).</summary>
    public bool CanAcknowledge { get; private set; }

    /// <summary>Whether the signed-in user is an ICE supervisor, who signs warrants.</summary>
    public bool CanSignWarrants { get; private set; }

    public DateTimeZone Zone => Case.World.Zone;

    [BindProperty]
    public ActForm Form { get; set; } = new();

    /// <summary>The act whose form is shown open (a refused or checked post), with the engine's answer inside it.</summary>
    public string? OpenAct { get; private set; }

    public (string Tone, string Message)? ActAnswer { get; private set; }

    /// <summary>What DHS's records said of the person at the latest biometric response, if it said.</summary>
    public RecordStatus? DhsRecordStatus { get; private set; }

    /// <summary>The facts each event recorded, in words.</summary>
    public Display.StepDetails Details { get; private set; } = null!;

    /// <summary>Which events the timeline shows: all, or only refused attempts.</summary>
    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Filter { get; set; }

    public bool RefusedOnly => Filter == "refused";

    /// <summary>The entry to correct (<c>?correct=7</c>): the page shows its correction form in place of the acts.</summary>
    [BindProperty(SupportsGet = true, Name = "correct")]
    public int? CorrectEntry { get; set; }

    /// <summary>The entry being corrected, when the signed-in user may correct it.</summary>
    public CorrectionTarget? Correcting { get; private set; }

    /// <summary>The signed-in user's kind of actor; null for those who only read.</summary>
    public ActorKind? Kind { get; private set; }

    /// <summary>Corrections waiting for a second person's approval.</summary>
    public IReadOnlyList<CorrectionProposalRecord> PendingCorrections { get; private set; } = [];

    /// <summary>The corrections on record, by the entry each corrects.</summary>
    public ILookup<int, (int Sequence, StoredCorrection Correction)> Corrections { get; private set; } = Array.Empty<(int, StoredCorrection)>().ToLookup(c => c.Item1);

    /// <summary>What a correction entry recorded: which entry, how, why, who approved, and the corrected values.</summary>
    public IReadOnlyList<Display.Detail> CorrectionDetails(CustodyEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var stored = StoredHistory.ReadCorrection(e.StepJson);
        var c = stored.Correction;
        var target = Case.Events.FirstOrDefault(x => x.Sequence == c.Target);
        List<Display.Detail> details =
        [
            new("Corrects", $"entry #{c.Target}{(target is null ? "" : $" ({Display.Show.Label(target.Action)}, {Display.Show.When(target.At, Zone)})")}"),
            new("Correction", c.Voids ? "voided: it should not have been recorded" : "recorded with the values below"),
            new("Why", c.Reason),
        ];
        if (stored.ApprovedBy is { } approver)
        {
            details.Add(new("Approved by", approver));
        }

        if (c.Replacement is { } replacement)
        {
            details.AddRange(Details.Of(StepJson.Write(replacement)));
        }

        return details;
    }

    /// <summary>Where the booking's screening stands: the queue's outcome and who it is assigned to.</summary>
    public ScreeningState Screening { get; private set; } = ScreeningState.None;

    /// <summary>Whether the signed-in user screens bookings (records outcomes and assignments).</summary>
    public bool CanScreen { get; private set; }

    /// <summary>What the booking owes the person's consulate.</summary>
    public ConsularDuty Consular { get; private set; } = null!;

    /// <summary>The language documents print in by default: the booking's, or English when Liaison has no texts in it.</summary>
    public DocumentLanguage DocumentLanguage { get; private set; } = DocumentLanguage.English;

    /// <summary>The notices the agency's rules owe the person (copies of ICE's requests, release notices), given or not.</summary>
    public IReadOnlyList<NoticeTask> Notices { get; private set; } = [];

    /// <summary>The agency's notice rules now (those in effect when each request came decide what it owes).</summary>
    public IReadOnlySet<DualNoticeRule> NoticeRules { get; private set; } = new HashSet<DualNoticeRule>();

    /// <summary>The person's answer to the interview consent form recorded since the last interview, for the next one.</summary>
    public NoticeGiven? PendingConsent { get; private set; }

    /// <summary>A consent answer in words.</summary>
    public static string ConsentWords(ConsentAnswer? answer) => answer switch
    {
        ConsentAnswer.Agreed => "agreed to be interviewed",
        ConsentAnswer.WithAttorney => "agreed only with their attorney present",
        ConsentAnswer.Declined => "declined to be interviewed",
        _ => "no answer",
    };

    /// <summary>ICE's requests on file (detainers, warrants, notification requests): what the person's documents are about.</summary>
    public IReadOnlyList<IceRequest> IceRequests { get; private set; } = [];

    /// <summary>What each document is called on the page.</summary>
    public static string DocumentTitle(DocumentKind kind) => kind switch
    {
        DocumentKind.DetainerNotice => "Detainer notice",
        DocumentKind.RightsAdvisal => "Rights and consular advisal",
        DocumentKind.CaseSummary => "Case summary",
        DocumentKind.DualNotice => "Copy of ICE's requests",
        DocumentKind.InterviewConsent => "Interview consent form",
    };

    /// <summary>The document the act just recorded calls for (the detainer notice after serving one), offered first.</summary>
    public DocumentKind? PrintNow { get; private set; }

    /// <summary>Whether the signed-in user keeps the consular record (designated officers and jail staff).</summary>
    public bool CanRecordConsular { get; private set; }

    /// <summary>Whether the page shows the screening section (and so its own answer to a screening entry).</summary>
    public bool ScreeningOpen => Case.State.AwaitingScreening && Screening.Outcome is null && Correcting is null;

    /// <summary>The officers a booking's screening may be assigned to, by name.</summary>
    public IReadOnlyList<(string Id, string Name)> Screeners { get; private set; } = [];

    /// <summary>What a timeline entry recorded, in words, whatever kind of entry it is.</summary>
    public IReadOnlyList<Display.Detail> EntryDetails(CustodyEventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Action)
        {
            case StoredHistory.CorrectionAction:
                return CorrectionDetails(e);
            case StoredHistory.ScreeningAction or StoredHistory.AssignmentAction when e.Accepted:
                return StoredHistory.ReadScreening(e.StepJson) switch
                {
                    ScreeningDecision d => [new("Outcome", Display.Show.Label(StoredHistory.OutcomeCode(d.Outcome))), .. d.Note is null ? Array.Empty<Display.Detail>() : [new("Why", d.Note)]],
                    ScreeningAssignment { Officer: { } o } => [new("Assigned to", ActorName(o))],
                    _ => [new("Assigned to", "nobody: back in the queue")],
                };
            case StoredHistory.ConsularAction when e.Accepted:
                return StoredHistory.ReadConsular(e.StepJson) switch
                {
                    ConsularAdvisal a => [new("Told of the right", "consular notification"), new("Asked for the consulate", a.Requested ? "yes" : "no")],
                    ConsularNotice n =>
                    [
                        new("Consulate told", n.Post), new("How", StoredHistory.Methods.Single(m => m.Method == n.Method).Label),
                        .. n.Reference is null ? Array.Empty<Display.Detail>() : [new Display.Detail("Reference", n.Reference)],
                    ],
                    _ => [],
                };
            case StoredHistory.NoticeAction when e.Accepted:
                return StoredHistory.ReadNotice(e.StepJson) switch
                {
                    { Kind: NoticeKind.InterviewConsent } n => [new("Notice", "interview consent form"), new("Answer", ConsentWords(n.Consent))],
                    { Kind: NoticeKind.ReleaseNotice } n => [new("Notice", $"release notice (about {Display.Show.When(n.About, Zone)})"), new("Attorney told", n.Attorney ?? "none of record")],
                    var n => [new("Notice", $"copy of ICE's request of {Display.Show.When(n.About, Zone)}")],
                };
            default:
                return Details.Of(e.StepJson);
        }
    }

    /// <summary>Who an actor is, in words: a system, or an officer's name with their id.</summary>
    public string ActorName(string actor) => actor switch
    {
        "jms" => "Jail system",
        "dhs" => "DHS",
        "subject" => "The person",
        _ => OfficerNames.TryGetValue(actor, out var n) ? $"{n} ({actor})" : actor,
    };

    /// <summary>Whether the signed-in user may correct <paramref name="e"/> (a link on its timeline entry).</summary>
    public bool MayCorrect(CustodyEventRecord e) => Kind is { } k && CaseCorrectionForms.Target(Case, e.Sequence, k) is not null;

    /// <summary>What the officer confirms before <paramref name="action"/>; null when it needs no confirmation.</summary>
    public string? ConfirmationFor(CustodyAction action) => Confirmation.For(action, Case.State, Zone);

    /// <summary>A fresh request id for one form on this page.</summary>
    public static string NewRequestId() => Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        CaseView? view;
        try
        {
            view = await cases.CaseAsync(id, ct);
        }
        catch (CaseRecordInconsistentException e)
        {
            return Inconsistent(e.Message);
        }

        if (view is null)
        {
            return NotFound();
        }

        Case = view.Case;
        var (acting, kind, _) = await currentActor.ResolveAsync();
        Acts = acting is not null && kind is { } k ? CaseActs.For(view.Case, acting.Actor, k) : [];
        Kind = acting is null ? null : kind;
        Corrections = StoredHistory.CorrectionsByTarget(view.Case.Events);
        PendingCorrections = await corrections.PendingAsync(view.Case.Booking.Id, ct);
        OfficerNames = view.OfficerNames;
        SignedWarrants = await warrants.ForBookingAsync(view.Case.Booking.Id, ct);
        CanSignWarrants = kind == ActorKind.IceSupervisor;
        OpenAlerts = view.OpenAlerts;
        CanAcknowledge = (await authorization.AuthorizeAsync(User, Policies.AcknowledgeAlerts)).Succeeded;
        Details = new Display.StepDetails(view.Case.World, view.OfficerNames);
        Screening = StoredHistory.Screening(view.Case.Events);
        CanScreen = kind is { } screener && Officer.IsOfficerKind(screener);
        Consular = StoredHistory.Consular(view.Case.Booking, view.Case.Events);
        DocumentLanguage = DocumentLanguage.Match(view.Case.Booking.Language) ?? DocumentLanguage.English;
        PrintNow = TempData[PrintNowKey] is string print && Codes.TryParse<DocumentKind>(print, out var printKind) ? printKind : null;
        IReadOnlyList<CustodyStep> effective = [.. StoredHistory.Effective(view.Case.Events).Select(e => e.Step)]; // replayed once for the page
        IceRequests = DocumentService.IceRequests(effective);
        NoticeRules = view.Case.World.Notices.Current;
        Notices = StoredHistory.Notices(effective, view.Case.Events, view.Case.World.Notices);
        PendingConsent = NoticeRules.Contains(DualNoticeRule.InterviewConsent) ? StoredHistory.PendingConsent(effective, view.Case.Events) : null;
        CanRecordConsular = kind is ActorKind.DesignatedOfficer or ActorKind.Jms;
        Screeners = [.. view.Case.World.Officers.Where(o => o.Active && Officer.IsOfficerKind(o.Kind))
            .Select(o => (o.Id, view.OfficerNames.TryGetValue(o.Id, out var n) ? n : o.Id)).OrderBy(o => o.Item2, StringComparer.CurrentCulture)];
        DhsRecordStatus = effective.OfType<BiometricResponse>().LastOrDefault()?.RecordStatus;
        if ((Form.Corrects ?? CorrectEntry) is { } entry && Kind is { } actorKind)
        {
            Correcting = CaseCorrectionForms.Target(view.Case, entry, actorKind);
            if (Correcting is not null && HttpMethods.IsGet(Request.Method))
            {
                Form = CaseCorrectionForms.FormOf(Correcting.Step, Zone, SignedWarrants); // open with what was recorded
                Form.Corrects = entry;
            }
        }

        return Page();
    }

    /// <summary>A post naming no known act.</summary>
    public IActionResult OnPost() => BadRequest();

    private const string PrintNowKey = "PrintNow";

    /// <summary>
    /// A document about this booking as a PDF shown in the browser, to print (every generation is audited). 400 naming
    /// the field for an unknown document or language; 409 when the document does not apply (no detainer to give notice of).
    /// </summary>
    public async Task<IActionResult> OnGetDocumentAsync(string id, [FromQuery] string? kind, [FromQuery] string? language, CancellationToken ct)
    {
        if (!Codes.TryParse<DocumentKind>(kind, out var chosen))
        {
            return Plain(StatusCodes.Status400BadRequest, $"Document: \"{kind}\" is not one of {string.Join(", ", Codes.All<DocumentKind>())}.");
        }

        var result = await documents.GenerateAsync(chosen, id, language, ct: ct);
        switch (result.Outcome)
        {
            case DocumentOutcome.NoSuchBooking:
                return NotFound();
            case DocumentOutcome.UnknownLanguage:
                return Plain(StatusCodes.Status400BadRequest, result.Message!);
            case DocumentOutcome.NotApplicable:
                return Plain(StatusCodes.Status409Conflict, result.Message!);
        }

        Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline") { FileNameStar = result.Document!.FileName }.ToString();
        return File(result.Document.Pdf, "application/pdf");
    }

    private static ContentResult Plain(int status, string message) => new() { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = message };

    /// <summary>The question the interview form puts, recorded with the answer as the 2025 agreement asks.</summary>
    public const string InterpreterQuestion = "Do you need an interpreter to understand these questions and your rights?";

    public async Task<IActionResult> OnPostInterviewAsync(string id, CancellationToken ct)
    {
        if (Form.InterpreterNeeded is not (null or "" or "yes" or "no"))
        {
            return await BadFieldAsync(id, $"Interpreter needed: \"{Form.InterpreterNeeded}\" is not yes or no.", ct);
        }

        if (Unknown<InterviewClaim>("Claim", Form.Claims) is { } badClaim)
        {
            return await BadFieldAsync(id, badClaim, ct);
        }

        bool? needed = Form.InterpreterNeeded switch { "yes" => true, "no" => false, _ => null };

        if (needed == true && string.IsNullOrWhiteSpace(Form.InterpreterName))
        {
            return await BadFieldAsync(id, "Interpreter's name: required when an interpreter was needed (the agreement asks the record to name them).", ct);
        }

        var interpreter = needed is null && Blank(Form.InterpreterAnswer) is null
            ? null
            : new InterpreterRecord(InterpreterQuestion, Blank(Form.InterpreterAnswer), needed, needed == true ? Blank(Form.InterpreterName) : null);
        return await ActAsync(id, (at, actor) => new Interview(at, actor, id, Blank(Form.Language), Form.Advisals ?? [], Parse<InterviewClaim>(Form.Claims))
        {
            Interpreter = interpreter,
        }, ct);
    }

    public async Task<IActionResult> OnPostLodgeAsync(string id, CancellationToken ct)
    {
        var form = DetainerForm.I247A;
        if (!string.IsNullOrEmpty(Form.DetainerForm) && !Codes.TryParse(Form.DetainerForm, out form))
        {
            return await BadFieldAsync(id, $"Form ICE sent: \"{Form.DetainerForm}\" is not I-247A, I-247G or I-247N.", ct);
        }

        var (warrant, warrantProblem) = await FormWarrantAsync(id, ct);
        if ((BasesProblem() ?? warrantProblem) is { } problem)
        {
            return await BadFieldAsync(id, problem, ct);
        }

        return await ActAsync(id, (at, actor) => new LodgeDetainer(at, actor, id, Bases(), warrant, form), ct);
    }

    public async Task<IActionResult> OnPostNotificationAsync(string id, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Form.DetainerForm) && !Codes.TryParse<DetainerForm>(Form.DetainerForm, out _))
        {
            return await BadFieldAsync(id, $"Form ICE sent: \"{Form.DetainerForm}\" is not I-247G or I-247N.", ct);
        }

        return await ActAsync(id, (at, actor) => new RequestNotification(at, actor, id, Parse<DetainerForm>(Form.DetainerForm)), ct);
    }

    public async Task<IActionResult> OnPostNotifyIceAsync(string id, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(Form.About) && !Codes.TryParse<IceDutyKind>(Form.About, out _))
        {
            return await BadFieldAsync(id, $"ICE was told about: \"{Form.About}\" is not the detainer or the citizenship claim.", ct);
        }

        if (!Codes.TryParse<NoticeMethod>(Form.Method, out var method))
        {
            return await BadFieldAsync(id, "How ICE was told: choose phone, e-mail or ENFORCE entry.", ct);
        }

        if (string.IsNullOrWhiteSpace(Form.Recipient))
        {
            return await BadFieldAsync(id, "Told to: the name of the ICE officer or office told is required.", ct);
        }

        var notice = new IceNotice(method, Blank(Form.Recipient), Blank(Form.Reference));
        return await ActAsync(id, (at, actor) => new NotifyIce(at, actor, id, Parse<IceDutyKind>(Form.About)) { Notice = notice }, ct);
    }

    public Task<IActionResult> OnPostServeDetainerAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new ServeDetainer(at, actor, id), ct);

    public async Task<IActionResult> OnPostServeWarrantAsync(string id, CancellationToken ct)
    {
        var (warrant, problem) = await FormWarrantAsync(id, ct);
        return problem is not null
            ? await BadFieldAsync(id, problem, ct)
            : await ActAsync(id, (at, actor) => new ServeWarrant(at, actor, id, warrant), ct);
    }

    /// <summary>
    /// An ICE supervisor signs a warrant for this booking with their own account, their second factor given within
    /// 15 minutes (otherwise they confirm it first). Officers then lodge or serve it from the list.
    /// </summary>
    public async Task<IActionResult> OnPostSignWarrantAsync(string id, CancellationToken ct)
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        if (acting is null || kind != ActorKind.IceSupervisor)
        {
            return Forbid();
        }

        if (!Codes.TryParse<WarrantForm>(Form.WarrantForm, out var form))
        {
            return await BadFieldAsync(id, "Warrant form: choose I-200 or I-205.", ct);
        }

        if (!LiaisonWebApp.SecondFactorFresh(HttpContext))
        {
            return Redirect("/account/confirm?ReturnUrl=" + Uri.EscapeDataString($"/cases/{id}"));
        }

        var outcome = await warrants.SignAsync(id, form, Form.WarrantNumber ?? "", acting.Actor, User.Identity!.Name!, ct);
        if (!outcome.Found)
        {
            return NotFound();
        }

        return outcome.Problems.Count > 0
            ? await BadFieldAsync(id, outcome.Problems[0].Message, ct)
            : Flash(id, $"Signed: {Codes.Of(form)} {Form.WarrantNumber?.Trim()}. Designated officers can now lodge or serve it.", "ok");
    }

    public Task<IActionResult> OnPostClaimAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new ClaimCitizenship(at, actor, id), ct);

    public async Task<IActionResult> OnPostResolveAsync(string id, CancellationToken ct) =>
        Unknown<CitizenshipFinding>("Finding", Form.Finding) is { } problem
            ? await BadFieldAsync(id, problem, ct)
            : await ActAsync(id, (at, actor) => new ResolveCitizenship(at, actor, id, Parse<CitizenshipFinding>(Form.Finding), Blank(Form.Evidence)), ct);

    public Task<IActionResult> OnPostLiftAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new LiftDetainer(at, actor, id, Blank(Form.Reason)), ct);

    public Task<IActionResult> OnPostAssumeAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new AssumeCustody(at, actor, id), ct);

    public async Task<IActionResult> OnPostScheduleAsync(string id, CancellationToken ct)
    {
        // The expected release is typed in the facility's local time; resolve it in the facility's zone.
        var zone = await cases.ZoneAsync(ct);
        var parsed = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm").Parse(Form.Expected ?? "");
        if (!parsed.Success)
        {
            return await BadFieldAsync(id, $"Expected release: \"{Form.Expected}\" is not a date and time (e.g. 2026-12-01T14:30).", ct);
        }

        if (parsed.Value.Year is < 1900 or > 2100)
        {
            return await BadFieldAsync(id, $"Expected release: \"{Form.Expected}\" is outside the years 1900 to 2100.", ct);
        }

        // A wall-clock time that does not exist (spring forward) or happens twice (fall back) is not guessed.
        var mapping = zone.MapLocal(parsed.Value);
        if (mapping.Count != 1)
        {
            string When(Offset offset) => InstantPattern.General.Format(parsed.Value.WithOffset(offset).ToInstant()) + $" (UTC{offset})";
            var (early, late) = mapping.Count == 0
                ? (mapping.EarlyInterval.WallOffset, mapping.LateInterval.WallOffset)
                : (mapping.First().Offset, mapping.Last().Offset);
            var what = mapping.Count == 0 ? "does not exist" : "happens twice";
            return await BadFieldAsync(id, $"Expected release: {Form.Expected} {what} in {zone.Id} (a daylight-saving change): it is either {When(early)} or {When(late)}; enter a time an hour earlier or later.", ct);
        }

        var expected = mapping.Single().ToInstant();
        return await ActAsync(id, (at, actor) => new ReleaseScheduled(at, actor, id, expected), ct);
    }

    public Task<IActionResult> OnPostEligibleAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new ReleaseEligible(at, actor, id, Blank(Form.Reason)), ct);

    public Task<IActionResult> OnPostReleaseAsync(string id, CancellationToken ct) =>
        ActAsync(id, (at, actor) => new Release(at, actor, id), ct);

    private async Task<IActionResult> ActAsync(string id, Func<Instant, string, CustodyStep> make, CancellationToken ct)
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        if (acting is null)
        {
            return Forbid(); // auditors, managers and administrators read; they do not act on cases
        }

        // The step is first put to the engine as the booking stands now, on a copy that is thrown away: a slip in
        // the form (a missing warrant, basis or evidence) is named in the form, with everything typed kept, and
        // nothing is recorded unless the officer insists; "Check" answers what would happen without recording.
        BookingCase? before;
        try
        {
            before = await custody.LoadAsync(id, ct);
        }
        catch (CaseRecordInconsistentException e)
        {
            return Inconsistent(e.Message);
        }

        if (before is null)
        {
            return NotFound();
        }

        if (Form.Corrects is { } entry)
        {
            // The act's form re-enters an entry's values: the step as it should have been recorded, same actor and instant.
            return CaseCorrectionForms.Target(before, entry, kind!.Value) is { } target
                ? await CorrectAsync(id, before, acting, new Correction(entry, make(target.Event.At, target.Event.Actor), Form.CorrectionReason?.Trim() ?? ""), ct)
                : await BadFieldAsync(id, $"Entry corrected: #{entry} is not an entry of this booking you may correct.", ct);
        }

        var handler = (string?)Request.Query["handler"] ?? "";
        var probe = make(before.Now, acting.Actor);
        var probed = before.Engine.Apply(probe);
        if (Yes(Form.CheckOnly))
        {
            return await FormAnswerAsync(id, handler, probed.Refusal is { } would
                ? ("error", $"The engine would refuse this: {would.Reason}")
                : ("ok", $"The engine would accept this. {Changes.Describe(before.State, probed.Booking, ZoneOf(before))} Nothing is recorded until you submit."), ok: true, ct);
        }

        if (probed.Refusal is { } slip && slip.Code.IsAboutTheArguments() && !Yes(Form.Insist))
        {
            return await FormAnswerAsync(id, handler, ("error", $"{slip.Reason} Nothing was recorded: complete the form, or tick \u201cRecord the attempt anyway\u201d to put the refusal on the record."), ok: false, ct);
        }

        if (Confirmation.For(probe.Action, before.State, ZoneOf(before)) is { } confirm && !Yes(Form.Confirmed))
        {
            return await FormAnswerAsync(id, handler, ("error", $"Confirm: tick the box to confirm. {confirm}"), ok: false, ct);
        }

        var result = await custody.RecordNowAsync(id, at => make(at, acting.Actor), acting, RequestKey(id, acting), ct);
        return Api.StepResultHttp.StatusOf(result) switch
        {
            StatusCodes.Status404NotFound => NotFound(),
            StatusCodes.Status409Conflict when result.Code == StepResult.RecordInconsistent => Inconsistent(result.Reason!),
            StatusCodes.Status409Conflict => Flash(id, SomeoneElseActed, "error"),
            _ when result.Code == StepResult.EventIdConflict =>
                Flash(id, "Not recorded: this form was already sent with different values. Reload the page and enter the act again.", "error"),
            StatusCodes.Status200OK when result.Kind == StepResultKind.AlreadyApplied =>
                Flash(id, $"Already recorded: this form was sent more than once and is recorded once ({Display.Show.Label(Codes.Of(probe.Action))}). Nothing more was saved.", "ok"),
            StatusCodes.Status200OK => Flash(id, $"Recorded: {Display.Show.Label(Codes.Of(result.Outcome!.Step.Action))}. {Changes.Describe(before.State, result.Outcome.Booking, ZoneOf(before))}", "ok",
                print: DocumentFor(result.Outcome.Step)),
            _ => Flash(id, $"Refused: {result.Reason} The attempt is recorded on the timeline.", "error"),
        };
    }

    /// <summary>Voids an entry: it stays on the record, and the booking is read as if it had not happened.</summary>
    public async Task<IActionResult> OnPostVoidAsync(string id, CancellationToken ct)
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        if (acting is null || kind is null)
        {
            return Forbid();
        }

        var before = await custody.LoadAsync(id, ct);
        if (before is null)
        {
            return NotFound();
        }

        if (Form.Corrects is not { } entry || CaseCorrectionForms.Target(before, entry, kind.Value) is null)
        {
            return await BadFieldAsync(id, $"Entry corrected: #{Form.Corrects} is not an entry of this booking you may correct.", ct);
        }

        return !Yes(Form.Confirmed)
            ? await FormAnswerAsync(id, "void", ("error", "Confirm: tick the box to confirm that this entry should not have been recorded."), ok: false, ct)
            : await CorrectAsync(id, before, acting, new Correction(entry, null, Form.CorrectionReason?.Trim() ?? ""), ct);
    }

    private async Task<IActionResult> CorrectAsync(string id, BookingCase before, ActingAs acting, Correction correction, CancellationToken ct)
    {
        var zone = ZoneOf(before);
        var what = correction.Voids ? "Voided" : "Corrected";
        var result = await corrections.ProposeAsync(id, correction, acting, (b, a) => Changes.Describe(b, a, zone, correction: true), ct);
        return result.Kind switch
        {
            CorrectionResultKind.Recorded => Flash(id, $"{what} entry #{correction.Target} (the original stays on the timeline). {Changes.Describe(result.Before!, result.After, zone, correction: true)}", "ok"),
            CorrectionResultKind.AlreadyApplied => Flash(id, $"Already recorded: entry #{correction.Target} was corrected this way before. Nothing more was saved.", "ok"),
            CorrectionResultKind.Proposed => Flash(id, $"Proposed: this correction of entry #{correction.Target} changes custody or a deadline ({Changes.Describe(result.Before!, result.After, zone, correction: true).TrimEnd('.')}). An ICE supervisor other than you must approve it; until then the record stands as it was.", "ok"),
            CorrectionResultKind.Conflict => Flash(id, SomeoneElseActed, "error"),
            _ => await FormAnswerAsync(id, "correct", ("error", $"{result.Reason} Nothing was recorded."), ok: false, ct),
        };
    }

    /// <summary>An ICE supervisor (not the proposer) approves a waiting correction: it is recorded exactly as proposed.</summary>
    public Task<IActionResult> OnPostApproveCorrectionAsync(string id, CancellationToken ct) =>
        DecideCorrectionAsync(id, approve: true, ct);

    public Task<IActionResult> OnPostRejectCorrectionAsync(string id, CancellationToken ct) =>
        DecideCorrectionAsync(id, approve: false, ct);

    private async Task<IActionResult> DecideCorrectionAsync(string id, bool approve, CancellationToken ct)
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        if (acting is null || kind != ActorKind.IceSupervisor)
        {
            return Forbid();
        }

        if (Form.Proposal is not { } proposalId || (await corrections.PendingAsync(id, ct)).All(p => p.Id != proposalId))
        {
            return await BadFieldAsync(id, "Correction proposal: this correction is not waiting for approval on this booking.", ct);
        }

        var result = approve ? await corrections.ApproveAsync(proposalId, acting, ct) : await corrections.RejectAsync(proposalId, acting, Form.DecisionNote, ct);
        return result.Kind switch
        {
            CorrectionResultKind.Recorded or CorrectionResultKind.AlreadyApplied when approve => Flash(id, $"Approved and recorded: the correction is on the timeline. {(result.Before is { } b ? Changes.Describe(b, result.After, await cases.ZoneAsync(ct), correction: true) : "")}", "ok"),
            CorrectionResultKind.Recorded => Flash(id, "Rejected: the correction is not recorded; the proposer sees your note on the case page.", "ok"),
            CorrectionResultKind.Conflict => Flash(id, "Someone else acted on this booking at the same moment. Nothing was saved; try again.", "error"),
            _ => Flash(id, $"Not recorded: {result.Reason}", "error"),
        };
    }

    /// <summary>Ends the booking's screening without a custody act: "no action" (with why) or "referred to ICE".</summary>
    public async Task<IActionResult> OnPostScreenAsync(string id, CancellationToken ct)
    {
        if (await ScreenerAsync() is not { } acting)
        {
            return Forbid();
        }

        if (Form.Outcome is not ({ } code and ("no-action" or "referred")))
        {
            return await BadFieldAsync(id, "Outcome: choose \u201cno action\u201d or \u201creferred to ICE\u201d.", ct);
        }

        var outcome = StoredHistory.ParseOutcome(code);
        return await ScreeningAnswerAsync(id, acting, at => new ScreeningDecision(at, acting.Actor, outcome, Blank(Form.Note)), ct);
    }

    /// <summary>Gives the booking's screening to an officer who screens ("me" for oneself), or back to the queue when empty.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string id, CancellationToken ct)
    {
        if (await ScreenerAsync() is not { } acting)
        {
            return Forbid();
        }

        var to = Blank(Form.AssignTo) is "me" ? acting.Actor : Blank(Form.AssignTo);
        var officer = to is null ? null : (await cases.AgencyAsync(ct)).World.Officers.FirstOrDefault(o => o.Id == to);
        if (to is not null && (officer is not { Active: true } || !Officer.IsOfficerKind(officer.Kind)))
        {
            return await BadFieldAsync(id, $"Assign to: \u201c{to}\u201d is not an officer who screens bookings.", ct);
        }

        return await ScreeningAnswerAsync(id, acting, at => new ScreeningAssignment(at, acting.Actor, to), ct);
    }

    /// <summary>Records that the person was told of the right to consular notification, and whether they asked for it.</summary>
    public async Task<IActionResult> OnPostConsularAdvisalAsync(string id, CancellationToken ct)
    {
        if (await ConsularRecorderAsync() is not { } acting)
        {
            return Forbid();
        }

        if (Form.ConsularRequested is not ({ } answer and ("yes" or "no")))
        {
            return await BadFieldAsync(id, "Asked for the consulate: say whether the person asked for their consulate to be told (yes or no).", ct);
        }

        return await ConsularAnswerAsync(id, acting, at => new ConsularAdvisal(at, acting.Actor, answer == "yes"), ct);
    }

    /// <summary>Records that the consulate was told of the detention: how, which post, and its reference.</summary>
    public async Task<IActionResult> OnPostConsularNoticeAsync(string id, CancellationToken ct)
    {
        if (await ConsularRecorderAsync() is not { } acting)
        {
            return Forbid();
        }

        if (StoredHistory.Methods.FirstOrDefault(m => m.Code == Form.ConsularMethod) is not { Code: not null } method)
        {
            return await BadFieldAsync(id, $"How the consulate was told: choose one of {string.Join(", ", StoredHistory.Methods.Select(m => m.Label))}.", ct);
        }

        return await ConsularAnswerAsync(id, acting, at => new ConsularNotice(at, acting.Actor, method.Method, Form.ConsularPost?.Trim() ?? "", Blank(Form.ConsularReference)), ct);
    }

    /// <summary>Records that the person was given a notice the agency's rules owe them: a copy of an ICE request, or a release notice.</summary>
    public async Task<IActionResult> OnPostNoticeAsync(string id, CancellationToken ct)
    {
        if (await ConsularRecorderAsync() is not { } acting)
        {
            return Forbid();
        }

        if (!Codes.TryParse<NoticeKind>(Form.NoticeKind, out var kind))
        {
            return await BadFieldAsync(id, $"Notice: \"{Form.NoticeKind}\" is not one of {string.Join(", ", Codes.All<NoticeKind>())}.", ct);
        }

        if (kind == NoticeKind.InterviewConsent)
        {
            if (!Codes.TryParse<ConsentAnswer>(Form.Consent, out var answer))
            {
                return await BadFieldAsync(id, $"Consent: \"{Form.Consent}\" is not one of {string.Join(", ", Codes.All<ConsentAnswer>())}.", ct);
            }

            var consented = await custody.RecordNoticeAsync(id, at => new NoticeGiven(at, acting.Actor, kind, at, null) { Consent = answer }, acting, ct);
            return await EntryAnswerAsync(id, consented, $"the person was given the interview consent form and {ConsentWords(answer)}", ct);
        }

        if (InstantPattern.ExtendedIso.Parse(Form.NoticeAbout ?? "") is not { Success: true } about)
        {
            return await BadFieldAsync(id, $"Notice about: \"{Form.NoticeAbout}\" is not the instant of an entry on this record.", ct);
        }

        var attorney = kind == NoticeKind.ReleaseNotice ? Blank(Form.Attorney) : null;
        var result = await custody.RecordNoticeAsync(id, at => new NoticeGiven(at, acting.Actor, kind, about.Value, attorney), acting, ct);
        return await EntryAnswerAsync(id, result, kind == NoticeKind.RequestCopy
            ? "the person was given a copy of ICE's request"
            : attorney is null ? "the person was told of the release ICE is told of (no attorney of record)" : $"the person and their attorney ({attorney}) were told of the release ICE is told of", ct);
    }

    /// <summary>The signed-in user when they keep the jail's consular record (designated officers and jail staff); null otherwise.</summary>
    private async Task<ActingAs?> ConsularRecorderAsync()
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        return kind is ActorKind.DesignatedOfficer or ActorKind.Jms ? acting : null;
    }

    private async Task<IActionResult> ConsularAnswerAsync(string id, ActingAs acting, Func<Instant, ConsularEntry> make, CancellationToken ct)
    {
        var result = await custody.RecordConsularAsync(id, make, acting, ct);
        var what = make(Instant.MinValue) switch
        {
            ConsularAdvisal { Requested: true } => "the person was told of the right to consular notification and asked for their consulate to be told. Tell it within 72 hours",
            ConsularAdvisal => "the person was told of the right to consular notification and did not ask for their consulate to be told",
            _ => "the consulate was told",
        };
        return await EntryAnswerAsync(id, result, what, ct);
    }

    /// <summary>The page's answer to an entry kept beside the custody rules (screening, consular), saying <paramref name="what"/> it recorded.</summary>
    private async Task<IActionResult> EntryAnswerAsync(string id, EntryResult result, string what, CancellationToken ct) => result.Kind switch
    {
        EntryResultKind.Recorded => Flash(id, $"Recorded: {what}. Custody and any hold are unchanged.", "ok"),
        EntryResultKind.AlreadyRecorded => Flash(id, $"Already recorded: {what}. Nothing more was saved.", "ok"),
        EntryResultKind.Conflict => Flash(id, SomeoneElseActed, "error"),
        EntryResultKind.UnknownBooking => NotFound(),
        _ => await BadFieldAsync(id, result.Reason!, ct),
    };

    /// <summary>The signed-in officer when they screen bookings (designated officers and ICE officers); null otherwise.</summary>
    private async Task<ActingAs?> ScreenerAsync()
    {
        var (acting, kind, _) = await currentActor.ResolveAsync();
        return kind is { } k && Officer.IsOfficerKind(k) ? acting : null;
    }

    private async Task<IActionResult> ScreeningAnswerAsync(string id, ActingAs acting, Func<Instant, ScreeningEntry> make, CancellationToken ct)
    {
        var result = await custody.ScreenAsync(id, make, acting, ct);
        var officers = (await cases.AgencyAsync(ct)).Officers;
        var what = make(Instant.MinValue) switch
        {
            ScreeningDecision { Outcome: ScreeningOutcome.NoAction } => "screened, no action. The booking has left the screening queue",
            ScreeningDecision => "referred to ICE. The booking has left the screening queue; an ICE officer decides whether to lodge a detainer",
            ScreeningAssignment { Officer: null } => "back in the queue, assigned to nobody",
            ScreeningAssignment { Officer: var o } => $"assigned to {(o == acting.Actor ? "you" : officers.TryGetValue(o, out var named) ? named.Name : o)}",
            _ => "recorded",
        };
        return await EntryAnswerAsync(id, result, what, ct);
    }

    private const string SomeoneElseActed = "Someone else acted on this booking at the same moment. Nothing of yours was saved; check the timeline and try again.";

    private static DateTimeZone ZoneOf(BookingCase c) => c.World.Zone;

    private static bool Yes(string? value) => value is "yes" or "true" or "on";

    /// <summary>
    /// The form's request id as the key of the step it records: a second submission of the same form (a double
    /// click, a resent request, two tabs) records nothing more and is answered "already recorded". The key's content
    /// is who sent which act with which values, so another form cannot reuse an id to claim a step it did not send.
    /// </summary>
    private ExternalKey? RequestKey(string id, ActingAs acting)
    {
        var requestId = Form.RequestId?.Trim();
        if (string.IsNullOrEmpty(requestId) || requestId.Length > 64 || !requestId.All(char.IsAsciiLetterOrDigit))
        {
            return null; // a client without request ids (a script) is recorded as before, once per post
        }

        var fields = Request.Form.Where(f => f.Key.StartsWith("Form.", StringComparison.Ordinal)
                && f.Key is not ("Form.RequestId" or "Form.CheckOnly" or "Form.Insist" or "Form.Confirmed"))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => $"{f.Key}={string.Join('\u001f', f.Value.ToArray())}");
        var content = string.Join('\u001e', [id, acting.Actor, acting.UserName ?? "", (string?)Request.Query["handler"] ?? "", .. fields]);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
        return new ExternalKey(WebChannel, requestId, hash);
    }

    /// <summary>The channel of steps keyed by a web form's request id.</summary>
    public const string WebChannel = "web";

    /// <summary>The case page again, with the act's form open, its values kept and the engine's answer inside it.</summary>
    private async Task<IActionResult> FormAnswerAsync(string id, string handler, (string Tone, string Message) answer, bool ok, CancellationToken ct)
    {
        OpenAct = handler;
        ActAnswer = answer;
        var page = await OnGetAsync(id, ct);
        if (!ok)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return page;
    }

    /// <summary>A record that no longer replays: 409 with what is wrong and what to do, never a crash; nothing is recorded.</summary>
    private static ContentResult Inconsistent(string problem) => new()
    {
        StatusCode = StatusCodes.Status409Conflict,
        ContentType = "text/plain; charset=utf-8",
        Content = $"{problem}\n\nNothing can be shown or recorded on this booking until an administrator has checked the record: ./liaison audit verify and ./liaison verify projections name what was changed.",
    };

    /// <summary>Bad input: answers 400 with the case page and the field named; nothing is recorded.</summary>
    private Task<IActionResult> BadFieldAsync(string id, string problem, CancellationToken ct) =>
        FormAnswerAsync(id, (string?)Request.Query["handler"] ?? "", ("error", $"{problem} Nothing was recorded."), ok: false, ct);

    /// <summary>The document the person is to be given after this act: the notice when a detainer or warrant is served, their copy when ICE asks.</summary>
    private static DocumentKind? DocumentFor(CustodyStep step) => step switch
    {
        ServeDetainer or ServeWarrant => DocumentKind.DetainerNotice,
        LodgeDetainer or RequestNotification => DocumentKind.DualNotice,
        Interview => DocumentKind.RightsAdvisal,
        _ => null,
    };

    private RedirectResult Flash(string id, string message, string tone, DocumentKind? print = null)
    {
        TempData["Flash"] = message;
        TempData["FlashTone"] = tone;
        if (print is { } kind)
        {
            TempData[PrintNowKey] = Codes.Of(kind);
        }

        return Redirect($"/cases/{Uri.EscapeDataString(id)}");
    }

    /// <summary>A problem naming the field when <paramref name="code"/> is given but is none of <typeparamref name="T"/>'s codes.</summary>
    private static string? Unknown<T>(string label, string? code)
        where T : struct, Enum =>
        string.IsNullOrEmpty(code) || Codes.TryParse<T>(code, out _) ? null : $"{label}: \"{code}\" is not one of {string.Join(", ", Codes.All<T>())}.";

    private string? BasesProblem() =>
        (Form.Bases ?? []).Select(b => Unknown<ProbableCauseBasis>("Probable-cause basis", b)).FirstOrDefault(p => p is not null);


    private ProbableCauseBasisSet Bases() =>
        ProbableCauseBasisSet.Of((Form.Bases ?? []).Select(b => Codes.TryParse<ProbableCauseBasis>(b, out var v) ? (ProbableCauseBasis?)v : null).OfType<ProbableCauseBasis>());

    /// <summary>
    /// The warrant an act names: one signed in Liaison for this booking, chosen from the list (or named by form and
    /// number); its signer comes from the signature, never from the form. No warrant named: none (the engine decides
    /// whether the act needs one). A form with a number but no signature here is refused naming the field.
    /// </summary>
    private async Task<(Warrant? Warrant, string? Problem)> FormWarrantAsync(string id, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Form.SignedWarrant))
        {
            return long.TryParse(Form.SignedWarrant, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var signed)
                && await warrants.WarrantAsync(id, signed, ct) is { } chosen
                ? (chosen, null)
                : (null, "Signed warrant: choose one of the warrants signed in Liaison for this booking.");
        }

        if (Unknown<WarrantForm>("Warrant form", Form.WarrantForm) is { } unknown)
        {
            return (null, unknown);
        }

        if (string.IsNullOrWhiteSpace(Form.WarrantForm) && string.IsNullOrWhiteSpace(Form.WarrantNumber))
        {
            return (null, null);
        }

        var form = Parse<WarrantForm>(Form.WarrantForm);
        if (form is null || string.IsNullOrWhiteSpace(Form.WarrantNumber))
        {
            return (new Warrant(form, Blank(Form.WarrantNumber), null), null); // incomplete: the engine says what is missing
        }

        return await warrants.WarrantAsync(id, form.Value, Form.WarrantNumber, ct) is { } named
            ? (named, null)
            : (null, $"Warrant: {Codes.Of(form.Value)} {Form.WarrantNumber.Trim()} has not been signed in Liaison for this booking; an ICE supervisor signs warrants on the case page.");
    }

    private static T? Parse<T>(string? code)
        where T : struct, Enum => Codes.TryParse<T>(code, out var value) ? value : null;

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>Every field any act's form may post. Each handler reads only its own.</summary>
public sealed class ActForm
{
    public string? Language { get; set; }

    public List<string>? Advisals { get; set; }

    public string? Claims { get; set; }

    public List<string>? Bases { get; set; }

    public string? WarrantForm { get; set; }

    public string? WarrantNumber { get; set; }

    /// <summary>The id of a warrant signed in Liaison for this booking (its signer is who signed it, never typed).</summary>
    public string? SignedWarrant { get; set; }

    public string? Finding { get; set; }

    public string? Evidence { get; set; }

    public string? Reason { get; set; }

    public string? Expected { get; set; }

    /// <summary>The form ICE sent: I-247A (a detainer), I-247G or I-247N (notice of release only).</summary>
    public string? DetainerForm { get; set; }

    /// <summary>What ICE was told about: detainer or citizenship-claim.</summary>
    public string? About { get; set; }

    public string? Method { get; set; }

    public string? Recipient { get; set; }

    public string? Reference { get; set; }

    public string? InterpreterAnswer { get; set; }

    /// <summary>yes or no.</summary>
    public string? InterpreterNeeded { get; set; }

    public string? InterpreterName { get; set; }

    /// <summary>A fresh id per form shown: a second submission of the same form records nothing more.</summary>
    public string? RequestId { get; set; }

    /// <summary>"yes": only ask the engine what would happen; record nothing.</summary>
    public string? CheckOnly { get; set; }

    /// <summary>"yes": record the attempt even though the engine refuses its arguments.</summary>
    public string? Insist { get; set; }

    /// <summary>"yes": the officer confirmed an act that cannot be undone.</summary>
    public string? Confirmed { get; set; }

    /// <summary>The entry (its number on the timeline) this form corrects; the act's other fields are its right values.</summary>
    public int? Corrects { get; set; }

    public string? CorrectionReason { get; set; }

    /// <summary>A correction waiting for approval, approved or rejected by an ICE supervisor.</summary>
    public long? Proposal { get; set; }

    public string? DecisionNote { get; set; }

    /// <summary>The screening outcome: no-action or referred.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why no action is needed (required for it), or a note for ICE with a referral.</summary>
    public string? Note { get; set; }

    /// <summary>The officer id the booking's screening is assigned to; "me" for the signed-in officer; empty to unassign.</summary>
    public string? AssignTo { get; set; }

    /// <summary>Whether the person, told of the right, asked for their consulate to be told: yes or no.</summary>
    public string? ConsularRequested { get; set; }

    /// <summary>How the consulate was told (a code of <see cref="StoredHistory.Methods"/>).</summary>
    public string? ConsularMethod { get; set; }

    /// <summary>The consulate told (e.g. "Consulate General of Jamaica, Miami").</summary>
    public string? ConsularPost { get; set; }

    /// <summary>The consulate's or the fax's reference, if any.</summary>
    public string? ConsularReference { get; set; }

    /// <summary>Which notice was given to the person: request-copy or release-notice.</summary>
    public string? NoticeKind { get; set; }

    /// <summary>The instant of the entry the notice answers (the ICE request, or the release step).</summary>
    public string? NoticeAbout { get; set; }

    /// <summary>The attorney of record told with the person of a release, if any.</summary>
    public string? Attorney { get; set; }

    /// <summary>The person's answer to the interview consent form: agreed, with-attorney or declined.</summary>
    public string? Consent { get; set; }
}
