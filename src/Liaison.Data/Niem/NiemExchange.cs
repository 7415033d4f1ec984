using System.Collections.Frozen;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Liaison.Data.Bookings;
using Liaison.Data.Custody;
using Liaison.Data.Feeds;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Niem;

/// <summary>
/// NIEM 5.2 XML (interfaces.md): a <c>lsn:CustodyExchange</c> document holding a <c>j:Booking</c> (the booking's
/// facts) and, from Liaison, its custody record as <c>lsn:CustodyEvent</c>s. Built from Liaison's own subset schemas
/// of the release (Niem/Schemas), against which every document is validated, written or read. Booking facts read
/// from a document become the jail feed's <c>book</c> event, checked by <see cref="JmsEvents"/> like every other way in.
/// </summary>
public static class NiemExchange
{
    public static readonly XNamespace Nc = "http://release.niem.gov/niem/niem-core/5.0/";
    public static readonly XNamespace J = "http://release.niem.gov/niem/domains/jxdm/7.2/";
    public static readonly XNamespace Iso = "http://release.niem.gov/niem/codes/iso_3166-1/5.0/";
    public static readonly XNamespace Lsn = "https://liaison.example/niem/custody/1.0/";
    public static readonly XNamespace Structures = "http://release.niem.gov/niem/structures/5.0/";

    /// <summary>How the document identifies an A-number among a person's other identifications.</summary>
    public const string ANumberCategory = "A-Number";

    /// <summary>A document larger than this is not a booking: refused unread.</summary>
    public const long MaxDocumentCharacters = 4 * 1024 * 1024;

    /// <summary>xs:dateTime with the offset always as +HH:mm (or Z): what the feed's checks and every XML reader accept.</summary>
    private static readonly OffsetDateTimePattern DateTimePattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<Z+HH:mm>");

    private static readonly Lazy<XmlSchemaSet> SchemaSet = new(LoadSchemas);

    /// <summary>The subset and extension schemas, compiled (embedded in this assembly).</summary>
    public static XmlSchemaSet Schemas => SchemaSet.Value;

    /// <summary>The schema files by their path under Niem/Schemas (for the conformance tests).</summary>
    public static IReadOnlyDictionary<string, string> SchemaFiles { get; } = typeof(NiemExchange).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Liaison.Niem/", StringComparison.Ordinal))
        .ToFrozenDictionary(n => n["Liaison.Niem/".Length..], n =>
        {
            using var reader = new StreamReader(typeof(NiemExchange).Assembly.GetManifestResourceStream(n)!);
            return reader.ReadToEnd();
        }, StringComparer.Ordinal);

    private static XmlSchemaSet LoadSchemas()
    {
        var set = new XmlSchemaSet { XmlResolver = null }; // every import is in the set already: nothing is fetched
        foreach (var text in SchemaFiles.Values)
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(XmlSchema.Read(reader, null)!);
        }

