using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liaison.Bench;

/// <summary>
/// What the audit log costs, measured against a baseline in the same run (docs/benchmarks.md, issue 7):
/// <list type="bullet">
/// <item><c>case-page DIR</c>: the case page at 20 concurrent clients, as shipped (every read audited) and with the
/// audit entries' save suppressed before the hash chain links them (the baseline), alternating A B A B.</item>
/// <item><c>audit-verify DIR</c>: <c>audit verify</c>'s throughput against Debian's <c>sha256sum</c> over exactly
/// the bytes it hashes.</item>
/// </list>
/// Run on a copy of a demo database: the case-page runs add audit entries.
/// </summary>
public static partial class AuditCostBenchmarks
{
    private const int Clients = 20;

    public static async Task<int> CasePageAsync(string dataDir, int seconds)
    {
        var (user, password) = DemoSignIn(dataDir);
        var caseId = await FirstCaseAsync(dataDir);
        Console.WriteLine($"case page /cases/{caseId}, {Clients} clients, {seconds} s per round, signed in as {user}");
        var results = new List<(string Variant, Stats Stats, long Audited)>();
        foreach (var audited in new[] { true, false, true, false })
        {
            var before = await CountCaseReadsAsync(dataDir);
            var stats = await RunAsync(dataDir, audited, user, password, caseId, seconds);
            var written = await CountCaseReadsAsync(dataDir) - before;
            var variant = audited ? "audited (as shipped)" : "baseline (no audit write)";
            Console.WriteLine($"{variant,-28} requests {stats.Count,7}  mean {stats.Mean,7:F2} ms  p50 {stats.P50,7:F2} ms  p95 {stats.P95,7:F2} ms  case.read entries written {written}");
            results.Add((variant, stats, written));
        }

        var a = results.Where(r => r.Audited > 0).Select(r => r.Stats).ToList();
        var b = results.Where(r => r.Audited == 0).Select(r => r.Stats).ToList();
        if (a.Count != 2 || b.Count != 2)
        {
            Console.Error.WriteLine("The baseline wrote audit entries, or the audited runs did not: the measurement is void.");
            return 1;
        }

        Console.WriteLine($"ratio audited / baseline: mean {a.Average(s => s.Mean) / b.Average(s => s.Mean):F3}, p95 {a.Average(s => s.P95) / b.Average(s => s.P95):F3} (target < 1.10)");
        return 0;
    }

    public static async Task<int> AuditVerifyAsync(string dataDir)
    {
        await using var app = App(dataDir, audited: true, port: 0);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();

        // 1. audit verify as the command runs it: read every entry, canonical form, SHA-256, compare.
        var clock = Stopwatch.StartNew();
        var reports = await ChainVerifier.VerifyAsync(db);
        var verify = clock.Elapsed;
        if (reports.Any(r => r.Problem is not null))
        {
            Console.Error.WriteLine("The record does not verify; measure on an intact copy.");
            return 1;
        }

        // 2. exactly the bytes it hashed, written to a file for sha256sum.
        var file = Path.Combine(Path.GetTempPath(), $"liaison-hashed-{Environment.ProcessId}.bin");
        long bytes = 0;
        var hashOnly = TimeSpan.Zero;
        await using (var output = File.Create(file))
        {
            foreach (var input in await HashedInputsAsync(db))
            {
                var started = Stopwatch.GetTimestamp();
                var data = Encoding.UTF8.GetBytes(input);
                _ = System.Security.Cryptography.SHA256.HashData(data);
                hashOnly += Stopwatch.GetElapsedTime(started);
                bytes += data.Length;
                output.Write(data);
            }
        }

        // 3. sha256sum over the same bytes (best of three, the file in the page cache).
        var sha256sum = Enumerable.Range(0, 3).Select(_ => Sha256Sum(file)).Min();
        File.Delete(file);
        double Rate(TimeSpan t) => bytes / t.TotalSeconds / 1e6;
        Console.WriteLine($"entries {reports.Sum(r => r.Entries):N0}, hashed bytes {bytes:N0}");
        Console.WriteLine($"audit verify (read, canonical form, hash) {verify.TotalMilliseconds,8:F0} ms  {Rate(verify),7:F1} MB/s");
        Console.WriteLine($"SHA-256 stage alone                      {hashOnly.TotalMilliseconds,8:F0} ms  {Rate(hashOnly),7:F1} MB/s");
        Console.WriteLine($"sha256sum over the same bytes (baseline) {sha256sum.TotalMilliseconds,8:F0} ms  {Rate(sha256sum),7:F1} MB/s");
        Console.WriteLine($"ratio audit verify / sha256sum throughput: {sha256sum / verify:F3} (target >= 0.5)");
        return 0;
    }

