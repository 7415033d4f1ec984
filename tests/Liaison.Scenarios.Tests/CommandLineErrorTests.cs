using System.Net;
using System.Net.Sockets;

namespace Liaison.Scenarios.Tests;

/// <summary>
/// The command line's errors in plain words, before anything is printed or created: a busy port, an unusable data
/// folder, a bad option value, --bookings on a county that exists; and one default folder for every command.
/// </summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liaison-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--port", "abc", "--port: \"abc\" is not a whole number from 1 to 65,535.")]
    [InlineData("--port", "70000", "--port: \"70000\" is not a whole number from 1 to 65,535.")]
    [InlineData("--bookings", "-5", "--bookings: \"-5\" is not a whole number from 0 to 50,000,000.")]
    public async Task ABadOptionValue_IsNamedInPlainWords(string option, string value, string message)
    {
        var (exitCode, stdout, stderr) = await LiaisonProcess.RunAsync(["demo", option, value, "--no-serve"], _folder);

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Int32", stderr + stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    [Theory]
    [InlineData("demo", "--no-serve")]
    [InlineData("migrate", null)]
    public async Task AnUnusableDataFolder_IsNamed_WithoutAStackTrace(string command, string? extra)
    {
        var (exitCode, stdout, stderr) = await LiaisonProcess.RunAsync([command, "--data-dir", "/proc/liaison-nope", .. extra is null ? Array.Empty<string>() : [extra]], _folder);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--data-dir: cannot keep a database in /proc/liaison-nope:", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task ABusyPort_IsNamedBeforeAnythingIsPrintedOrCreated()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, stdout, stderr) = await LiaisonProcess.RunAsync(["demo", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], _folder);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith($"--port: {port} on 127.0.0.1 is not available", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder, "data")));
    }

    [Fact]
    public async Task BookingsOnAnExistingCounty_IsRefused_AndEveryCommandOpensTheSameDefaultFolder()
    {
        var created = await LiaisonProcess.RunAsync(["demo", "--bookings", "20", "--no-serve"], _folder);
        Assert.Equal(0, created.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "liaison.db")));

        var again = await LiaisonProcess.RunAsync(["demo", "--bookings", "40", "--no-serve"], _folder);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("already holds a county (20 bookings); --bookings 40 applies only when one is created", again.Stderr, StringComparison.Ordinal);

        var reopened = await LiaisonProcess.RunAsync(["demo", "--no-serve"], _folder);
        Assert.Equal(0, reopened.ExitCode);
        var migrated = await LiaisonProcess.RunAsync(["migrate"], _folder);
        Assert.Equal(0, migrated.ExitCode);
        Assert.Contains(Path.Combine(_folder, "data", "liaison.db"), migrated.Stdout, StringComparison.Ordinal);
    }
}