        set.Compile();
        return set;
    }

    /// <summary>
    /// Reads a document safely (no DTD, nothing fetched, size bounded) and validates it against the schemas: the
    /// document, or every problem with its line and position.
    /// </summary>
    public static (XDocument? Document, IReadOnlyList<string> Problems) Load(TextReader text)
    {
        var problems = new List<string>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentCharacters,
            ValidationType = ValidationType.Schema,
            Schemas = Schemas,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings,
        };
        settings.ValidationEventHandler += (_, e) => problems.Add($"line {e.Exception.LineNumber}, position {e.Exception.LinePosition}: {e.Message}");
        try
        {
            using var reader = XmlReader.Create(text, settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            if (document.Root?.Name != Lsn + "CustodyExchange")
            {
                problems.Insert(0, $"the document's root is {document.Root?.Name.LocalName}, not lsn:CustodyExchange ({Lsn})");
            }

            return (problems.Count == 0 ? document : null, problems);
        }
        catch (XmlException e)
        {
            return (null, [$"line {e.LineNumber}, position {e.LinePosition}: {e.Message}"]);
        }
    }

    /// <summary>The document's booking facts as the jail feed's <c>book</c> event, or the first problem, naming the element.</summary>
    public static (JmsEvent? Event, FieldProblem? Problem) Read(XDocument document, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.Root!;
        var booking = root.Element(J + "Booking");
        var subject = booking?.Element(J + "BookingSubject");
        var person = subject?.Element(Nc + "RoleOfPerson");
        static string? Text(XElement? element) => element?.Value;
        string? Country(XElement? holder) => Text(holder?.Element(Iso + "CountryAlpha2Code"));
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["event_id"] = Text(root.Element(Nc + "DocumentIdentification")?.Element(Nc + "IdentificationID")),
            ["at"] = Text(booking?.Element(Nc + "ActivityDate")?.Element(Nc + "DateTime")),
            ["action"] = JmsEvents.Book,
            ["booking_number"] = Text(booking?.Element(Nc + "ActivityIdentification")?.Element(Nc + "IdentificationID")),
            ["person_id"] = Text(subject?.Element(J + "SubjectIdentification")?.Element(Nc + "IdentificationID")),
            ["last_name"] = Text(person?.Element(Nc + "PersonName")?.Element(Nc + "PersonSurName")),
            ["first_name"] = Text(person?.Element(Nc + "PersonName")?.Element(Nc + "PersonGivenName")),
            ["date_of_birth"] = Text(person?.Element(Nc + "PersonBirthDate")?.Element(Nc + "Date")),
            ["sex"] = Text(person?.Element(Nc + "PersonSexText")),
            ["birth_country"] = Country(person?.Element(Nc + "PersonBirthLocation")?.Element(Nc + "Address")?.Element(Nc + "AddressCountry")),
            ["citizenship_country"] = Country(person?.Element(Nc + "PersonCitizenship")?.Element(Nc + "PersonCitizenshipCountry")),
            ["language"] = Text(person?.Element(Nc + "PersonPrimaryLanguage")?.Element(Nc + "Language")?.Element(Nc + "LanguageName")),
            ["a_number"] = Text(person?.Elements(Nc + "PersonOtherIdentification")
                .FirstOrDefault(i => i.Element(Nc + "IdentificationCategoryDescriptionText")?.Value == ANumberCategory)?.Element(Nc + "IdentificationID")),
            ["charges"] = booking?.Element(J + "Arrest")?.Elements(J + "ArrestCharge").Select(c =>
                $"{Text(c.Element(J + "ChargeNCICText"))}:{Text(c.Element(J + "ChargeSeverityText"))}:{Text(c.Element(J + "ChargeStatus")?.Element(Nc + "StatusDescriptionText"))}")
                .DefaultIfEmpty().Aggregate((a, b) => $"{a};{b}"),
        };
        var (read, problem) = JmsEvents.Read(column => values.GetValueOrDefault(column), zone);
        return problem is null ? (read, null) : (null, Paths.TryGetValue(problem.Column, out var path) ? problem.NamedAs(path) : problem);
    }

    /// <summary>Where each feed column is in a document, for problems a person can find.</summary>
    public static readonly IReadOnlyDictionary<string, string> Paths = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["event_id"] = "nc:DocumentIdentification/nc:IdentificationID",
        ["at"] = "j:Booking/nc:ActivityDate/nc:DateTime",
        ["booking_number"] = "j:Booking/nc:ActivityIdentification/nc:IdentificationID",
        ["person_id"] = "j:BookingSubject/j:SubjectIdentification/nc:IdentificationID",
        ["last_name"] = "nc:PersonName/nc:PersonSurName",
        ["first_name"] = "nc:PersonName/nc:PersonGivenName",
        ["date_of_birth"] = "nc:PersonBirthDate/nc:Date",
        ["sex"] = "nc:PersonSexText",
        ["birth_country"] = "nc:PersonBirthLocation/nc:Address/nc:AddressCountry/iso_3166:CountryAlpha2Code",
        ["citizenship_country"] = "nc:PersonCitizenship/nc:PersonCitizenshipCountry/iso_3166:CountryAlpha2Code",
        ["language"] = "nc:PersonPrimaryLanguage/nc:Language/nc:LanguageName",
        ["a_number"] = $"nc:PersonOtherIdentification[{ANumberCategory}]/nc:IdentificationID",
        ["charges"] = "j:Arrest/j:ArrestCharge (j:ChargeNCICText, j:ChargeSeverityText, j:ChargeStatus)",
    };

    /// <summary>A booking and its accepted custody events as a document (times in the facility's offset).</summary>
    public static XDocument Export(BookingRecord booking, IEnumerable<CustodyEventRecord> events, DateTimeZone zone, Instant createdAt)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(events);
        string At(Instant instant) => DateTimePattern.Format(instant.InZone(zone).ToOffsetDateTime());
        XElement DateTime(XName name, Instant instant) => new(name, new XElement(Nc + "DateTime", At(instant)));
        XElement Id(XName name, string id) => new(name, new XElement(Nc + "IdentificationID", id));
        XElement? Country(XName name, string? code) => code is null ? null : new(name, new XElement(Iso + "CountryAlpha2Code", code));
        var accepted = events.Where(e => e.Accepted).OrderBy(e => e.Sequence).ToList();
        var voided = Custody.StoredHistory.Voided(accepted); // every event is exported; a voided one is no release or transfer
        var release = accepted.FirstOrDefault(e => e.Action == "release" && !voided.Contains(e.Sequence));
        var transfer = accepted.FirstOrDefault(e => e.Action == "assume-custody" && !voided.Contains(e.Sequence));

        var person = new XElement(Nc + "RoleOfPerson",
            booking.DateOfBirth is { } born ? new XElement(Nc + "PersonBirthDate", new XElement(Nc + "Date", LocalDatePattern.Iso.Format(born))) : null,
            booking.BirthCountry is { } birth ? new XElement(Nc + "PersonBirthLocation", new XElement(Nc + "Address", Country(Nc + "AddressCountry", birth))) : null,
            booking.CitizenshipCountry is { } citizen ? new XElement(Nc + "PersonCitizenship", Country(Nc + "PersonCitizenshipCountry", citizen)) : null,
            new XElement(Nc + "PersonName", new XElement(Nc + "PersonGivenName", booking.FirstName), new XElement(Nc + "PersonSurName", booking.LastName)),
            booking.ANumber is { } a ? new XElement(Nc + "PersonOtherIdentification", new XElement(Nc + "IdentificationID", a), new XElement(Nc + "IdentificationCategoryDescriptionText", ANumberCategory)) : null,
            booking.Language is { } language ? new XElement(Nc + "PersonPrimaryLanguage", new XElement(Nc + "Language", new XElement(Nc + "LanguageName", language))) : null,
            booking.Sex is { } sex ? new XElement(Nc + "PersonSexText", sex) : null);
        var bookingElement = new XElement(J + "Booking",
            Id(Nc + "ActivityIdentification", booking.Id),
            DateTime(Nc + "ActivityDate", booking.BookedAt),
            release is null ? null : new XElement(J + "BookingRelease", DateTime(Nc + "ActivityDate", release.At)),
            new XElement(J + "BookingSubject", person, Id(J + "SubjectIdentification", booking.PersonId)),
            transfer is null ? null : new XElement(J + "BookingSubjectCustodyTransfer", DateTime(Nc + "ActivityDate", transfer.At),
                new XElement(J + "CustodyTransferReceivingEnforcementAgency", new XElement(Nc + "OrganizationName", "U.S. Immigration and Customs Enforcement"))),
            new XElement(J + "Arrest", booking.Charges.OrderBy(c => c.Id).Select(c => new XElement(J + "ArrestCharge",
                new XElement(J + "ChargeSeverityText", c.Level),
                new XElement(J + "ChargeStatus", new XElement(Nc + "StatusDescriptionText", c.Status)),
                new XElement(J + "ChargeNCICText", c.Code)))));
        var root = new XElement(Lsn + "CustodyExchange",
            new XAttribute(XNamespace.Xmlns + "lsn", Lsn), new XAttribute(XNamespace.Xmlns + "nc", Nc), new XAttribute(XNamespace.Xmlns + "j", J),
            new XAttribute(XNamespace.Xmlns + "iso_3166", Iso), new XAttribute(XNamespace.Xmlns + "structures", Structures),
            Id(Nc + "DocumentIdentification", DocumentIdOf(booking.Id)),
            DateTime(Nc + "DocumentCreationDate", createdAt),
            bookingElement,
            accepted.Select(e => new XElement(Lsn + "CustodyEvent",
                Id(Nc + "ActivityIdentification", $"{booking.Id}-{e.Sequence}"),
                DateTime(Nc + "ActivityDate", e.At),
                new XElement(Nc + "ActivityName", e.Action),
                new XElement(Lsn + "CustodyEventActorText", e.Actor),
                new XElement(Lsn + "CustodyEventDetailsText", e.StepJson))));
        return new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
    }

    /// <summary>
    /// A booking's document id: the same for every export of it, so that importing an export twice (or the exports of
    /// two days) is recognized as the same booking facts.
    /// </summary>
    public static string DocumentIdOf(string bookingId) => "liaison-booking:" + bookingId;
}
