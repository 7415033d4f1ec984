using System.Diagnostics;
using System.Text;
using Liaison.Data.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static Liaison.Scenarios.Tests.TestAgency;

namespace Liaison.Scenarios.Tests;

/// <summary><c>liaison import feed</c> as a jail's IT staff run it: a real process on a real SQLite file (interfaces.md).</summary>
public sealed class FeedImportTests
{
    private const string Header = "event_id,at,action,booking_number,person_id,last_name,first_name,date_of_birth,sex,birth_country,citizenship_country,language,a_number,charges,expected,reason";

    private static string BookRow(string id, string at, string booking, string dob = "1990-05-17", string aNumber = "", string country = "MX", string charges = "5404:misdemeanor:pending") =>
        $"{id},{at},book,{booking},P-{booking},Garcia,Maria,{dob},F,{country},{country},es,{aNumber},{charges},,";

    [Fact]
    public async Task AValidFeed_ImportsEveryRow_AndRunningItAgainChangesNothing()
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var feed = Path.Combine(folder.Path, "feed.csv");
        var (generated, _, _) = await LiaisonProcess.RunAsync(["demo", "feed", "--bookings", "300", "--out", feed]);
        Assert.Equal(0, generated);
        var records = File.ReadLines(feed).Count() - 1;

        var first = await ImportAsync(feed, dataDir);
        var second = await ImportAsync(feed, dataDir);

