using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Web.Tests;

/// <summary>
/// <c>./liaison demo</c> as a newcomer runs it: every account its own password in a private file, every account
/// enrolled in the second factor, and <c>./liaison demo totp</c> giving the code that signs in.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file modes; Liaison runs on Debian
public sealed class DemoTests
{
    [Fact]
    public async Task TheDemo_EnrolsEveryAccount_WithItsOwnPassword_InPrivateFiles_AndItsTotpCodeSignsIn()
    {
        await using var database = new TestDatabase("liaison-demo-test-"); // SQLite, or PostgreSQL on the suite's second run
        var dataDir = database.DataDirectory;
        var port = FreePort();
        using var demo = Start(["demo", "--bookings", "3", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. database.CliArgs]);
        try
        {
            await WaitForLineAsync(demo, "Liaison is serving");

            var lines = await File.ReadAllLinesAsync(Path.Combine(dataDir, "demo-sign-ins.txt"));
            var signIns = lines.Select(l => l.Split('\t')).ToList();
            Assert.All(signIns, s => Assert.Equal(3, s.Length));
            Assert.All(signIns, s => Assert.Contains(s[2], Roles.All));
            Assert.Equal(Roles.All.Order(), signIns.Select(s => s[2]).Distinct().Order());
            Assert.Equal(signIns.Count, signIns.Select(s => s[1]).Distinct().Count()); // no shared password

            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var client = new PageClient(new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
            var moreno = signIns.Single(s => s[0] == "moreno");
            var password = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = moreno[1] });
            Assert.Equal("/account/code", password.Headers.Location?.OriginalString);

            var totp = await LiaisonProgram.RunAsync(["demo", "totp", "moreno", .. database.CliArgs]);
            Assert.True(totp.ExitCode == 0, totp.Stderr);
            Assert.Matches("^[0-9]{6}$", totp.Stdout.Trim());
            var code = await client.PostFormAsync("/account/code", new() { ["Code"] = totp.Stdout.Trim() });
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
            Assert.Contains("Screening queue", await client.GetPageAsync("/queue"), StringComparison.Ordinal);

            // Files only the owner can read; the cookie keys encrypted at rest.
            Assert.Equal(Data.Persistence.PrivateFiles.FolderMode, File.GetUnixFileMode(dataDir));
            foreach (var file in Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories))
            {
                Assert.True(File.GetUnixFileMode(file) == Data.Persistence.PrivateFiles.FileMode, $"{file} is {File.GetUnixFileMode(file)}");
            }

            // The cookie keys are in the database (every instance reads them), encrypted.
            await using var db = database.Open();
            var keys = await db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync();
            Assert.NotEmpty(keys);
            Assert.All(keys, k => Assert.DoesNotContain("<value>", k, StringComparison.Ordinal));
            Assert.All(keys, k => Assert.Contains("<encryptedKey", k, StringComparison.Ordinal));
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TheDemoCounty_LooksLikeAWorkingJail_ScreenedWithinADay_AFewShortClosedOverDetentions_HoldsSpreadAhead()
    {
        await using var database = new TestDatabase("liaison-demo-county-");
        var created = await LiaisonProgram.RunAsync(["demo", "--no-serve", "--bookings", "6000", .. database.CliArgs]);
        Assert.True(created.ExitCode == 0, created.Stderr);

        await using var db = database.Open();
        var now = await db.AuditEntries.Where(e => e.Action == Data.Audit.AuditLog.DemoCreated).Select(e => e.At).SingleAsync(); // the demo's "now"
        var bookings = await db.Bookings.AsNoTracking()
            .Select(b => new { b.Id, b.BookedAt, b.AwaitingScreening, b.ScreeningOutcome, b.AssignedTo, b.Custody, b.HoldDeadline, b.OverDetentionSeconds, b.OverDetentionSince })
            .ToListAsync();

        // Screening: nobody waits more than a day; the people held on local charges were mostly screened, each within
        // a day of booking, by an entry in their own record.
        var waiting = bookings.Where(b => b.AwaitingScreening).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, b => Assert.True(now - b.BookedAt < NodaTime.Duration.FromHours(24), $"{b.Id} has waited since {b.BookedAt}"));
        var screened = bookings.Where(b => b.ScreeningOutcome is not null).ToList();
        Assert.True(screened.Count > waiting.Count, $"{screened.Count} screened, {waiting.Count} waiting");
        Assert.Contains(waiting, b => b.AssignedTo is not null);
        Assert.Contains(waiting, b => b.AssignedTo is null);
        var screenedAt = await db.CustodyEvents.AsNoTracking().Where(e => e.Action == Data.Custody.StoredHistory.ScreeningAction)
            .Select(e => new { e.BookingId, e.At }).ToListAsync();
        Assert.Equal(screened.Count, screenedAt.Count);
        var bookedAt = bookings.ToDictionary(b => b.Id, b => b.BookedAt);
        Assert.All(screenedAt, e => Assert.InRange(e.At - bookedAt[e.BookingId], NodaTime.Duration.Zero, NodaTime.Duration.FromHours(24)));

