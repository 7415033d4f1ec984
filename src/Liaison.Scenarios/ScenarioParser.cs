using System.Text.Json;
using Liaison.Domain;
using Liaison.Domain.Agreements;
using Liaison.Domain.Bookings;
using Liaison.Domain.Citizenship;
using Liaison.Domain.Custody;
using Liaison.Domain.Jurisdictions;
using Liaison.Domain.Officers;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Scenarios;

/// <summary>
/// Reads a scenario file (docs/custody-rules.md, "The scenario file"). A file that is not valid JSON,
/// misses a required field, has a field of the wrong type or names an unknown action, policy, model,
/// time zone or other code is rejected whole, with the JSON path of the first problem. An act's
/// arguments that are merely missing or empty are not errors here: the engine refuses such acts.
/// </summary>
public static class ScenarioParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32 };

    public static ScenarioFile Parse(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
            throw new ScenarioFormatException("$", $"not valid JSON{where}");
        }

        using (document)
        {
            return ParseRoot(document.RootElement);
        }
    }

    public static ScenarioFile Parse(string json) => Parse(System.Text.Encoding.UTF8.GetBytes(json));

    /// <summary>One step object, as it appears in a file's <c>steps</c> array (and as custody events are stored).</summary>
    public static CustodyStep ParseStep(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            return ParseStep(document.RootElement, "$");
        }
        catch (JsonException)
        {
            throw new ScenarioFormatException("$", "not valid JSON");
        }
    }

    private static ScenarioFile ParseRoot(JsonElement root)
    {
        RequireKind(root, JsonValueKind.Object, "$", "a scenario must be a JSON object");
        var name = RequiredString(root, "$", "scenario");
        var jurisdiction = ParseJurisdiction(Required(root, "$", "jurisdiction"), "$.jurisdiction");

        var agreements = new List<Agreement>();
        foreach (var (item, path) in OptionalArray(root, "$", "agreements"))
        {
            agreements.Add(ParseAgreement(item, path));
        }

        var officers = new List<Officer>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (item, path) in OptionalArray(root, "$", "officers"))
        {
            var officer = ParseOfficer(item, path);
            if (ActorPermissions.IsSystemActor(officer.Id))
            {
                throw new ScenarioFormatException(path + ".id", $"\"{officer.Id}\" is reserved for a system actor");
            }

            if (!ids.Add(officer.Id))
            {
                throw new ScenarioFormatException(path + ".id", $"officer \"{officer.Id}\" is listed twice");
            }

            officers.Add(officer);
        }

        var stepsElement = Required(root, "$", "steps");
        RequireKind(stepsElement, JsonValueKind.Array, "$.steps", "must be an array");
        var steps = new List<CustodyStep>(stepsElement.GetArrayLength());
        var index = 0;
        foreach (var item in stepsElement.EnumerateArray())
        {
            steps.Add(ParseStep(item, $"$.steps[{index}]"));
            index++;
        }

        return new ScenarioFile(name, jurisdiction, agreements, officers, steps);
    }

    private static Jurisdiction ParseJurisdiction(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        var zoneId = RequiredString(e, path, "timeZone");
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new ScenarioFormatException(path + ".timeZone", $"unknown time zone \"{zoneId}\"");
        var policy = RequiredCode<HoldPolicy>(e, path, "holdPolicy", "policy");
        var holidays = new List<LocalDate>();
        foreach (var (item, itemPath) in OptionalArray(e, path, "holidays"))
        {
            holidays.Add(ParseDate(item, itemPath));
        }

        return new Jurisdiction(zone, policy, holidays);
    }

    private static Agreement ParseAgreement(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        var effective = ParseDate(Required(e, path, "effective"), path + ".effective");
        var ends = Optional(e, "ends") is { } endsElement ? ParseDate(endsElement, path + ".ends") : (LocalDate?)null;
        if (ends < effective)
        {
            throw new ScenarioFormatException(path + ".ends", "ends before the agreement is effective");
        }

        return new Agreement(RequiredString(e, path, "id"), RequiredCode<AgreementModel>(e, path, "model", "model"), effective, ends);
    }

    private static Officer ParseOfficer(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        var id = RequiredString(e, path, "id");
        var kind = RequiredCode<ActorKind>(e, path, "kind", "officer kind");
        if (kind is not (ActorKind.DesignatedOfficer or ActorKind.IceOfficer or ActorKind.IceSupervisor))
        {
            throw new ScenarioFormatException(path + ".kind", $"unknown officer kind \"{Codes.Of(kind)}\"");
        }

        var certifications = new List<Certification>();
        foreach (var (item, itemPath) in OptionalArray(e, path, "certifications"))
        {
            RequireKind(item, JsonValueKind.Object, itemPath, "must be an object");
            var completed = ParseDate(Required(item, itemPath, "completed"), itemPath + ".completed");
            var expires = ParseDate(Required(item, itemPath, "expires"), itemPath + ".expires");
            if (expires < completed)
            {
                throw new ScenarioFormatException(itemPath + ".expires", "expires before the certification was completed");
            }

            var revoked = Optional(item, "revoked") is { } revokedElement ? ParseDate(revokedElement, itemPath + ".revoked") : (LocalDate?)null;
            certifications.Add(new Certification(RequiredCode<AgreementModel>(item, itemPath, "model", "model"), completed, expires, revoked));
        }

        return new Officer(id, kind, certifications);
    }

    private static CustodyStep ParseStep(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "a step must be an object");
        var at = ParseInstant(Required(e, path, "at"), path + ".at");
        var action = RequiredCode<CustodyAction>(e, path, "action", "action");
        if (action == CustodyAction.Tick)
        {
            return new Tick(at);
        }

        var actor = RequiredString(e, path, "actor");
        if (action == CustodyAction.Book)
        {
            return new Book(at, actor, ParseBookingDetails(Required(e, path, "booking"), path + ".booking"));
        }

        var booking = RequiredString(e, path, "booking");
        return action switch
        {
            CustodyAction.BiometricResponse => new BiometricResponse(at, actor, booking,
                OptionalCode<BiometricResult>(e, path, "result", "biometric result"),
                Optional(e, "record") is { } record ? RecordStatusOf(record, path + ".record") : null),
            CustodyAction.Interview => new Interview(at, actor, booking,
                OptionalString(e, path, "language"),
                OptionalStrings(e, path, "advisals"),
                OptionalCode<InterviewClaim>(e, path, "claims", "claim"))
            {
                Interpreter = OptionalInterpreter(e, path),
            },
            CustodyAction.LodgeDetainer => new LodgeDetainer(at, actor, booking,
                ProbableCauseBasisSet.Of(OptionalArray(e, path, "bases").Select(x => CodeOf<ProbableCauseBasis>(x.Element, x.Path, "probable-cause basis"))),
                OptionalWarrant(e, path),
                OptionalCode<DetainerForm>(e, path, "form", "detainer form") ?? DetainerForm.I247A),
            CustodyAction.RequestNotification => new RequestNotification(at, actor, booking,
                OptionalCode<DetainerForm>(e, path, "form", "detainer form")),
            CustodyAction.NotifyIce => new NotifyIce(at, actor, booking, OptionalCode<IceDutyKind>(e, path, "about", "duty"))
            {
                Notice = new IceNotice(
                    OptionalCode<NoticeMethod>(e, path, "method", "notice method"),
                    OptionalString(e, path, "recipient"),
                    OptionalString(e, path, "reference")),
            },
            CustodyAction.ServeDetainer => new ServeDetainer(at, actor, booking),
            CustodyAction.ServeWarrant => new ServeWarrant(at, actor, booking, OptionalWarrant(e, path)),
            CustodyAction.ReleaseScheduled => new ReleaseScheduled(at, actor, booking,
                Optional(e, "expected") is { } expected ? ParseInstant(expected, path + ".expected") : null),
            CustodyAction.ReleaseEligible => new ReleaseEligible(at, actor, booking, OptionalString(e, path, "reason")),
            CustodyAction.Release => new Release(at, actor, booking),
            CustodyAction.ClaimCitizenship => new ClaimCitizenship(at, actor, booking),
            CustodyAction.ResolveCitizenship => new ResolveCitizenship(at, actor, booking,
                OptionalCode<CitizenshipFinding>(e, path, "finding", "finding"),
                Evidence(e, path)),
            CustodyAction.LiftDetainer => new LiftDetainer(at, actor, booking, OptionalString(e, path, "reason")),
            CustodyAction.AssumeCustody => new AssumeCustody(at, actor, booking),
            CustodyAction.Book or CustodyAction.Tick => throw new InvalidOperationException("handled above"),
        };
    }

    private static BookingDetails ParseBookingDetails(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "a book step's booking must be an object");
        var charges = new List<Charge>();
        foreach (var (item, itemPath) in OptionalArray(e, path, "charges"))
        {
            RequireKind(item, JsonValueKind.Object, itemPath, "must be an object");
            charges.Add(new Charge(
                RequiredString(item, itemPath, "code"),
                OptionalString(item, itemPath, "description"),
                OptionalString(item, itemPath, "level"),
                OptionalString(item, itemPath, "status")));
        }

        return new BookingDetails(
            RequiredString(e, path, "id"),
            OptionalString(e, path, "personId"),
            OptionalString(e, path, "birthCountry"),
            OptionalString(e, path, "citizenshipCountry"),
            charges);
    }

    private static RecordStatus? RecordStatusOf(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        return OptionalCode<RecordStatus>(e, path, "status", "record status");
    }

    private static Warrant? OptionalWarrant(JsonElement step, string stepPath)
    {
        if (Optional(step, "warrant") is not { } e)
        {
            return null;
        }

        var path = stepPath + ".warrant";
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        return new Warrant(
            OptionalCode<WarrantForm>(e, path, "form", "warrant form"),
            OptionalString(e, path, "number"),
            OptionalString(e, path, "signedBy"));
    }

    private static InterpreterRecord? OptionalInterpreter(JsonElement step, string stepPath)
    {
        if (Optional(step, "interpreter") is not { } e)
        {
            return null;
        }

        var path = stepPath + ".interpreter";
        RequireKind(e, JsonValueKind.Object, path, "must be an object");
        bool? needed = null;
        if (Optional(e, "needed") is { } neededElement)
        {
            needed = neededElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ScenarioFormatException(path + ".needed", "must be true or false"),
            };
        }

        return new InterpreterRecord(OptionalString(e, path, "question"), OptionalString(e, path, "answer"), needed, OptionalString(e, path, "name"));
    }

    /// <summary>Evidence is a description, or a list of them; blank entries do not count.</summary>
    private static string? Evidence(JsonElement step, string stepPath)
    {
        if (Optional(step, "evidence") is not { } e)
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Array
            ? string.Join("; ", OptionalStrings(step, stepPath, "evidence").Where(s => !string.IsNullOrWhiteSpace(s)))
            : OptionalString(step, stepPath, "evidence");
    }

    // ---- JSON helpers: paths are built only when something is wrong --------------------------------

    private static JsonElement Required(JsonElement obj, string path, string name) =>
        Optional(obj, name) ?? throw new ScenarioFormatException($"{path}.{name}", "is required");

    private static JsonElement? Optional(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string RequiredString(JsonElement obj, string path, string name)
    {
        var value = OptionalString(obj, path, name) ?? throw new ScenarioFormatException($"{path}.{name}", "is required");
        return value.Length > 0 ? value : throw new ScenarioFormatException($"{path}.{name}", "must not be empty");
    }

    private static string? OptionalString(JsonElement obj, string path, string name)
    {
        if (Optional(obj, name) is not { } value)
        {
            return null;
        }

        RequireKind(value, JsonValueKind.String, $"{path}.{name}", "must be a string");
        return value.GetString();
    }

    private static List<string> OptionalStrings(JsonElement obj, string path, string name) =>
        [.. OptionalArray(obj, path, name).Select(x =>
        {
            RequireKind(x.Element, JsonValueKind.String, x.Path, "must be a string");
            return x.Element.GetString()!;
        })];

    private static IEnumerable<(JsonElement Element, string Path)> OptionalArray(JsonElement obj, string path, string name)
    {
        if (Optional(obj, name) is not { } array)
        {
            yield break;
        }

        RequireKind(array, JsonValueKind.Array, $"{path}.{name}", "must be an array");
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            yield return (item, $"{path}.{name}[{i}]");
            i++;
        }
    }

    private static T RequiredCode<T>(JsonElement obj, string path, string name, string what)
        where T : struct, Enum => CodeOf<T>(Required(obj, path, name), $"{path}.{name}", what);

    private static T? OptionalCode<T>(JsonElement obj, string path, string name, string what)
        where T : struct, Enum => Optional(obj, name) is { } e ? CodeOf<T>(e, $"{path}.{name}", what) : null;

    private static T CodeOf<T>(JsonElement e, string path, string what)
        where T : struct, Enum
    {
        RequireKind(e, JsonValueKind.String, path, "must be a string");
        var code = e.GetString();
        return Codes.TryParse<T>(code, out var value)
            ? value
            : throw new ScenarioFormatException(path, $"unknown {what} \"{code}\" (expected one of: {string.Join(", ", Codes.All<T>())})");
    }

    private static Instant ParseInstant(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.String, path, "must be a string");
        var text = e.GetString()!;
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return result.Success
            ? result.Value.ToInstant()
            : throw new ScenarioFormatException(path, $"\"{text}\" is not an ISO 8601 instant with an offset or Z");
    }

    private static LocalDate ParseDate(JsonElement e, string path)
    {
        RequireKind(e, JsonValueKind.String, path, "must be a string");
        var text = e.GetString()!;
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw new ScenarioFormatException(path, $"\"{text}\" is not an ISO 8601 date (yyyy-MM-dd)");
    }

    private static void RequireKind(JsonElement e, JsonValueKind kind, string path, string problem)
    {
        if (e.ValueKind != kind)
        {
            throw new ScenarioFormatException(path, problem);
        }
    }
}
