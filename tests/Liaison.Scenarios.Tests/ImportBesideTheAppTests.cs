using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Liaison.Data.Integrations;
using Microsoft.EntityFrameworkCore;
using static Liaison.Scenarios.Tests.TestAgency;

namespace Liaison.Scenarios.Tests;

/// <summary>
/// Issue 9, item 2: a feed import runs while the web app serves the same database, and the app keeps answering —
/// writes included — because the import holds the database only one short batch at a time. Two real processes.
/// </summary>
public sealed class ImportBesideTheAppTests
{
    [Fact]
    public async Task AnImport_RunsBesideTheWebApp_WhichKeepsTakingWrites_AndBothAreStored()
    {
        using var folder = new TempFolder();
        var dataDir = await AgencyAsync(folder);
        const string key = "lsk_0123456789ab_test-key-for-the-import-beside-the-app-test";
        await using (var db = Open(dataDir))
        {
            db.IntegrationKeys.Add(new IntegrationKeyRecord
            {
                Id = "0123456789ab",
                Name = "Test JMS",
                Scopes = IntegrationScopes.JmsEvents,
                CreatedBy = "test",
                SecretHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))),
            });
            await db.SaveChangesAsync();
        }

        var feed = Path.Combine(folder.Path, "feed.csv");
        Assert.Equal(0, (await LiaisonProcess.RunAsync(["demo", "feed", "--bookings", "6000", "--out", feed])).ExitCode);
        var port = FreePort();
        using var app = Process.Start(LiaisonProcess.StartInfo(["demo", "--data-dir", dataDir, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        try
        {
            while (await app.StandardOutput.ReadLineAsync() is { } line && !line.Contains("Liaison is serving", StringComparison.Ordinal))
            {
            }

            _ = app.StandardError.ReadToEndAsync(); // drained, so the app never blocks on a full pipe
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            using var import = Process.Start(LiaisonProcess.StartInfo(["import", "feed", feed, "--data-dir", dataDir, "--json"]))!;
            var importOut = import.StandardOutput.ReadToEndAsync();
            var importErr = import.StandardError.ReadToEndAsync();
            var slowest = TimeSpan.Zero;
            var sent = 0;
            var amidImport = 0; // writes answered while the import had stored some of its bookings but not all
            await using var watcher = Open(dataDir);
            async Task<int> ImportedAsync() => await watcher.Bookings.CountAsync(b => !b.Id.StartsWith("API-"));
            while (!import.HasExited)
            {
                var before = await ImportedAsync();
                var body = $$"""[{"eventId":"API-{{sent}}","at":"2025-06-01T12:00:00Z","action":"book","bookingNumber":"API-{{sent}}","personId":"PA{{sent}}","lastName":"Ruiz","firstName":"Ana","charges":[{"code":"5404","level":"misdemeanor","status":"pending"}]}]""";
                var watch = Stopwatch.StartNew();
                var response = await http.PostAsync(new Uri("/api/v1/jms/events", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
                slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK && text.Contains("\"imported\":1", StringComparison.Ordinal), text);
                sent++;
                if (before > 0 && await ImportedAsync() < 6000)
                {
                    amidImport++;
                }
            }

            await import.WaitForExitAsync();
            Assert.True(import.ExitCode == 0, await importErr);
            Assert.EndsWith("\"quarantined\":0}", (await importOut).Trim(), StringComparison.Ordinal);
            // An import holding the database for its whole run would show none: its bookings would appear all at once.
            Assert.True(amidImport >= 2, $"only {amidImport} of {sent} writes were answered while the import was part-way");
            // Generous for a shared machine: a whole-import lock would hold writers for the import's full duration.
            Assert.True(slowest < TimeSpan.FromSeconds(10), $"the slowest write took {slowest.TotalSeconds:0.0} s");
            await using var after = Open(dataDir);
            Assert.Equal(6000 + sent, await after.Bookings.CountAsync());
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
