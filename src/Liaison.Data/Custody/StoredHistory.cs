using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Data.Bookings;
using Liaison.Domain.Consular;
using Liaison.Domain.Custody;
using Liaison.Domain.Notices;
using Liaison.Scenarios;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Custody;

/// <summary>A correction as stored: the domain's <see cref="Correction"/>, who approved it (when it needed approval) and its instant.</summary>
public sealed record StoredCorrection(Instant At, string Actor, Correction Correction, string? ApprovedBy);

/// <summary>
/// Reads a booking's stored events as the engine replays them: every accepted step, with the corrections appended
/// after them applied (<see cref="CorrectedHistory"/>). Every place that rebuilds a booking reads through here, so a
/// corrected or voided entry is read the same way on every path (case page, writes, projections, reports).
/// </summary>
public static class StoredHistory
{
    /// <summary>The action code of a stored correction event (not an engine step: it is read through its target).</summary>
    public const string CorrectionAction = "correction";

    /// <summary>The action codes of the screening queue's entries (<see cref="ScreeningEntry"/>): not engine steps, never replayed.</summary>
    public const string ScreeningAction = "screening";

    public const string AssignmentAction = "assignment";

    /// <summary>The action code of the consular record's entries (<see cref="ConsularEntry"/>): not engine steps, never replayed.</summary>
    public const string ConsularAction = "consular";

    /// <summary>A notice given to the person (a copy of an ICE request, a release notice): kept beside the custody steps, never replayed.</summary>
    public const string NoticeAction = "notice";

    /// <summary>Whether a stored event of this action is a step or a correction (read on replay) rather than an entry kept beside the rules.</summary>
    public static bool IsReplayed(string action) => action is not (ScreeningAction or AssignmentAction or ConsularAction or NoticeAction);

    private static bool IsScreening(string action) => action is ScreeningAction or AssignmentAction;

    /// <summary>The steps to replay, in order, with the hold deadlines that still hold.</summary>
    public static IReadOnlyList<(CustodyStep Step, Instant? HoldDeadline)> Effective(IEnumerable<CustodyEventRecord> events) =>
        CorrectedHistory.Of(Recorded(events));

    /// <summary>The same from (sequence, action, step JSON, deadline) rows, for queries that read only those columns.</summary>
    public static IReadOnlyList<(CustodyStep Step, Instant? HoldDeadline)> Effective(IEnumerable<(int Sequence, string Action, string StepJson, Instant? HoldDeadline)> accepted) =>
        CorrectedHistory.Of([.. accepted.Where(e => IsReplayed(e.Action)).OrderBy(e => e.Sequence).Select(e => Entry(e.Sequence, e.Action, e.StepJson, e.HoldDeadline))]);

