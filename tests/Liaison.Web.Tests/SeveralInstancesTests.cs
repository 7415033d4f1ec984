using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Liaison.Data.Alerts;
using Liaison.Data.Audit;
using Liaison.Data.Custody;
using Liaison.Data.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>
/// Two instances on one database, as behind a load balancer: a session and its form tokens good on either, one act
/// winning when both take it at once, and the timed jobs on exactly one instance, taken over when it dies.
/// </summary>
public sealed partial class SeveralInstancesTests
{
    [Fact]
    public async Task EitherInstance_ServesTheSameSession_AndOfTwoActsAtOnceOneWins_WithNothingHalfApplied()
    {
        await using var database = new TestDatabase("liaison-two-instances-");
        await using var a = new LiaisonWebFactory(database);
        await a.InitializeAsync();
        await using var b = new LiaisonWebFactory(database);
        await a.BookAsync("B1");
        await a.SignWarrantAsync("B1");
        var cookies = new CookieContainer();
        using var onA = await a.SignInAsync(Roles.DesignatedOfficer, cookies: cookies);
        using var onB = b.ClientWith(cookies);

        // Signed in through A; B reads the cookie and issues form tokens A accepts (keys in the database).
        var page = await onB.GetAsync("/cases/B1");
        var tokenFromB = await onB.TokenAsync("/cases/B1");
        var tokenFromA = await onA.TokenAsync("/cases/B1");

        var answers = await Task.WhenAll(
            onA.PostWithTokenAsync("/cases/B1?handler=lodge", ActForms.Detainer().Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), tokenFromB),
            onB.PostWithTokenAsync("/cases/B1?handler=lodge", ActForms.Detainer().Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), tokenFromA));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode)); // each answered with the case page, neither failed
        Assert.Equal(1, await a.WithDbAsync(db => db.CustodyEvents.CountAsync(e => e.BookingId == "B1" && e.Action == "lodge-detainer" && e.Accepted)));
        Assert.Empty((await a.WithDbAsync(db => new ProjectionCheck(db).VerifyAllAsync())).Mismatches);
        Assert.All(await a.WithDbAsync(db => ChainVerifier.VerifyAsync(db)), r => Assert.Null(r.Problem));
    }

    [Fact]
    public async Task InstancesStartingTogetherOnOneFolder_AllMakeOrFindTheSameKeyCertificate()
    {
        // Found starting two instances at once: both made the certificate, the second's "file exists" broke every
        // page of that instance for good.
        var folder = Directory.CreateTempSubdirectory("liaison-key-race-").FullName;
        try
        {
            var storage = Microsoft.Extensions.Options.Options.Create(new Data.StorageOptions { DataDirectory = folder });
            var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
            var loads = Enumerable.Range(0, 6).Select(_ => Task.Run(() => new Security.KeyEncryptionCertificate(storage, configuration).Certificate.Thumbprint));

            var thumbprints = await Task.WhenAll(loads);

            Assert.Single(thumbprints.Distinct(StringComparer.Ordinal));
            Assert.Equal([Security.KeyEncryptionCertificate.GeneratedFile], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheDeadlineMonitor_RunsOnOneInstance_AndWhenItsInstanceIsKilled_AnotherTakesOver_LosingAndRepeatingNoAlert()
    {
        Assert.SkipUnless(TestDatabase.OnPostgres, "several instances share a PostgreSQL database (the suite's second run)");
        const int Holds = 5;
        // The instances run on the real clock: the holds are made to end over the next minute or so.
#pragma warning disable RS0030 // the processes under test read the system clock; the test must agree with them
        var now = SystemClock.Instance.GetCurrentInstant();
#pragma warning restore RS0030
        var firstDeadline = now + Duration.FromSeconds(40);
        string[] mailed = [AlertKinds.Deadline1h, AlertKinds.Deadline24h, AlertKinds.Deadline4h, AlertKinds.HoldExpired];
        // Each hold is first seen within its last hour: only the nearest warning is raised (it replaces the earlier ones).
        string[] raised = [AlertKinds.Deadline1h, AlertKinds.HoldExpired];
        await using var database = new TestDatabase("liaison-failover-");
        await using (var seed = new LiaisonWebFactory(database, now - Duration.FromHours(49)))
        {
            await seed.InitializeAsync();
            using var ice = await seed.SignInAsync(Roles.IceOfficer);
            using var jail = await seed.SignInAsync(Roles.JailStaff);
            for (var k = 0; k < Holds; k++)
            {
                var id = $"F{k}";
                seed.Clock.Reset(firstDeadline + Duration.FromSeconds(8 * k) - Duration.FromHours(48)); // calendar-48h: the hold ends 48 h later
                await seed.BookAsync(id);
                await seed.SignWarrantAsync(id, "I-205", $"W-{k}");
                await ice.ActAsync(id, "serveWarrant", new() { ["Form.WarrantForm"] = "I-205", ["Form.WarrantNumber"] = $"W-{k}" });
                await jail.ActAsync(id, "eligible", new() { ["Form.Reason"] = "bond-posted" });
                await jail.ActAsync(id, "consularAdvisal", ActForms.ConsularAdvisalDeclined()); // no consular duty to mail alerts of its own
            }
        }

        await using var smtp = new TestSmtp();
        using var first = Instance.Start(database, smtp.Port);
        using var second = Instance.Start(database, smtp.Port);
        var leader = await WaitForAsync(() => new[] { first, second }.SingleOrDefault(i => i.Leads), TimeSpan.FromSeconds(60), "neither instance took the lead");
        var follower = leader == first ? second : first;

        // The first hold ends and is e-mailed; at a quiet moment (everything raised is sent), the leader is killed.
        await using var db = database.Open();
        await WaitForAsync(async () => await db.Alerts.CountAsync(a => a.Kind == AlertKinds.HoldExpired && a.EmailedAt != null) >= 1
            && !await db.Alerts.AnyAsync(a => mailed.Contains(a.Kind) && a.EmailedAt == null && a.ClearedAt == null), TimeSpan.FromSeconds(90), () => "the first hold's end was not e-mailed\n" + leader.Output);
        leader.Kill();
        var killed = Stopwatch.StartNew();
        await WaitForAsync(() => follower.Leads, TimeSpan.FromSeconds(30), "the other instance did not take over within 30 s");
        var takeover = killed.Elapsed;

        await WaitForAsync(async () => await db.Alerts.CountAsync(a => a.Kind == AlertKinds.HoldExpired && a.EmailedAt != null) == Holds
            && !await db.Alerts.AnyAsync(a => mailed.Contains(a.Kind) && a.EmailedAt == null && a.ClearedAt == null), TimeSpan.FromSeconds(120), () => "not every hold's end was raised and e-mailed\n" + follower.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a further pass changes nothing

        var alerts = await db.Alerts.AsNoTracking().Where(a => mailed.Contains(a.Kind)).OrderBy(a => a.Id).ToListAsync();
        var ids = smtp.Messages.Select(m => MessageId().Match(m).Groups[1].Value).ToList();
        Assert.True(takeover < TimeSpan.FromSeconds(30), $"took over after {takeover}");
        for (var k = 0; k < Holds; k++)
        {
            // Each hold: its nearest warning and its end, once each, and the person is to be released.
            Assert.Equal(raised.Order(StringComparer.Ordinal), alerts.Where(a => a.BookingId == $"F{k}").Select(a => a.Kind).Order(StringComparer.Ordinal));
            Assert.Equal("release-required", await db.Bookings.Where(b => b.Id == $"F{k}").Select(b => b.Custody).SingleAsync());
        }

        // Every alert e-mailed, none twice; a warning whose hold ended before it was sent is cleared, not sent.
        var due = alerts.Where(a => a.EmailedAt != null || a.ClearedAt == null).ToList();
        Assert.Equal(due.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(due, a => Assert.Contains(ids, id => id.StartsWith($"alert-{a.Id}-", StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"(?im)^Message-Id:\s*<([^>]+)>")]
    private static partial Regex MessageId();

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan limit, string failure)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        Assert.Fail(failure);
        return null!;
    }

    private static async Task WaitForAsync(Func<bool> probe, TimeSpan limit, string failure) =>
        await WaitForAsync(() => probe() ? "yes" : null, limit, failure);

    private static async Task WaitForAsync(Func<Task<bool>> probe, TimeSpan limit, Func<string> failure)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            if (await probe())
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail(failure());
    }

    /// <summary>One <c>./liaison serve</c> process on the test database, its output kept (and drained, so it never blocks).</summary>
    private sealed class Instance : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private Instance(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Append(e.Data);
            _process.ErrorDataReceived += (_, e) => Append(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool Leads
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString().Contains("now runs the deadline monitor", StringComparison.Ordinal);
                }
            }
        }

        /// <summary>The last of what the instance printed, for a failure's message.</summary>
        public string Output
        {
            get
            {
                lock (_output)
                {
                    var all = _output.ToString();
                    return all.Length > 4000 ? all[^4000..] : all;
                }
            }
        }

        public static Instance Start(TestDatabase database, int smtpPort)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "liaison.dll"), "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. database.CliArgs])
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["DeadlineMonitor__IntervalSeconds"] = "2";
            start.Environment["ProjectionCheck__Enabled"] = "false";
            start.Environment["Smtp__Host"] = "127.0.0.1";
            start.Environment["Smtp__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["Smtp__Security"] = "none";
            start.Environment["Logging__LogLevel__Liaison.Data.Persistence.InstanceLeadership"] = "Information";
            return new Instance(Process.Start(start)!);
        }

        public void Kill() => _process.Kill(entireProcessTree: true); // SIGKILL: no goodbye to the database

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
