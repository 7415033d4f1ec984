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
