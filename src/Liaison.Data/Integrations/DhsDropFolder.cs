using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Liaison.Data.Integrations;

/// <summary>What one pass over the drop folder did.</summary>
public sealed record DropFolderPass(int Done, int Rejected);

/// <summary>
/// The DHS drop folder (interfaces.md): one JSON message per <c>*.json</c> file, the same message as
/// <c>POST /api/v1/dhs/responses</c>. Applied or already applied: the file moves to <c>done/</c>; otherwise to
/// <c>rejected/</c> with <c>NAME.reason.txt</c> beside it. A message is applied before its file moves, and applying is
/// idempotent by message id, so a crash between the two only means the file is seen again and moved to <c>done/</c>.
/// A sender writes under another name (<c>.tmp</c>) and renames to <c>.json</c> when complete.
/// </summary>
public sealed class DhsDropFolder(IServiceScopeFactory scopes, IClock clock)
{
    /// <summary>A message larger than this is not a DHS response: rejected unread.</summary>
    public const long MaxMessageBytes = 64 * 1024;

    /// <summary>Files written this recently are left for the next pass (a sender that wrote in place may not be done).</summary>
    public static readonly Duration Settle = Duration.FromSeconds(1);

    public async Task<DropFolderPass> ProcessAsync(string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var now = clock.GetCurrentInstant();
        int done = 0, rejected = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.json").OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            // Only a file written within the last moment waits (one dated ahead of the clock, as under a test clock, does not).
            var age = now - Instant.FromDateTimeUtc(file.LastWriteTimeUtc);
            if (age >= Duration.Zero && age < Settle)
            {
                continue;
            }

            var problem = await ApplyAsync(file, ct);
            if (problem is null)
            {
                MoveTo(file, Path.Combine(folder, "done"));
                done++;
            }
            else
            {
                var moved = MoveTo(file, Path.Combine(folder, "rejected"));
                await File.WriteAllTextAsync(Path.ChangeExtension(moved, ".reason.txt"), problem + "\n", ct);
                rejected++;
            }
        }

        return new DropFolderPass(done, rejected);
    }

    /// <summary>Applies one file's message: null when imported or already imported, otherwise why not ("code: reason").</summary>
    private async Task<string?> ApplyAsync(FileInfo file, CancellationToken ct)
    {
        if (file.Length > MaxMessageBytes)
        {
            return $"too-large: the file is {file.Length} bytes; a message is at most {MaxMessageBytes / 1024} KB";
        }

        JsonDocument document;
        try
        {
            document = Feeds.JsonBodies.Parse(await File.ReadAllBytesAsync(file.FullName, ct));
        }
        catch (JsonException e)
        {
            return $"invalid-json: {e.Message}";
        }

        using (document)
        {
            await using var scope = scopes.CreateAsyncScope();
            var (answer, _) = await scope.ServiceProvider.GetRequiredService<IntegrationFeeds>().DhsResponseAsync(document.RootElement, "dhs-drop-folder", ct);
            return answer.Outcome == EventAnswer.Quarantined ? answer.Problem : null;
        }
    }

    /// <summary>Moves a file into <paramref name="folder"/> under its own name, or NAME-2, NAME-3... when that is taken; returns the new path.</summary>
    private static string MoveTo(FileInfo file, string folder)
    {
        Directory.CreateDirectory(folder);
        for (var n = 1; ; n++)
        {
            var target = Path.Combine(folder, n == 1 ? file.Name : $"{Path.GetFileNameWithoutExtension(file.Name)}-{n}{file.Extension}");
            if (File.Exists(target) || File.Exists(Path.ChangeExtension(target, ".reason.txt")))
            {
                continue;
            }

            file.MoveTo(target);
            return target;
        }
    }
}

/// <summary>The drop folder the web app watches (section "Liaison:DhsDropFolder"); off unless a path is set.</summary>
public sealed class DhsDropFolderOptions
{
    public string? Path { get; set; }

    public int IntervalSeconds { get; set; } = 5;
}

/// <summary>
/// Watches the configured DHS drop folder from the web app: a pass every few seconds, on the instance that leads
/// (several instances share one folder; one of them moves its files).
/// </summary>
public sealed partial class DhsDropFolderService(DhsDropFolder folder, Persistence.InstanceLeadership leadership, IOptions<DhsDropFolderOptions> options, ILogger<DhsDropFolderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Path is not { Length: > 0 } path)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds)));
        do
        {
            try
            {
                if (!await leadership.IsLeaderAsync(stoppingToken))
                {
                    continue;
                }

                var pass = await folder.ProcessAsync(path, stoppingToken);
                if (pass.Done + pass.Rejected > 0)
                {
                    LogPass(logger, pass.Done, pass.Rejected);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DHS drop folder: {Done} messages done, {Rejected} rejected")]
    private static partial void LogPass(ILogger logger, int done, int rejected);

    [LoggerMessage(Level = LogLevel.Error, Message = "DHS drop folder pass failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
