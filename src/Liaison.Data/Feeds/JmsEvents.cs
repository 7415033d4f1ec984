using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Liaison.Data.Custody;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Feeds;

/// <summary>A field that failed its check: the column, a code, and plain words.</summary>
public sealed record FieldProblem(string Column, string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    /// <summary>
    /// The same problem in another way in's terms (the API's field, a NIEM element): <paramref name="name"/> in the
    /// column's place, and at the message's start where the message names the column. A problem of no column stays.
    /// </summary>
    public FieldProblem NamedAs(string name) =>
        Column.Length == 0 ? this : new(name, Code, Message.StartsWith(Column, StringComparison.Ordinal) ? name + Message[Column.Length..] : Message);
}

/// <summary>One of the four facts a JMS tells Liaison, valid, at its own instant.</summary>
public sealed record JmsEvent(string EventId, Instant At, string Action, string BookingNumber, NewBooking? Person, Instant? Expected, string? Reason, string ContentHash)
{
    public const string Channel = "jms";

    /// <summary>The engine step and the write path's submission for it (acting as the jail system; <paramref name="by"/> names the integration key, if any).</summary>
    public Submission ToSubmission(string? by = null)
    {
        CustodyStep step = Action switch
        {
            JmsEvents.Book => new Book(At, "jms", Person!.Details),
            JmsEvents.ReleaseScheduled => new ReleaseScheduled(At, "jms", BookingNumber, Expected),
            JmsEvents.ReleaseEligible => new ReleaseEligible(At, "jms", BookingNumber, Reason),
            _ => new Release(At, "jms", BookingNumber),
        };
        return new Submission(step, new ActingAs("jms", by)) { Person = Person, Key = new ExternalKey(Channel, EventId, ContentHash) };
    }
}

/// <summary>
/// The jail feed's fields and their checks (interfaces.md), shared by the CSV file, the JSON API and NIEM XML: every
/// way in reads its fields by column name and gets the same event, or the same problem naming the same column.
/// </summary>
public static partial class JmsEvents
{
    public const string Book = "book", ReleaseScheduled = "release-scheduled", ReleaseEligible = "release-eligible", Release = "release";

    public static readonly IReadOnlyList<string> Required = ["event_id", "at", "action", "booking_number"];

    public static readonly IReadOnlyList<string> Columns =
    [
        "event_id", "at", "action", "booking_number", "person_id", "last_name", "first_name", "date_of_birth", "sex",
        "birth_country", "citizenship_country", "language", "a_number", "charges", "expected", "reason",
    ];