        // The lapsed officer's refused interviews: each is followed in the same record by a colleague's, so that no
        // record ends refused (the 1M-booking demo once did, and its screening then failed to store).
        var refused = await db.CustodyEvents.AsNoTracking().Where(e => !e.Accepted).Select(e => new { e.BookingId, e.Sequence, e.Action, e.RefusalCode }).ToListAsync();
        var lastAccepted = (await db.CustodyEvents.AsNoTracking().Where(e => e.Accepted).GroupBy(e => e.BookingId)
            .Select(g => new { Booking = g.Key, Sequence = g.Max(e => e.Sequence) }).ToListAsync()).ToDictionary(x => x.Booking, x => x.Sequence);
        Assert.NotEmpty(refused);
        Assert.All(refused, e => Assert.True(lastAccepted[e.BookingId] > e.Sequence, $"{e.BookingId} ends with a refused {e.Action} ({e.RefusalCode})"));

        // Over-detention: a realistic few incidents, minutes to hours each, all over (nobody is over-detained now).
        var incidents = bookings.Where(b => b.OverDetentionSeconds > 0).ToList();
        Assert.NotEmpty(incidents);
        Assert.True(incidents.Count < bookings.Count / 200, $"{incidents.Count} over-detention incidents in {bookings.Count} bookings");
        Assert.All(incidents, b => Assert.InRange(b.OverDetentionSeconds, 60, 6 * 3600));
        Assert.All(bookings, b => Assert.Null(b.OverDetentionSince));

        // Holds now: each ends within the next 48 hours, not all at once.
        var holds = bookings.Where(b => b.HoldDeadline is not null).Select(b => b.HoldDeadline!.Value).ToList();
        Assert.NotEmpty(holds);
        Assert.All(holds, end => Assert.InRange(end, now, now + NodaTime.Duration.FromHours(48)));

        // Complaints at every stage, and the police's counts with the crime-reporting estimate published with each month.
        Assert.Equal(["assigned", "closed", "finding", "investigating", "received"], (await db.Complaints.Select(c => c.Stage).ToListAsync()).Order());
        var estimates = await db.PublishedFigures.Where(f => f.Measure == Domain.Trust.ReportingIndicator.MeasureId && f.Category == "level-change").ToListAsync();
        Assert.NotEmpty(estimates);
        Assert.All(estimates, f => Assert.InRange(f.Value!.Value, -30, 0)); // 15% fewer reports by Hispanic victims from the first agreement

        // The survey: five rounds six months apart, the latest open; the closed ones published weighted, and Hispanic
        // residents' view of procedural justice lower in the last published round than in the first.
        var rounds = await db.SurveyRounds.OrderBy(r => r.Month).ToListAsync();
        Assert.Equal(5, rounds.Count);
        Assert.Equal([true, true, true, true, false], rounds.Select(r => r.ClosedAt is not null));
        var hispanic = await db.PublishedFigures.Where(f => f.Measure == "trust-procedural-justice" && f.Category == "ethnicity-hispanic").ToListAsync();
        Assert.Equal(rounds.Take(4).Select(r => r.Month), hispanic.Select(f => f.Period).Order(StringComparer.Ordinal));
        Assert.All(hispanic, f => Assert.False(f.Suppressed));
        var ordered = hispanic.OrderBy(f => f.Period, StringComparer.Ordinal).ToList();
        Assert.True(ordered[^1].Value < ordered[0].Value, $"{ordered[0].Value} then {ordered[^1].Value}");
    }

    [Fact]
    public async Task DemoTotp_OnADatabaseThatIsNotADemo_IsRefused()
    {
        await using var app = await TestApp.StartAsync();

        var (exitCode, stdout, stderr) = await LiaisonProgram.RunAsync(["demo", "totp", "moreno", .. app.DatabaseArgs]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("not created by ./liaison demo", stderr, StringComparison.Ordinal);
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "liaison.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { }; // drained, or a full pipe blocks the child
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForLineAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep draining
                return;
            }
        }

        throw new InvalidOperationException($"The demo exited ({process.ExitCode}) before printing \"{text}\".");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
