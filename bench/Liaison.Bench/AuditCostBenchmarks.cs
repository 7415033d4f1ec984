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
/// audit entries' save suppressed before the hash chain links them (the baseline), on one server switched between
/// rounds.</item>
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

        // One server for both variants (the same JIT state, caches and WAL), switched between rounds: after a discarded
        // warm-up, A B B A A B B A so drift falls on both alike.
        const int port = 5391;
        await using var app = App(dataDir, port);
        await app.StartAsync();
        using var http = await SignedInClientAsync(app, port, user, password);
        var path = new Uri($"/cases/{Uri.EscapeDataString(caseId)}", UriKind.Relative);
        await RoundAsync(http, path, 60); // tiered JIT and dynamic PGO settle over about a minute
        var results = new List<(bool Audited, Stats Stats)>();
        foreach (var audited in new[] { true, false, false, true, true, false, false, true })
        {
            SuppressAuditOnlySaves.Enabled = !audited;
            var before = await CountCaseReadsAsync(app);
            var stats = await RoundAsync(http, path, seconds);
            var written = await CountCaseReadsAsync(app) - before;
            var variant = audited ? "audited (as shipped)" : "baseline (no audit write)";
            Console.WriteLine($"{variant,-26} requests {stats.Count,6}  mean {stats.Mean,6:F2} ms  p50 {stats.P50,6:F2} ms  p95 {stats.P95,6:F2} ms  cpu/request {stats.CpuPerRequest,5:F2} ms  case.read entries written {written}");
            if (audited != (written > 0))
            {
                Console.Error.WriteLine("The baseline wrote audit entries, or an audited round did not: the measurement is void.");
                return 1;
            }

            results.Add((audited, stats));
        }

        double Mean(bool audited, Func<Stats, double> of) => results.Where(r => r.Audited == audited).Average(r => of(r.Stats));
        Console.WriteLine($"ratio audited / baseline: mean latency {Mean(true, s => s.Mean) / Mean(false, s => s.Mean):F3}, p95 {Mean(true, s => s.P95) / Mean(false, s => s.P95):F3}, cpu/request {Mean(true, s => s.CpuPerRequest) / Mean(false, s => s.CpuPerRequest):F3} (target < 1.10)");
        return 0;
    }

    public static async Task<int> AuditVerifyAsync(string dataDir)
    {
        await using var app = App(dataDir, port: 0);
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
            foreach (var data in await HashedInputsAsync(db))
            {
                var started = Stopwatch.GetTimestamp();
                _ = System.Security.Cryptography.SHA256.HashData(data);
                hashOnly += Stopwatch.GetElapsedTime(started);
                bytes += data.Length;
                output.Write(data);
            }
        }

        // 2b. the hashing stage as verify runs it (canonical form + SHA-256 + compare, every core), rows already in memory.
        List<IChained> loaded = [.. await db.CustodyEvents.AsNoTracking().ToListAsync(), .. await db.AuditEntries.AsNoTracking().ToListAsync()];
        var stage = Stopwatch.StartNew();
        var intact = 0;
        Parallel.ForEach(loaded, e =>
        {
            if (HashChain.Matches(e))
            {
                Interlocked.Increment(ref intact);
            }
        });
        var hashingStage = stage.Elapsed;
        if (intact != loaded.Count)
        {
            Console.Error.WriteLine("Entries did not match their hashes; measure on an intact copy.");
            return 1;
        }

        // 3. sha256sum over the same bytes (best of three, the file in the page cache).
        var sha256sum = Enumerable.Range(0, 3).Select(_ => Sha256Sum(file)).Min();
        File.Delete(file);
        double Rate(TimeSpan t) => bytes / t.TotalSeconds / 1e6;
        Console.WriteLine($"entries {reports.Sum(r => r.Entries):N0}, hashed bytes {bytes:N0}");
        Console.WriteLine($"whole audit verify (read rows, canonical form, hash)         {verify.TotalMilliseconds,8:F0} ms  {Rate(verify),7:F1} MB/s");
        Console.WriteLine($"verify's hashing stage (canonical form, SHA-256, compare; all cores) {hashingStage.TotalMilliseconds,8:F0} ms  {Rate(hashingStage),7:F1} MB/s");
        Console.WriteLine($"SHA-256 alone over the prepared bytes (one core)  {hashOnly.TotalMilliseconds,8:F0} ms  {Rate(hashOnly),7:F1} MB/s");
        Console.WriteLine($"sha256sum over the same bytes (baseline)                   {sha256sum.TotalMilliseconds,8:F0} ms  {Rate(sha256sum),7:F1} MB/s");
        Console.WriteLine($"ratio to sha256sum's throughput: hashing stage {sha256sum / hashingStage:F3}, whole audit verify {sha256sum / verify:F3} (target >= 0.5)");
        return 0;
    }

    private static async Task<IReadOnlyList<byte[]>> HashedInputsAsync(LiaisonDbContext db)
    {
        var inputs = new List<byte[]>();
        foreach (var e in await db.CustodyEvents.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync())
        {
            inputs.Add(HashChain.HashedBytes(e.PreviousHash, e));
        }

        foreach (var e in await db.AuditEntries.AsNoTracking().OrderBy(e => e.ChainIndex).ToListAsync())
        {
            inputs.Add(HashChain.HashedBytes(e.PreviousHash, e));
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

    /// <summary>Signs in as a demo account: password, then the code its authenticator would show (the demo's accounts are enrolled).</summary>
    private static async Task<HttpClient> SignedInClientAsync(WebApplication app, int port, string user, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var form = await http.GetStringAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token });
        using var signIn = await http.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);
        if (signIn.StatusCode != HttpStatusCode.Redirect || signIn.Headers.Location?.OriginalString != "/account/code")
        {
            throw new InvalidOperationException($"Signing in as {user} answered {(int)signIn.StatusCode} {signIn.Headers.Location} (a demo created before second factors? create a new one).");
        }

        string code;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            code = await Liaison.Data.Demo.DemoDatabase.CodeAsync(
                scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Liaison.Data.Identity.LiaisonUser>>(), user,
                scope.ServiceProvider.GetRequiredService<NodaTime.IClock>().GetCurrentInstant()) ?? throw new InvalidOperationException($"{user} has no second factor.");
        }

        var codeForm = await http.GetStringAsync(new Uri("/account/code", UriKind.Relative));
        using var codeContent = new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code, ["__RequestVerificationToken"] = TokenPattern().Match(codeForm).Groups[1].Value });
        using var signedIn = await http.PostAsync(new Uri("/account/code", UriKind.Relative), codeContent);
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The code for {user} answered {(int)signedIn.StatusCode}.");
        }

        return http;
    }

    private static async Task<Stats> RoundAsync(HttpClient http, Uri path, int seconds)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
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
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / all.Count;
        return new Stats(all.Count, all.Average(), all[all.Count / 2], all[(int)(all.Count * 0.95)], cpu);
    }

    private static WebApplication App(string dataDir, int port) => LiaisonWebApp.Build(
        [$"--urls=http://127.0.0.1:{port}", $"--Liaison:DataDirectory={dataDir}", "--DeadlineMonitor:Enabled=false", "--ProjectionCheck:Enabled=false"],
        builder =>
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            // The baseline's switch: while on, saves that hold nothing but audit entries are suppressed ahead of the hash chain.
            builder.Services.ConfigureDbContext<LiaisonDbContext>(o =>
            {
                var core = o.Options.FindExtension<CoreOptionsExtension>() ?? new CoreOptionsExtension();
                ((IDbContextOptionsBuilderInfrastructure)o).AddOrUpdateExtension(
                    core.WithInterceptors([new SuppressAuditOnlySaves(), .. core.Interceptors ?? []]));
            });
        });

    private static async Task<long> CountCaseReadsAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().AuditEntries.LongCountAsync(e => e.Action == AuditLog.CaseRead);
    }

    private static async Task<string> FirstCaseAsync(string dataDir)
    {
        await using var app = App(dataDir, port: 0);
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

    /// <summary>Latencies in ms; <see cref="CpuPerRequest"/>: the process's processor time (server and clients) per request, in ms.</summary>
    private sealed record Stats(int Count, double Mean, double P50, double P95, double CpuPerRequest);

    /// <summary>Suppresses a save whose only changes are new audit entries, so the baseline does everything else the page does.</summary>
    private sealed class SuppressAuditOnlySaves : SaveChangesInterceptor
    {
        public static volatile bool Enabled;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(SavingChanges(eventData, result));

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            if (!Enabled)
            {
                return result;
            }

            var changes = eventData.Context!.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList();
            if (changes.Count > 0 && changes.All(e => e.Entity is AuditEntryRecord))
            {
                foreach (var entry in changes)
                {
                    entry.State = EntityState.Detached;
                }

                return InterceptionResult<int>.SuppressWithResult(0);
            }

            return result;
        }
    }
}