        Assert.Equal((0, Summary(records, records, 0, 0)), (first.ExitCode, first.Summary));
        Assert.Equal((0, Summary(records, 0, records, 0)), (second.ExitCode, second.Summary));
        Assert.False(File.Exists(Path.Combine(folder.Path, "feed.quarantine.csv")));
        await using var db = Open(dataDir);
        Assert.Equal(records, await db.CustodyEvents.CountAsync(e => e.Accepted));
        Assert.Equal(300, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task BadRows_AreQuarantinedNamingColumnAndReason_AndEveryGoodRowIsImported()
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var feed = folder.Write("jail.csv",
            Header,
            BookRow("e1", "2025-03-01T10:00:00Z", "B1"),                                   // 2 imported
            BookRow("e2", "2025-03-01T10:05:00Z", "B2", dob: "1990-02-30"),                 // 3 invalid-date
            "e3,2025-03-01T11:00:00Z,release,B2,,,,,,,,,,,,",                               // 4 unknown-booking: B2 was quarantined
            "e4,2025-03-01T12:00:00Z,release-eligible,B1,,,,,,,,,,,,\"bond posted, \"\"cash\"\"\nreceipt 7\"", // 5 (and 6): imported, a line break inside quotes
            "e5,2025-03-01T11:30:00Z,release,B1,,,,,,,,,,,,",                               // 6 time-went-backwards (B1 is at 12:00)
            BookRow("e6", "2025-03-01T09:00:00Z", "B3", aNumber: "A12-34"),                 // 7 invalid-a-number
            BookRow("e7", "2025-03-01T09:00:00Z", "B4", country: "XX"),                     // 8 invalid-country
            BookRow("e8", "2025-03-01T09:00:00Z", "B5", charges: "5404:felony"),            // 9 invalid-charges
            "e9,2025-03-01T13:00:00Z,release,B1",                                           // 10 field-count
            BookRow("e1", "2025-03-01T10:00:00Z", "B9"),                                    // 11 event-id-conflict
            BookRow("e10", "2099-01-01T00:00:00Z", "B6"),                                   // 12 in-the-future
            BookRow("e11", "2025-03-01T08:00:00-05:00", "B7", aNumber: "A123-456-789"),     // 13 imported (rows of other bookings in any order)
            "e12,2025-03-01T13:00:00Z,release,B1,,,,,,,,,,,,");                             // 14 imported

        var (exitCode, summary, _) = await ImportAsync(feed, dataDir);

        Assert.Equal(3, exitCode);
        Assert.Equal(Summary(13, 4, 0, 9), summary);
        var quarantine = Records(Path.Combine(folder.Path, "jail.quarantine.csv"));
        Assert.Equal("record,column,problem," + Header, string.Join(',', quarantine[0]));
        Assert.Equal(
        [
            ("3", "date_of_birth", "invalid-date"), ("4", "", "unknown-booking"), ("6", "", "time-went-backwards"),
            ("7", "a_number", "invalid-a-number"), ("8", "birth_country", "invalid-country"), ("9", "charges", "invalid-charges"),
            ("10", "", "field-count"), ("11", "event_id", "event-id-conflict"), ("12", "at", "in-the-future"),
        ],
            quarantine.Skip(1).Select(f => (f[0], f[1], f[2].Split(':')[0])));
        Assert.Equal("invalid-date: date_of_birth \"1990-02-30\" is not a date", quarantine[1][2]);
        Assert.Equal(["e9", "2025-03-01T13:00:00Z", "release", "B1"], quarantine[7][3..]); // the input's own values, as given

        await using var db = Open(dataDir);
        var b7 = await db.Bookings.SingleAsync(b => b.Id == "B7");
        Assert.Equal("123456789", b7.ANumber);
        Assert.Equal(NodaTime.Instant.FromUtc(2025, 3, 1, 13, 0), b7.BookedAt); // the row's own instant, not the importer's clock
        Assert.Equal(["B1", "B7"], await db.Bookings.OrderBy(b => b.Id).Select(b => b.Id).ToListAsync());
        Assert.Equal("released", (await db.Bookings.SingleAsync(b => b.Id == "B1")).Custody);

        // Fixed and sent again: the quarantine file is replaced, and goes once nothing is quarantined.
        var fixedFeed = folder.Write("jail.csv", Header, BookRow("e2", "2025-03-01T10:05:00Z", "B2"));
        Assert.Equal(0, (await ImportAsync(fixedFeed, dataDir)).ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, "jail.quarantine.csv")));
    }

    [Theory]
    [InlineData("event_id,at,booking_number\ne1,2025-03-01T10:00:00Z,B1", "the required column \"action\" is missing")]
    [InlineData("event_id,at,action,booking_number,at\n", "column \"at\" appears twice")]
    [InlineData("event_id,at,action,booking_number,shoe_size\n", "unknown column \"shoe_size\"")]
    [InlineData("", "the file is empty")]
    public async Task AnUnusableFile_ExitsTwoWithOneLineSayingWhy_AndImportsNothing(string content, string why)
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var feed = Path.Combine(folder.Path, "bad.csv");
        await File.WriteAllTextAsync(feed, content);

        var (exitCode, _, stderr) = await LiaisonProcess.RunAsync(["import", "feed", feed, "--data-dir", dataDir]);

        Assert.Equal(2, exitCode);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(why, stderr, StringComparison.Ordinal);
        await using var db = Open(dataDir);
        Assert.Equal(0, await db.Bookings.CountAsync());
    }

    [Fact]
    public async Task AFileThatIsNotUtf8_EvenLateInTheFile_ImportsNothing()
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var feed = Path.Combine(folder.Path, "latin1.csv");
        var good = Encoding.UTF8.GetBytes("\uFEFF" + Header + "\r\n" + BookRow("e1", "2025-03-01T10:00:00Z", "B1") + "\r\n");
        var bad = Encoding.Latin1.GetBytes(BookRow("e2", "2025-03-01T10:00:00Z", "B2").Replace("Garcia", "Garc\u00eda", StringComparison.Ordinal) + "\r\n");
        await File.WriteAllBytesAsync(feed, [.. good, .. bad]);

        var (exitCode, _, stderr) = await LiaisonProcess.RunAsync(["import", "feed", feed, "--data-dir", dataDir]);

        Assert.Equal(2, exitCode);
        Assert.Contains("not UTF-8", stderr, StringComparison.Ordinal);
        await using var db = Open(dataDir);
        Assert.Equal(0, await db.Bookings.CountAsync());

        await File.WriteAllBytesAsync(feed, good); // with a byte-order mark and CRLF line ends: fine
        var fine = await ImportAsync(feed, dataDir);
        Assert.Equal((0, Summary(1, 1, 0, 0)), (fine.ExitCode, fine.Summary));
    }

    /// <summary>
    /// SIGKILL at random moments, 20 times, then one run to the end: the database equals one clean import's — every
    /// booking, charge, event and alert — and its hash chains still verify.
    /// </summary>
    [Fact]
    public async Task AnImportKilledAtRandomMoments_FinishesOnRerun_EqualToOneCleanImport()
    {
        using var folder = new TempFolder();
        var clean = await AgencyAsync(folder, "clean");
        var killed = await AgencyAsync(folder, "killed");
        var feed = Path.Combine(folder.Path, "feed.csv");
        Assert.Equal(0, (await LiaisonProcess.RunAsync(["demo", "feed", "--bookings", "1500", "--out", feed])).ExitCode);

        // The import has begun once its quarantine file is started (after start-up, which varies with the machine's load).
        var partial = Path.Combine(folder.Path, "feed.quarantine.csv.partial");
        async Task<Process> StartImportingAsync(string dataDir)
        {
            File.Delete(partial);
            var process = Process.Start(LiaisonProcess.StartInfo(["import", "feed", feed, "--data-dir", dataDir]))!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            while (!File.Exists(partial) && !process.HasExited)
            {
                await Task.Delay(5);
            }

            return process;
        }

        TimeSpan importing;
        using (var cleanRun = await StartImportingAsync(clean))
        {
            var timer = Stopwatch.StartNew();
            await cleanRun.WaitForExitAsync();
            importing = timer.Elapsed;
            Assert.Equal(0, cleanRun.ExitCode);
        }

        var random = new Random(20261130);
        var kills = 0;
        for (var i = 0; i < 24; i++)
        {
            using var process = await StartImportingAsync(killed);
            // At a random moment in the next twentieth of a clean import's time: each run gets a little further.
            await Task.Delay(importing * (random.NextDouble() / 20));
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL: no chance to clean up
                kills++;
            }

            await process.WaitForExitAsync();
        }

        var finish = await ImportAsync(feed, killed);

        Assert.True(kills >= 20, $"only {kills} of 24 runs were still running when killed");
        Assert.Equal(0, finish.ExitCode);
        Assert.Equal(await SnapshotAsync(clean), await SnapshotAsync(killed));
        Assert.Equal(0, (await LiaisonProcess.RunAsync(["audit", "verify", "--data-dir", killed])).ExitCode);
    }

    private static async Task<string> SnapshotAsync(string dataDir)
    {
        await using var db = Open(dataDir);
        var text = new StringBuilder();
        foreach (var b in await db.Bookings.AsNoTracking().OrderBy(b => b.Id).Select(b => new
        {
            b.Id,
            b.PersonId,
            b.LastName,
            b.FirstName,
            b.DateOfBirth,
            b.Sex,
            b.ANumber,
            b.BirthCountry,
            b.CitizenshipCountry,
            b.Language,
            b.BookedAt,
            b.Custody,
            b.HoldAuthority,
            b.Citizenship,
            b.EligibleAt,
            b.HoldDeadline,
            b.OverDetentionSeconds,
            b.StateAsOf,
            b.NextDutyDue,
            b.OpenDuties,
            b.NotificationRequested,
            b.DhsResult,
            b.AwaitingScreening,
            b.EventCount,
        }).ToListAsync())
        {
            text.AppendLine(b.ToString());
        }

        foreach (var c in await db.Charges.AsNoTracking().OrderBy(c => c.BookingId).ThenBy(c => c.Code).Select(c => new { c.BookingId, c.Code, c.Level, c.Status }).ToListAsync())
        {
            text.AppendLine(c.ToString());
        }

        foreach (var e in await db.CustodyEvents.AsNoTracking().OrderBy(e => e.BookingId).ThenBy(e => e.Sequence)
                     .Select(e => new { e.BookingId, e.Sequence, e.At, e.Action, e.Actor, e.StepJson, e.Accepted, e.RefusalCode, e.HoldDeadline }).ToListAsync())
        {
            text.AppendLine(e.ToString());
        }

        foreach (var a in await db.Alerts.AsNoTracking().OrderBy(a => a.BookingId).ThenBy(a => a.Kind).ThenBy(a => a.DueAt)
                     .Select(a => new { a.BookingId, a.Kind, a.DueAt, a.RaisedAt }).ToListAsync())
        {
            text.AppendLine(a.ToString());
        }

        return text.ToString();
    }

    [Fact]
    public async Task TheDhsDropFolder_MovesAppliedMessagesToDone_AndRejectsOthersWithAReason_OncePerMessageId()
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        var feed = folder.Write("jail.csv", Header, BookRow("e1", "2025-03-01T10:00:00Z", "B1"));
        Assert.Equal(0, (await ImportAsync(feed, dataDir)).ExitCode);
        var drop = Directory.CreateDirectory(Path.Combine(folder.Path, "dhs")).FullName;
        const string match = """{"messageId":"M1","at":"2025-03-01T11:00:00Z","bookingNumber":"B1","result":"match","recordStatus":"final-order"}""";
        void Drop(string name, string content)
        {
            var path = Path.Combine(drop, name);
            File.WriteAllText(path, content);
            File.SetLastWriteTimeUtc(path, new DateTime(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc)); // settled: written well before
        }

        Drop("m1.json", match);
        Drop("m2.json", "{\"messageId\":");
        Drop("m3.json", match.Replace("M1", "M3", StringComparison.Ordinal).Replace("B1", "B404", StringComparison.Ordinal));
        Drop("m4.json", match.Replace(",", " , ", StringComparison.Ordinal)); // the same message again
        Drop("m5.txt", match);                                                // not a message file
        Drop("m6.json", match.Replace("final-order", "lawful-status", StringComparison.Ordinal)); // M1 with other content

        var (exitCode, stdout, stderr) = await LiaisonProcess.RunAsync(["watch", "dhs", drop, "--data-dir", dataDir, "--once"]);

        Assert.True(exitCode == 3, stderr);
        Assert.Contains("2 done, 3 rejected.", stdout, StringComparison.Ordinal);
        Assert.Equal(["m1.json", "m4.json"], Directory.GetFiles(Path.Combine(drop, "done")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["m5.txt"], Directory.GetFiles(drop).Select(Path.GetFileName));
        string Reason(string name) => File.ReadAllText(Path.Combine(drop, "rejected", name + ".reason.txt"));
        Assert.StartsWith("invalid-json: ", Reason("m2"), StringComparison.Ordinal);
        Assert.StartsWith("unknown-booking: ", Reason("m3"), StringComparison.Ordinal);
        Assert.StartsWith("event-id-conflict: [messageId] ", Reason("m6"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(drop, "rejected", "m6.json")));
        await using (var db = Open(dataDir))
        {
            var responses = await db.CustodyEvents.Where(e => e.Action == "biometric-response").ToListAsync();
            Assert.Equal(("B1", "dhs-drop-folder", true), (responses.Single().BookingId, responses.Single().UserName, responses.Single().Accepted));
            Assert.Equal("match", (await db.Bookings.SingleAsync()).DhsResult);
        }

        Drop("m7.json", match);
        (exitCode, stdout, _) = await LiaisonProcess.RunAsync(["watch", "dhs", drop, "--data-dir", dataDir, "--once"]);
        Assert.Equal(0, exitCode);
        Assert.Contains("1 done, 0 rejected.", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(drop, "done", "m7.json")));
        await using var after = Open(dataDir);
        Assert.Equal(1, await after.CustodyEvents.CountAsync(e => e.Action == "biometric-response"));
    }

    private static string Summary(long records, long imported, long already, long quarantined) =>
        $$"""{"records":{{records}},"imported":{{imported}},"alreadyImported":{{already}},"quarantined":{{quarantined}}}""";

    /// <summary>Runs the import with --json: its exit code and the last line of standard output, the summary.</summary>
    private static async Task<(int ExitCode, string Summary, string Stderr)> ImportAsync(string feed, string dataDir)
    {
        var (exitCode, stdout, stderr) = await LiaisonProcess.RunAsync(["import", "feed", feed, "--data-dir", dataDir, "--json"]);
        return (exitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], stderr);
    }

    private static List<string[]> Records(string path)
    {
        using var reader = new StreamReader(path);
        var records = new Liaison.Data.Feeds.CsvRecords(reader);
        var all = new List<string[]>();
        while (records.Next() is { } record)
        {
            all.Add(record.Fields);
        }

        return all;
    }
}
