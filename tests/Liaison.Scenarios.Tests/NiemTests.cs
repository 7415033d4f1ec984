using System.Xml.Linq;
using Liaison.Data.Feeds;
using Liaison.Data.Niem;
using Microsoft.EntityFrameworkCore;
using static Liaison.Scenarios.Tests.TestAgency;

namespace Liaison.Scenarios.Tests;

/// <summary>NIEM 5.2 XML: the subset schemas against the release's tables, and export → import through the real program.</summary>
public sealed class NiemTests
{
    private static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";

    /// <summary>A CSV table of the release, as rows of column → value.</summary>
    private static List<Dictionary<string, string>> Table(string name)
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.SharedNiem, "csv", name));
        var records = new CsvRecords(reader);
        var header = records.Next()!.Fields;
        var rows = new List<Dictionary<string, string>>();
        while (records.Next() is { } record)
        {
            rows.Add(header.Select((h, i) => (h, v: i < record.Fields.Length ? record.Fields[i] : "")).ToDictionary(x => x.h, x => x.v, StringComparer.Ordinal));
        }

        return rows;
    }

    [Fact]
    public void EveryElementAndTypeTheSubsetsUse_ExistsInNiem52_WithTheSameNamespaceNameAndType()
    {
        var prefixOf = Table("Namespace.csv").Where(n => n["VersionURI"].Length > 0).ToDictionary(n => n["VersionURI"], n => n["NamespacePrefix"], StringComparer.Ordinal);
        var properties = Table("Property.csv").ToDictionary(p => p["QualifiedProperty"], StringComparer.Ordinal);
        var types = Table("Type.csv").ToDictionary(t => t["QualifiedType"], StringComparer.Ordinal);
        var contains = Table("TypeContainsProperty.csv").Select(c => (c["QualifiedType"], c["QualifiedProperty"])).ToHashSet();
        var wrong = new List<string>();
        var checkedComponents = 0;
        foreach (var (file, text) in NiemExchange.SchemaFiles.Where(f => f.Key.StartsWith("niem/", StringComparison.Ordinal)))
        {
            var schema = XDocument.Parse(text).Root!;
            var target = schema.Attribute("targetNamespace")!.Value;
            if (target == "http://release.niem.gov/niem/structures/5.0/")
            {
                continue; // the release's utility schema, copied whole
            }

            Assert.True(prefixOf.TryGetValue(target, out var prefix), $"{file}: namespace {target} is not a NIEM 5.2 namespace");
            string Qualified(XElement at, string? qname)
            {
                if (qname is null)
                {
                    return "";
                }

                var parts = qname.Split(':');
                var uri = at.GetNamespaceOfPrefix(parts[0])!.NamespaceName;
                return (uri == Xs.NamespaceName ? "xs" : prefixOf[uri]) + ":" + parts[1];
            }

            foreach (var element in schema.Elements(Xs + "element"))
            {
                checkedComponents++;
                var name = $"{prefix}:{element.Attribute("name")!.Value}";
                if (!properties.TryGetValue(name, out var row))
                {
                    wrong.Add($"{file}: element {name} is not in NIEM 5.2");
                    continue;
                }

                if (row["QualifiedType"] != Qualified(element, element.Attribute("type")?.Value))
                {
                    wrong.Add($"{file}: element {name} has type {element.Attribute("type")?.Value}; NIEM 5.2 says {row["QualifiedType"]}");
                }

                if (Qualified(element, element.Attribute("substitutionGroup")?.Value) is { Length: > 0 } group && row["SubstitutionGroupQualifiedProperty"] != group)
                {
                    wrong.Add($"{file}: element {name} substitutes for {group}; NIEM 5.2 says {row["SubstitutionGroupQualifiedProperty"]}");
                }
            }

            foreach (var type in schema.Elements().Where(e => e.Name == Xs + "complexType" || e.Name == Xs + "simpleType"))
            {
                checkedComponents++;
                var name = $"{prefix}:{type.Attribute("name")!.Value}";
                if (!types.TryGetValue(name, out var row))
                {
                    wrong.Add($"{file}: type {name} is not in NIEM 5.2");
                    continue;
                }

                var derived = type.Descendants().FirstOrDefault(d => d.Name == Xs + "extension" || d.Name == Xs + "restriction");
                var baseType = Qualified(type, derived?.Attribute("base")?.Value);
                if (baseType.Length > 0 && baseType != "structures:ObjectType" && baseType != row["ParentQualifiedType"] && baseType != row["SimpleQualifiedType"])
                {
                    wrong.Add($"{file}: type {name} derives from {baseType}; NIEM 5.2 says {row["ParentQualifiedType"]}{row["SimpleQualifiedType"]}");
                }

                foreach (var reference in type.Descendants(Xs + "element").Select(e => Qualified(e, e.Attribute("ref")?.Value)).Where(r => r.Length > 0))
                {
                    if (!contains.Contains((name, reference)))
                    {
                        wrong.Add($"{file}: type {name} contains {reference}; NIEM 5.2 does not");
                    }
                }
            }
        }

        Assert.Empty(wrong);
        Assert.True(checkedComponents > 60, $"only {checkedComponents} components checked");
    }

    [Fact]
    public async Task ABookingsRecord_ExportsValid_AndImportsIntoAnotherAgency_AsTheSameBooking()
    {
        using var folder = new TempFolder();
        var source = await AgencyAsync(folder, "source");
        var target = await AgencyAsync(folder, "target");
        var feed = folder.Write("jail.csv",
            "event_id,at,action,booking_number,person_id,last_name,first_name,date_of_birth,sex,birth_country,citizenship_country,language,a_number,charges,expected,reason",
            "e1,2025-03-01T10:00:00-05:00,book,B-7,P-7,Nguyễn,\"Thị <Lan> & Co\",1988-12-31,F,VN,VN,vi,A123-456-789,5404:misdemeanor:pending;1313:felony:convicted,,",
            "e2,2025-03-02T09:00:00-05:00,release-scheduled,B-7,,,,,,,,,,,2025-03-05T09:00:00-05:00,");
        Assert.Equal(0, (await LiaisonProcess.RunAsync(["import", "feed", feed, "--data-dir", source])).ExitCode);
        var xml = Path.Combine(folder.Path, "b7.xml");

        var (exported, stdout, stderr) = await LiaisonProcess.RunAsync(["export", "niem", "--booking", "B-7", "--out", xml, "--data-dir", source]);

        Assert.True(exported == 0, stderr);
        Assert.Contains(xml, stdout, StringComparison.Ordinal);
        using (var text = new StreamReader(xml))
        {
            var (document, problems) = NiemExchange.Load(text);
            Assert.Empty(problems);
            var events = document!.Root!.Elements(NiemExchange.Lsn + "CustodyEvent").ToList();
            Assert.Equal(["book", "release-scheduled"], events.Select(e => e.Element(NiemExchange.Nc + "ActivityName")!.Value));
            Assert.Equal("2025-03-01T10:00:00-05:00", document.Root.Element(NiemExchange.J + "Booking")!.Element(NiemExchange.Nc + "ActivityDate")!.Element(NiemExchange.Nc + "DateTime")!.Value);
        }

        var (imported, importOut, importErr) = await LiaisonProcess.RunAsync(["import", "niem", xml, "--data-dir", target, "--json"]);
        Assert.True(imported == 0, importErr);
        Assert.EndsWith("""{"records":1,"imported":1,"alreadyImported":0,"quarantined":0}""", importOut.Trim(), StringComparison.Ordinal);
        var again = await LiaisonProcess.RunAsync(["import", "niem", xml, "--data-dir", target]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already imported", again.Stdout, StringComparison.Ordinal);

        await using var from = Open(source);
        await using var to = Open(target);
        static object Facts(Data.Bookings.BookingRecord b) => new
        {
            b.Id,
            b.PersonId,
            b.LastName,
            b.FirstName,
            b.DateOfBirth,
            b.Sex,
            b.BirthCountry,
            b.CitizenshipCountry,
            b.Language,
            b.ANumber,
            b.BookedAt,
            Charges = string.Join(';', b.Charges.OrderBy(c => c.Code).Select(c => $"{c.Code}:{c.Level}:{c.Status}")),
        };
        Assert.Equal(Facts(await from.Bookings.Include(b => b.Charges).SingleAsync()), Facts(await to.Bookings.Include(b => b.Charges).SingleAsync()));
        Assert.Equal(1, await from.AuditEntries.CountAsync(e => e.Action == NiemService.Exported && e.RecordId == "B-7"));
        Assert.Equal("niem-import", await to.CustodyEvents.Select(e => e.UserName).SingleAsync());
    }

    [Theory]
    [InlineData("not xml at all", "line 1")]
    [InlineData("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>""", "DTD")]
    [InlineData("""<lsn:Other xmlns:lsn="https://liaison.example/niem/custody/1.0/"/>""", "lsn:CustodyExchange")]
    public async Task ADocumentThatIsNotAValidExchange_IsUnusable_AndImportsNothing(string content, string says)
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var xml = folder.Write("bad.xml", content);

        var (exitCode, _, stderr) = await LiaisonProcess.RunAsync(["import", "niem", xml, "--data-dir", dataDir]);

        Assert.Equal(2, exitCode);
        Assert.Contains(says, stderr, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", stderr, StringComparison.Ordinal);
        await using var db = Open(dataDir);
        Assert.Equal(0, await db.Bookings.CountAsync());
    }

    [Fact]
    public void ASchemaValidDocument_WithAFieldTheFeedRefuses_NamesTheElement()
    {
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["America/New_York"];
        var booking = new Data.Bookings.BookingRecord
        {
            Id = "B-1",
            PersonId = "P-1",
            LastName = "Ruiz",
            FirstName = "Ana",
            DateOfBirth = new NodaTime.LocalDate(2030, 1, 1),
            BookedAt = NodaTime.Instant.FromUtc(2025, 3, 1, 15, 0),
            Charges = [new() { Code = "5404", Level = "misdemeanor", Status = "pending" }],
        };
        var document = NiemExchange.Export(booking, [], zone, NodaTime.Instant.FromUtc(2025, 3, 2, 0, 0));
        using var text = new StringReader(document.ToString());
        var (loaded, problems) = NiemExchange.Load(text);
        Assert.Empty(problems);

        var (read, problem) = NiemExchange.Read(loaded!, zone);

        Assert.Null(read);
        Assert.Equal(("nc:PersonBirthDate/nc:Date", "invalid-date"), (problem!.Column, problem.Code));
        Assert.StartsWith("nc:PersonBirthDate/nc:Date 2030-01-01 must be from 1900-01-01", problem.Message, StringComparison.Ordinal);
    }
}