    /// <summary>The accepted entries of a booking's record, in order, each a step or a correction.</summary>
    public static IReadOnlyList<RecordedStep> Recorded(IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Where(e => e.Accepted && IsReplayed(e.Action)).OrderBy(e => e.Sequence).Select(e => Entry(e.Sequence, e.Action, e.StepJson, e.HoldDeadline))];
    }

    /// <summary>Where the booking's screening stands: its screening entries, in order.</summary>
    public static ScreeningState Screening(IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return ScreeningState.Of(events.Where(e => e.Accepted && IsScreening(e.Action)).OrderBy(e => e.Sequence).Select(e => ReadScreening(e.StepJson)));
    }

    /// <summary>What the booking owes the person's consulate: its consular entries, in order, read against nationality and booking time.</summary>
    public static ConsularDuty Consular(BookingRecord booking, IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(events);
        return ConsularDuty.Of(booking.CitizenshipCountry, booking.BookedAt,
            events.Where(e => e.Accepted && e.Action == ConsularAction).OrderBy(e => e.Sequence).Select(e => ReadConsular(e.StepJson)));
    }

    /// <summary>The notices the booking owes the person under the agency's rules, and those given, from its record.</summary>
    public static IReadOnlyList<NoticeTask> Notices(IEnumerable<CustodyEventRecord> events, DualNoticeHistory rules)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(rules);
        var list = events as IReadOnlyCollection<CustodyEventRecord> ?? [.. events];
        return !rules.EverAny ? [] : Notices([.. Effective(list).Select(e => e.Step)], list, rules);
    }

    /// <summary>The same, from the steps already replayed (a page that reads them for more than this).</summary>
    public static IReadOnlyList<NoticeTask> Notices(IReadOnlyList<CustodyStep> effective, IEnumerable<CustodyEventRecord> events, DualNoticeHistory rules) =>
        DualNotification.Tasks(effective, NoticesGiven(events), rules);

    /// <summary>The notices recorded on the booking, in order.</summary>
    public static IEnumerable<NoticeGiven> NoticesGiven(IEnumerable<CustodyEventRecord> events) =>
        events.Where(e => e.Accepted && e.Action == NoticeAction).OrderBy(e => e.Sequence).Select(e => ReadNotice(e.StepJson));

    /// <summary>The person's answer to the interview consent form recorded since the last interview, for the next one.</summary>
    public static NoticeGiven? PendingConsent(IReadOnlyCollection<CustodyEventRecord> events) =>
        PendingConsent([.. Effective(events).Select(e => e.Step)], events);

    /// <summary>The same, from the steps already replayed.</summary>
    public static NoticeGiven? PendingConsent(IReadOnlyList<CustodyStep> effective, IEnumerable<CustodyEventRecord> events) =>
        DualNotification.PendingConsent(effective, NoticesGiven(events));

    public static string WriteNotice(NoticeGiven notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new JsonObject
        {
            ["at"] = InstantPattern.ExtendedIso.Format(notice.At),
            ["action"] = NoticeAction,
            ["actor"] = notice.Actor,
            ["kind"] = Liaison.Domain.Codes.Of(notice.Kind),
            ["about"] = InstantPattern.ExtendedIso.Format(notice.About),
            ["attorney"] = notice.Attorney,
            ["consent"] = notice.Consent is { } c ? Liaison.Domain.Codes.Of(c) : null,
        }.ToJsonString();
    }

    /// <summary>Reads a stored notice; a malformed one is an inconsistent record.</summary>
    public static NoticeGiven ReadNotice(string json)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A stored notice is empty.");
            return !Liaison.Domain.Codes.TryParse<NoticeKind>(node["kind"]!.GetValue<string>(), out var kind)
                ? throw new InvalidOperationException($"A stored notice has an unknown kind \"{node["kind"]}\".")
                : new NoticeGiven(InstantPattern.ExtendedIso.Parse(node["at"]!.GetValue<string>()).GetValueOrThrow(), node["actor"]!.GetValue<string>(), kind,
                    InstantPattern.ExtendedIso.Parse(node["about"]!.GetValue<string>()).GetValueOrThrow(), node["attorney"]?.GetValue<string>())
                {
                    Consent = node["consent"]?.GetValue<string>() is { } c ? (Liaison.Domain.Codes.TryParse<ConsentAnswer>(c, out var answer) ? answer : throw new InvalidOperationException($"A stored consent answer \"{c}\" is unknown.")) : null,
                };
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or FormatException or UnparsableValueException or InvalidOperationException)
        {
            throw new InvalidOperationException($"A stored notice does not read: {e.Message}", e);
        }
    }

    public static string WriteConsular(ConsularEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = new JsonObject
        {
            ["at"] = InstantPattern.ExtendedIso.Format(entry.At),
            ["action"] = ConsularAction,
            ["actor"] = entry.Actor,
        };
        switch (entry)
        {
            case ConsularAdvisal a:
                json["advised"] = true;
                json["requested"] = a.Requested;
                break;
            case ConsularNotice n:
                json["method"] = MethodCode(n.Method);
                json["post"] = n.Post;
                json["reference"] = n.Reference;
                break;
        }

        return json.ToJsonString();
    }

    /// <summary>Reads a stored consular entry; a malformed one is an inconsistent record.</summary>
    public static ConsularEntry ReadConsular(string json)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A stored consular entry is empty.");
            var at = InstantPattern.ExtendedIso.Parse(node["at"]!.GetValue<string>()).GetValueOrThrow();
            var actor = node["actor"]!.GetValue<string>();
            return node["method"] is { } method
                ? new ConsularNotice(at, actor, ParseMethod(method.GetValue<string>()), node["post"]!.GetValue<string>(), node["reference"]?.GetValue<string>())
                : new ConsularAdvisal(at, actor, node["requested"]!.GetValue<bool>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or FormatException or UnparsableValueException or InvalidOperationException)
        {
            throw new InvalidOperationException($"A stored consular entry does not read: {e.Message}", e);
        }
    }

    /// <summary>The stable codes of the ways a consulate is told, as stored and posted.</summary>
    public static readonly IReadOnlyList<(ConsularMethod Method, string Code, string Label)> Methods =
    [
        (ConsularMethod.Fax, "fax", "Fax"), (ConsularMethod.Email, "email", "E-mail"), (ConsularMethod.Phone, "phone", "Telephone"),
        (ConsularMethod.Portal, "portal", "The consulate's online portal"), (ConsularMethod.InPerson, "in-person", "In person"),
    ];

    public static string MethodCode(ConsularMethod method) => Methods.Single(m => m.Method == method).Code;

    public static ConsularMethod ParseMethod(string code) =>
        Methods.FirstOrDefault(m => m.Code == code) is { Code: not null } found ? found.Method
            : throw new FormatException($"'{code}' is not a way to tell a consulate ({string.Join(", ", Methods.Select(m => m.Code))}).");

    public static string WriteScreening(ScreeningEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var json = new JsonObject
        {
            ["at"] = InstantPattern.ExtendedIso.Format(entry.At),
            ["actor"] = entry.Actor,
        };
        switch (entry)
        {
            case ScreeningDecision d:
                json["action"] = ScreeningAction;
                json["outcome"] = OutcomeCode(d.Outcome);
                json["note"] = d.Note;
                break;
            case ScreeningAssignment a:
                json["action"] = AssignmentAction;
                json["officer"] = a.Officer;
                break;
        }

        return json.ToJsonString();
    }

    /// <summary>Reads a stored screening entry; a malformed one is an inconsistent record.</summary>
    public static ScreeningEntry ReadScreening(string json)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A stored screening entry is empty.");
            var at = InstantPattern.ExtendedIso.Parse(node["at"]!.GetValue<string>()).GetValueOrThrow();
            var actor = node["actor"]!.GetValue<string>();
            return node["action"]!.GetValue<string>() switch
            {
                ScreeningAction => new ScreeningDecision(at, actor, ParseOutcome(node["outcome"]!.GetValue<string>()), node["note"]?.GetValue<string>()),
                AssignmentAction => new ScreeningAssignment(at, actor, node["officer"]?.GetValue<string>()),
                var other => throw new InvalidOperationException($"A stored screening entry has the unknown action '{other}'."),
            };
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or FormatException or UnparsableValueException)
        {
            throw new InvalidOperationException($"A stored screening entry does not read: {e.Message}", e);
        }
    }

    /// <summary>The stable codes of screening outcomes, as stored and shown in addresses (<c>/queue?show=no-action</c>).</summary>
    public static string OutcomeCode(ScreeningOutcome outcome) => outcome switch
    {
        ScreeningOutcome.NoAction => "no-action",
        _ => "referred",
    };

    public static ScreeningOutcome ParseOutcome(string code) => code switch
    {
        "no-action" => ScreeningOutcome.NoAction,
        "referred" => ScreeningOutcome.Referred,
        _ => throw new FormatException($"'{code}' is not a screening outcome (no-action, referred)."),
    };

    /// <summary>The corrections on record, by the sequence of the event each corrects (the latest last).</summary>
    public static ILookup<int, (int Sequence, StoredCorrection Correction)> CorrectionsByTarget(IEnumerable<CustodyEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return events.Where(e => e.Accepted && e.Action == CorrectionAction).OrderBy(e => e.Sequence)
            .Select(e => (e.Sequence, Correction: ReadCorrection(e.StepJson))).ToLookup(c => c.Correction.Correction.Target);
    }

    /// <summary>The sequences of the events whose latest correction voids them.</summary>
    public static IReadOnlySet<int> Voided(IEnumerable<CustodyEventRecord> events) =>
        CorrectionsByTarget(events).Where(g => g.Last().Correction.Correction.Voids).Select(g => g.Key).ToHashSet();

    private static RecordedStep Entry(int sequence, string action, string stepJson, Instant? deadline) => action == CorrectionAction
        ? new RecordedStep(sequence, null, deadline, ReadCorrection(stepJson).Correction)
        : new RecordedStep(sequence, StepJson.Read(stepJson), deadline);

    public static string WriteCorrection(StoredCorrection stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var c = stored.Correction;
        var json = new JsonObject
        {
            ["at"] = InstantPattern.ExtendedIso.Format(stored.At),
            ["action"] = CorrectionAction,
            ["actor"] = stored.Actor,
            ["corrects"] = c.Target,
            ["reason"] = c.Reason,
            ["replacement"] = c.Replacement is { } r ? JsonNode.Parse(StepJson.Write(r)) : null,
        };
        if (stored.ApprovedBy is { } approver)
        {
            json["approvedBy"] = approver;
        }

        return json.ToJsonString();
    }

    /// <summary>Reads a stored correction; a malformed one is an inconsistent record (as a step that does not parse is).</summary>
    public static StoredCorrection ReadCorrection(string json)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidOperationException("A stored correction is empty.");
            var at = InstantPattern.ExtendedIso.Parse(node["at"]!.GetValue<string>()).GetValueOrThrow();
            var replacement = node["replacement"] is JsonObject step ? StepJson.Read(step.ToJsonString()) : null;
            var correction = new Correction(node["corrects"]!.GetValue<int>(), replacement, node["reason"]!.GetValue<string>());
            return new StoredCorrection(at, node["actor"]!.GetValue<string>(), correction, node["approvedBy"]?.GetValue<string>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or FormatException or UnparsableValueException)
        {
            throw new InvalidOperationException($"A stored correction does not read: {e.Message}", e);
        }
    }
}
