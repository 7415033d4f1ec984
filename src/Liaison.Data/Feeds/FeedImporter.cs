using System.Text;
using Liaison.Data.Custody;
using Liaison.Data.Persistence;
using NodaTime;

namespace Liaison.Data.Feeds;

/// <summary>The file cannot be imported at all (not UTF-8, empty, a bad header): nothing was imported.</summary>
public sealed class FeedUnusableException(string message) : Exception(message);

/// <summary>What an import did, record by record.</summary>
public sealed record ImportSummary(long Records, long Imported, long AlreadyImported, long Quarantined)
{
    /// <summary>0 when every row was imported or already imported; 3 when some were quarantined.</summary>
    public int ExitCode => Quarantined == 0 ? 0 : 3;
}

/// <summary>How far an import has got: bytes of the file read and the counts so far.</summary>
public sealed record ImportProgress(long BytesRead, long BytesTotal, ImportSummary SoFar);

/// <summary>
/// Imports a jail feed file (interfaces.md): every valid row through the custody write path, in batches of
/// <see cref="BatchSize"/> rows that are each one short transaction (so the web app stays responsive beside it, and a
/// killed import leaves whole batches: every row stored or not). Each row carries its event id, so running the file
/// again finishes the job and changes nothing already done. Bad rows go to FILE.quarantine.csv with the reason.
/// </summary>
public sealed class FeedImporter(CustodyService custody, CustodyWorldCache worlds, LiaisonDbContext db)
{
    public const int BatchSize = 2_000;

    public static string QuarantinePathOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(path) ?? "";
        return Path.Combine(directory, Path.GetFileNameWithoutExtension(path) + ".quarantine.csv");
    }

    public async Task<ImportSummary> ImportAsync(string path, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        await CheckUtf8Async(path, ct);
        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var text = new StreamReader(file, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var records = new CsvRecords(text);
        var header = records.Next() ?? throw new FeedUnusableException("the file is empty: it needs a header record naming the columns");
        var columns = Header(header.Fields);

        var quarantinePath = QuarantinePathOf(path);
        var partialPath = quarantinePath + ".partial";
        long count = 0, imported = 0, already = 0, quarantined = 0;
        await using (var quarantine = new StreamWriter(PrivateFiles.Create(partialPath, FileMode.Create), new UTF8Encoding(false)))
        {
            quarantine.NewLine = "\r\n";
            await quarantine.WriteLineAsync(CsvRecords.Line(["record", "column", "problem", .. header.Fields]));
            // Rows wait in the batch whether valid or not, so the quarantine file lists them in the input's order.
            var batch = new List<(CsvRecord Record, JmsEvent? Event, FieldProblem? Problem)>(BatchSize);

            async Task QuarantineAsync(CsvRecord record, string column, string problem)
            {
                quarantined++;
                await quarantine.WriteLineAsync(CsvRecords.Line([record.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), column, problem, .. record.Fields]));
            }

            async Task FlushAsync()
            {
                var valid = batch.Where(b => b.Event is not null).ToList();
                var results = valid.Count == 0 ? [] : await custody.ApplyAsync([.. valid.Select(b => b.Event!.ToSubmission())], ct);
                var next = 0;
                foreach (var (record, read, problem) in batch)
                {
                    if (problem is not null)
                    {
                        await QuarantineAsync(record, problem.Column, problem.ToString());
                        continue;
                    }

                    var answer = Integrations.EventAnswer.Of(read!.EventId, results[next++], "at", "event_id");
                    switch (answer.Outcome)
                    {
                        case Integrations.EventAnswer.Imported:
                            imported++;
                            break;
                        case Integrations.EventAnswer.AlreadyImported:
                            already++;
                            break;
                        default:
                            await QuarantineAsync(record, answer.Field ?? "", $"{answer.Code}: {answer.Reason}");
                            break;
                    }
                }

                batch.Clear();
                progress?.Report(new ImportProgress(file.Position, file.Length, new ImportSummary(count, imported, already, quarantined)));
            }

            while (records.Next() is { } record)
            {
                count++;
                if (record.Fields.Length != header.Fields.Length)
                {
                    batch.Add((record, null, new FieldProblem("", "field-count", $"the record has {record.Fields.Length} fields; the header has {header.Fields.Length}")));
                }
                else
                {
                    var (read, problem) = JmsEvents.Read(column => columns.TryGetValue(column, out var at) ? record.Fields[at] : null, zone);
                    batch.Add((record, read, problem));
                }

                if (batch.Count == BatchSize)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
        }

        if (quarantined > 0)
        {
            File.Move(partialPath, quarantinePath, overwrite: true);
        }
        else
        {
            File.Delete(partialPath);
            File.Delete(quarantinePath); // an older one no longer describes this file
        }

        return new ImportSummary(count, imported, already, quarantined);
    }

    /// <summary>Column name to position; a missing required, duplicated or unknown column makes the file unusable.</summary>
    public static Dictionary<string, int> Header(string[] fields)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Length; i++)
        {
            var name = fields[i];
            if (!JmsEvents.Columns.Contains(name))
            {
                throw new FeedUnusableException($"header: unknown column \"{name}\" (record 1, field {i + 1}); the columns are {string.Join(", ", JmsEvents.Columns)}");
            }

            if (!columns.TryAdd(name, i))
            {
                throw new FeedUnusableException($"header: column \"{name}\" appears twice (record 1, fields {columns[name] + 1} and {i + 1})");
            }
        }

        if (JmsEvents.Required.FirstOrDefault(c => !columns.ContainsKey(c)) is { } missing)
        {
            throw new FeedUnusableException($"header: the required column \"{missing}\" is missing; every feed has {string.Join(", ", JmsEvents.Required)}");
        }

        return columns;
    }

    /// <summary>The whole file is checked first: a file that is not UTF-8 is refused before any row is imported.</summary>
    private static async Task CheckUtf8Async(string path, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var bytes = new byte[1 << 16];
        var chars = new char[(1 << 16) + 4];
        long offset = 0;
        int read;
        while ((read = await file.ReadAsync(bytes, ct)) > 0)
        {
            try
            {
                decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            }
            catch (DecoderFallbackException e)
            {
                throw new FeedUnusableException($"the file is not UTF-8: invalid bytes near byte {offset + Math.Max(0, e.Index)}");
            }

            offset += read;
        }

        try
        {
            decoder.GetChars([], 0, 0, chars, 0, flush: true);
        }
        catch (DecoderFallbackException)
        {
            throw new FeedUnusableException("the file is not UTF-8: it ends inside a character");
        }

        if (offset == 0)
        {
            throw new FeedUnusableException("the file is empty: it needs a header record naming the columns");
        }
    }
}
