using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Liaison.Data.Persistence;

/// <summary>
/// The data folder holds personal data, sign-in secrets and key material: only the account running Liaison may
/// read it. The folder is 0700 and its files 0600, those already there included; and every file the process
/// creates later (SQLite's WAL and shared-memory files, data-protection keys) starts private, because the
/// process's umask is set to 077 before anything is opened.
/// </summary>
public static partial class PrivateFiles
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly ConcurrentDictionary<string, bool> Prepared = new(StringComparer.Ordinal);

    /// <summary>Creates <paramref name="folder"/> if needed and makes it and everything in it private (once per process).</summary>
    public static void Prepare(string folder) => Prepared.GetOrAdd(Path.GetFullPath(folder), path =>
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return true;
        }

        _ = Umask(0b000_111_111);
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            entry.UnixFileMode = entry is DirectoryInfo ? FolderMode : FileMode;
        }

        return true;
    });

    /// <summary>Opens a new file for writing that only its owner can read, whatever the umask.</summary>
    public static FileStream Create(string path, System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return new FileStream(path, options);
    }

    /// <summary>Writes a file only its owner can read, whatever the umask.</summary>
    public static async Task WriteAllLinesAsync(string path, IEnumerable<string> lines, CancellationToken ct = default)
    {
        await using (var stream = Create(path, System.IO.FileMode.Create))
        await using (var writer = new StreamWriter(stream))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), ct);
            }
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FileMode); // an older file keeps its mode on overwrite
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