    private static async Task<IReadOnlyList<string>> HashedInputsAsync(LiaisonDbContext db)
    {
        var inputs = new List<string>();
        foreach (var e in await db.CustodyEvents.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync())
        {
            inputs.Add(e.PreviousHash + "\n" + e.Canonical());
        }

        foreach (var e in await db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync())
        {
            inputs.Add(e.PreviousHash + "\n" + e.Canonical());
        }

        return inputs;
    }

    private static TimeSpan Sha256Sum(string file)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(new ProcessStartInfo("sha256sum", [file]) { RedirectStandardOutput = true })!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return clock.Elapsed;
    }

    private static async Task<Stats> RunAsync(string dataDir, bool audited, string user, string password, string caseId, int seconds)
    {
        const int port = 5391;
        await using var app = App(dataDir, audited, port);
        await app.StartAsync();
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var form = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token });
        using var signIn = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {user} answered {(int)signIn.StatusCode}.");
        }

        var path = new Uri($"/cases/{Uri.EscapeDataString(caseId)}", UriKind.Relative);
        for (var i = 0; i < 50; i++)
        {
            (await http.GetAsync(path)).EnsureSuccessStatusCode(); // warm-up
        }

        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return latencies;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToList();
        await app.StopAsync();
        return new Stats(all.Count, all.Average(), all[all.Count / 2], all[(int)(all.Count * 0.95)]);
    }

    private static WebApplication App(string dataDir, bool audited, int port) => LiaisonWebApp.Build(
        [$"--urls=http://127.0.0.1:{port}", $"--Liaison:DataDirectory={dataDir}", "--DeadlineMonitor:Enabled=false", "--ProjectionCheck:Enabled=false"],
        builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (!audited)
            {
                // The baseline: saves that hold nothing but audit entries are suppressed ahead of the hash chain.
                builder.Services.ConfigureDbContext<LiaisonDbContext>(o =>
                {
                    var core = o.Options.FindExtension<CoreOptionsExtension>() ?? new CoreOptionsExtension();
                    ((IDbContextOptionsBuilderInfrastructure)o).AddOrUpdateExtension(
                        core.WithInterceptors([new SuppressAuditOnlySaves(), .. core.Interceptors ?? []]));
                });
            }
        });

    private static async Task<long> CountCaseReadsAsync(string dataDir)
    {
        await using var app = App(dataDir, audited: true, port: 0);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().AuditEntries.LongCountAsync(e => e.Action == AuditLog.CaseRead);
    }

    private static async Task<string> FirstCaseAsync(string dataDir)
    {
        await using var app = App(dataDir, audited: true, port: 0);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        // A held person with a full history: the heaviest ordinary case page.
        return await db.Bookings.Where(b => b.Custody == "held-for-ice").OrderBy(b => b.Id).Select(b => b.Id).FirstOrDefaultAsync()
            ?? await db.Bookings.OrderByDescending(b => b.EventCount).Select(b => b.Id).FirstAsync();
    }

    private static (string User, string Password) DemoSignIn(string dataDir)
    {
        var first = File.ReadLines(Path.Combine(dataDir, "demo-sign-ins.txt")).First().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return (first[0], first[1]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex TokenPattern();

    private sealed record Stats(int Count, double Mean, double P50, double P95);

    /// <summary>Suppresses a save whose only changes are new audit entries, so the baseline does everything else the page does.</summary>
    private sealed class SuppressAuditOnlySaves : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var changes = eventData.Context!.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
            if (changes.Count > 0 && changes.All(e => e.Entity is AuditEntryRecord))
            {
                foreach (var entry in changes)
                {
                    entry.State = EntityState.Detached;
                }

                return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
            }

            return ValueTask.FromResult(result);
        }
    }
}