    private static readonly FrozenSet<string> Actions = new[] { Book, ReleaseScheduled, ReleaseEligible, Release }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Countries = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD " +
        "CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF " +
        "GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN " +
        "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA " +
        "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI " +
        "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI " +
        "VN VU WF WS YE YT ZA ZM ZW").Split(' ').ToFrozenSet(StringComparer.Ordinal); // ISO 3166-1 alpha-2 (Debian iso-codes)

    private static readonly FrozenSet<string> Levels = new[] { "felony", "misdemeanor", "infraction" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> Statuses = new[] { "pending", "convicted" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly LocalDate EarliestBirth = new(1900, 1, 1);

    /// <summary>
    /// Checks one event's fields, read by column name (null or empty: missing), and returns the event or the first
    /// problem. <paramref name="zone"/> is the facility's: a date of birth may not be after the booking's local date.
    /// </summary>
    public static (JmsEvent? Event, FieldProblem? Problem) Read(Func<string, string?> field, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(zone);
        string? Value(string column) => field(column) is { Length: > 0 } v ? v : null;
        FieldProblem Missing(string column, string why) => new(column, "missing-value", $"{column} is missing; {why}");

        var eventId = Value("event_id");
        if (eventId is null)
        {
            return (null, Missing("event_id", "every row needs one"));
        }

        if (!IsEventId(eventId))
        {
            return (null, new("event_id", "invalid-event-id", $"event_id \"{Shown(eventId)}\" must be 1-64 printable ASCII characters without spaces"));
        }

        var (readAt, atProblem) = ReadInstant("at", Value("at"), "every row needs one");
        if (atProblem is not null)
        {
            return (null, atProblem);
        }

        var at = readAt!.Value;
        var action = Value("action");
        if (action is null)
        {
            return (null, Missing("action", "every row needs one"));
        }

        if (!Actions.Contains(action))
        {
            return (null, new("action", "invalid-action", $"action \"{Shown(action)}\" is not book, release-scheduled, release-eligible or release"));
        }

        var bookingNumber = Value("booking_number");
        if (bookingNumber is null)
        {
            return (null, Missing("booking_number", "every row needs one"));
        }

        if (!IsBookingNumber(bookingNumber))
        {
            return (null, new("booking_number", "invalid-booking-number", $"booking_number \"{Shown(bookingNumber)}\" must be 1-32 characters of A-Z, a-z, 0-9 and -"));
        }

        NewBooking? person = null;
        Instant? expected = null;
        string? reason = null;
        switch (action)
        {
            case Book:
                var (read, problem) = Person(Value, bookingNumber, at.InZone(zone).Date);
                if (problem is not null)
                {
                    return (null, problem);
                }

                person = read;
                break;
            case ReleaseScheduled:
                var expectedAt = ReadInstant("expected", Value("expected"), "a release-scheduled row needs the expected release");
                if (expectedAt.Problem is { } expectedProblem)
                {
                    return (null, expectedProblem);
                }

                expected = expectedAt.Value;
                break;
            case ReleaseEligible:
                reason = Value("reason");
                if (Text("reason", reason, 200, "a release-eligible row needs the reason", lineBreaks: true) is { } reasonProblem)
                {
                    return (null, reasonProblem);
                }

                break;
        }

        var hash = ContentHash(eventId, at, action, bookingNumber, person, expected, reason);
        return (new JmsEvent(eventId, at, action, bookingNumber, person, expected, reason, hash), null);
    }

    /// <summary>An id another system gives (a JMS event id, a DHS message id): 1-64 printable ASCII characters, no spaces.</summary>
    internal static bool IsEventId(string id) => id.Length is > 0 and <= 64 && !id.Any(c => c is < '!' or > '~');

    internal static bool IsBookingNumber(string number) => BookingNumberPattern().IsMatch(number);

    private static (NewBooking? Person, FieldProblem? Problem) Person(Func<string, string?> value, string bookingNumber, LocalDate bookedOn)
    {
        var personId = value("person_id");
        var lastName = value("last_name");
        var firstName = value("first_name");
        var problem = Text("person_id", personId, 64, "a book row needs the JMS's person id")
            ?? Text("last_name", lastName, 100, "a book row needs the last name")
            ?? Text("first_name", firstName, 100, "a book row needs the first name");
        if (problem is not null)
        {
            return (null, problem);
        }

        LocalDate? dateOfBirth = null;
        if (value("date_of_birth") is { } dob)
        {
            var parsed = LocalDatePattern.Iso.Parse(dob);
            if (!DatePattern().IsMatch(dob) || !parsed.Success)
            {
                return (null, new("date_of_birth", "invalid-date", $"date_of_birth \"{Shown(dob)}\" is not a date"));
            }

            if (parsed.Value < EarliestBirth || parsed.Value > bookedOn)
            {
                return (null, new("date_of_birth", "invalid-date", $"date_of_birth {dob} must be from 1900-01-01 to the booking's date ({bookedOn:uuuu-MM-dd})"));
            }

            dateOfBirth = parsed.Value;
        }

        var sex = value("sex");
        if (sex is not null and not ("M" or "F" or "X" or "U"))
        {
            return (null, new("sex", "invalid-sex", $"sex \"{Shown(sex)}\" must be M, F, X or U"));
        }

        var birthCountry = value("birth_country");
        var citizenship = value("citizenship_country");
        problem = Country("birth_country", birthCountry) ?? Country("citizenship_country", citizenship);
        if (problem is not null)
        {
            return (null, problem);
        }

        var language = value("language");
        if (language is not null && (language.Length > 16 || !LanguagePattern().IsMatch(language)))
        {
            return (null, new("language", "invalid-language", $"language \"{Shown(language)}\" is not a BCP 47 language tag (es, ht, zh-Hans)"));
        }

        string? aNumber = null;
        if (value("a_number") is { } given)
        {
            var digits = given.StartsWith('A') ? given[1..] : given;
            digits = digits.Replace("-", "", StringComparison.Ordinal);
            if (!ANumberPattern().IsMatch(given) || digits.Length is < 8 or > 9)
            {
                return (null, new("a_number", "invalid-a-number", $"a_number \"{Shown(given)}\" must be 8 or 9 digits, optionally written A + digits or with dashes"));
            }

            aNumber = digits.PadLeft(9, '0');
        }

        var charges = new List<Charge>();
        var chargeText = value("charges");
        if (chargeText is null)
        {
            return (null, new("charges", "missing-value", "charges is missing; a book row needs one or more charges"));
        }

        foreach (var part in chargeText.Split(';'))
        {
            var bits = part.Split(':');
            if (bits.Length != 3 || !NcicPattern().IsMatch(bits[0]) || !Levels.Contains(bits[1]) || !Statuses.Contains(bits[2]))
            {
                return (null, new("charges", "invalid-charges", $"charges: \"{Shown(part)}\" is not CODE:level:status (a 4-digit NCIC code, felony/misdemeanor/infraction, pending/convicted)"));
            }

            charges.Add(new Charge(bits[0], null, bits[1], bits[2]));
        }

        return (new NewBooking(bookingNumber, personId!, lastName!, firstName!, dateOfBirth, aNumber, birthCountry, citizenship, language, charges) { Sex = sex }, null);
    }

    internal static (Instant? Value, FieldProblem? Problem) ReadInstant(string column, string? text, string whyNeeded)
    {
        if (text is null)
        {
            return (null, new(column, "missing-value", $"{column} is missing; {whyNeeded}"));
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return parsed.Success && InstantPattern().IsMatch(text)
            ? (Persistence.StoredInstants.ToMicrosecond(parsed.Value.ToInstant()), null) // kept to the microsecond, as stored
            : (null, new(column, "invalid-instant", $"{column} \"{Shown(text)}\" is not an ISO 8601 instant with an offset or Z (2026-03-01T14:30:00-05:00 or 2026-03-01T19:30:00Z)"));
    }

    /// <summary>Names and ids hold no control character; a free-text reason may hold line breaks and tabs.</summary>
    private static FieldProblem? Text(string column, string? text, int max, string whyNeeded, bool lineBreaks = false) =>
        text is null ? new(column, "missing-value", $"{column} is missing; {whyNeeded}")
        : text.Length > max ? new(column, "invalid-text", $"{column} is {text.Length} characters; at most {max}")
        : text.Any(c => char.IsControl(c) && !(lineBreaks && c is '\n' or '\r' or '\t')) ? new(column, "invalid-text", $"{column} holds a control character")
        : null;

    private static FieldProblem? Country(string column, string? code) =>
        code is null || Countries.Contains(code) ? null
            : new(column, "invalid-country", $"{column} \"{Shown(code)}\" is not an ISO 3166-1 alpha-2 code in upper case (MX, US)");

    /// <summary>A value quoted in a problem: control characters shown as \uXXXX, long values cut.</summary>
    internal static string Shown(string value)
    {
        var cut = value.Length > 80 ? value[..80] + "..." : value;
        return string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
    }

    /// <summary>SHA-256 of the event's content (every column its action uses, as read), so a resend is recognized whatever its spelling.</summary>
    private static string ContentHash(string eventId, Instant at, string action, string bookingNumber, NewBooking? person, Instant? expected, string? reason)
    {
        var content = new StringBuilder().Append(eventId).Append('\u001f').Append(at.ToUnixTimeTicks()).Append('\u001f').Append(action)
            .Append('\u001f').Append(bookingNumber).Append('\u001f').Append(expected?.ToUnixTimeTicks()).Append('\u001f').Append(reason);
        if (person is not null)
        {
            content.Append('\u001f').AppendJoin('\u001f', person.PersonId, person.LastName, person.FirstName, person.DateOfBirth is { } born ? LocalDatePattern.Iso.Format(born) : null,
                person.Sex, person.BirthCountry, person.CitizenshipCountry, person.Language, person.ANumber,
                string.Join(';', person.Charges.Select(c => $"{c.Code}:{c.Level}:{c.Status}")));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())));
    }

    [GeneratedRegex("^[A-Za-z0-9-]{1,32}$")]
    private static partial Regex BookingNumberPattern();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DatePattern();

    // Date, time to the second or a fraction, and an offset or Z: no week dates, no local times.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"^A?\d[\d-]*\d$")]
    private static partial Regex ANumberPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex NcicPattern();
}
