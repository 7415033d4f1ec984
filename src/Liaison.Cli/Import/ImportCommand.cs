using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Liaison.Data.Feeds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Liaison.Cli.Import;

/// <summary><c>liaison import feed FILE.csv</c>: a jail feed file through the custody write path (interfaces.md).</summary>
public static class ImportCommand
{
    public static Command Build()
    {
        var command = new Command("import", "Import data from the jail's systems.");
        command.Subcommands.Add(BuildFeed());
        command.Subcommands.Add(BuildNiem());
        command.Subcommands.Add(BuildIceFigures());
        return command;
    }

    private static Command BuildIceFigures()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "ICE's published figures for the agency (CSV, UTF-8; columns in docs/reconciliation.md)." };
        var database = new DatabaseOptions();
        var actor = new Option<string>("--as") { Description = "Who imports them, for the audit log (e.g. the program manager's user name).", Required = true };
        var command = new Command("ice-figures",
            """
            Import ICE's published figures for the agency, to put beside its own on /statistics/reconciliation. The file is
            imported whole or not at all: every bad line is named. Figures imported before are kept; the newest import of
            a figure is the one compared. Exit 0: imported; 2: refused (nothing stored).
            """)
        {
            file, actor,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithExistingDatabaseAsync(database.Read(parse), async (services, _) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"FILE: {path.FullName} does not exist.");
                return 2;
            }

            var result = await services.GetRequiredService<Data.Statistics.ReconciliationService>()
                .ImportAsync(path.Name, await File.ReadAllBytesAsync(path.FullName, ct), "cli:" + parse.GetValue(actor), ct);
            if (result.Import is not { } import)
            {
                foreach (var problem in result.Problems)
                {
                    await Console.Error.WriteLineAsync($"{path.Name}: {problem}");
                }

                await Console.Error.WriteLineAsync("Nothing was imported.");
                return 2;
            }

            var lines = await services.GetRequiredService<Data.Statistics.ReconciliationService>().CompareAsync(ct);
            Console.WriteLine($"Imported {import.Rows:N0} figures from {import.FileName}. {lines.Count(l => !l.Matches):N0} of {lines.Count:N0} differ from the agency's own counts (see /statistics/reconciliation).");
            return 0;
        }, ct));
        return command;
    }

    private static Command BuildFeed()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The feed file (CSV, UTF-8; columns in docs: interfaces.md)." };
        var database = new DatabaseOptions();
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line." };
        var command = new Command("feed",
            """
            Import a jail feed file: each row through the custody rules, in the file's order. Rows already imported are
            recognised by event id and change nothing, so an interrupted import is finished by running it again. Bad rows
            go to FILE.quarantine.csv with the reason. Exit 0: all imported; 3: some quarantined; 2: the file is unusable.
            """)
        {
            file, json,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithAgencyAsync(database.Read(parse),
            (services, _) => RunAsync(services, parse.GetValue(file)!, parse.GetValue(json), ct), ct));
        return command;
    }

    private static Command BuildNiem()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A NIEM 5.2 document (lsn:CustodyExchange; schemas in docs/niem.md)." };
        var database = new DatabaseOptions();
        var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object on the last line." };
        var command = new Command("niem",
            """
            Import a booking's facts from a NIEM 5.2 document: validated against Liaison's subset schemas, then booked
            through the custody rules as the jail's book event, identified by the document's id (importing it again
            changes nothing). Exit 0: imported or already imported; 3: refused (the reason is printed); 2: unusable.
            """)
        {
            file, json,
        };
        database.AddTo(command);
        command.SetAction((parse, ct) => CliHost.WithAgencyAsync(database.Read(parse), async (services, _) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"FILE: {path.FullName} does not exist.");
                return 2;
            }

            using var text = new StreamReader(path.FullName, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            Data.Niem.NiemImport result;
            try
            {
                result = await services.GetRequiredService<Data.Niem.NiemService>().ImportAsync(text, "niem-import", ct);
            }
            catch (System.Text.DecoderFallbackException)
            {
                await Console.Error.WriteLineAsync($"{path.Name}: the file is not UTF-8. Nothing was imported.");
                return 2;
            }

            if (result.Answer is not { } answer)
            {
                await Console.Error.WriteLineAsync($"{path.Name}: not a valid NIEM document: {string.Join("; ", result.Unusable.Take(5))}. Nothing was imported.");
                return 2;
            }

            var summary = new ImportSummary(1, answer.Outcome == Data.Integrations.EventAnswer.Imported ? 1 : 0,
                answer.Outcome == Data.Integrations.EventAnswer.AlreadyImported ? 1 : 0, answer.Outcome == Data.Integrations.EventAnswer.Quarantined ? 1 : 0);
            Console.WriteLine(summary.Quarantined > 0
                ? $"{path.Name}: quarantined: {answer.Problem}"
                : $"{path.Name}: {answer.Outcome.Replace('-', ' ')} (document {answer.Id}).");
            if (parse.GetValue(json))
            {
                WriteJson(summary);
            }

            return summary.ExitCode;
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, FileInfo file, bool json, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await Console.Error.WriteLineAsync($"FILE: {file.FullName} does not exist.");
            return 2;
        }

        var importer = ActivatorUtilities.CreateInstance<FeedImporter>(services);
        var terminal = AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected && !json; // a person watching
        var started = Stopwatch.StartNew();
        ImportSummary summary;
        try
        {
            summary = terminal
                ? await WithProgressBarAsync(importer, file, ct)
                : await importer.ImportAsync(file.FullName, new PlainProgress(json), ct);
        }
        catch (FeedUnusableException e)
        {
            await Console.Error.WriteLineAsync($"{file.Name}: {e.Message}. Nothing was imported.");
            return 2;
        }

        var seconds = started.Elapsed.TotalSeconds;
        var quarantine = FeedImporter.QuarantinePathOf(file.FullName);
        if (terminal)
        {
            var table = new Table().AddColumn("Records").AddColumn("Imported").AddColumn("Already imported").AddColumn("Quarantined").AddColumn("Rate");
            table.AddRow(N(summary.Records), N(summary.Imported), N(summary.AlreadyImported), N(summary.Quarantined), $"{N((long)(summary.Records / Math.Max(seconds, 0.001)))}/s");
            AnsiConsole.Write(table);
        }
        else
        {
            Console.WriteLine($"{N(summary.Records)} records in {seconds:0.0} s: {N(summary.Imported)} imported, {N(summary.AlreadyImported)} already imported, {N(summary.Quarantined)} quarantined.");
        }

        if (summary.Quarantined > 0)
        {
            Console.WriteLine($"Quarantined rows, with the reason for each: {quarantine}");
        }

        if (json)
        {
            WriteJson(summary);
        }

        return summary.ExitCode;
    }

    /// <summary>The summary line scripts read (interfaces.md): the last line of standard output with --json.</summary>
    private static void WriteJson(ImportSummary summary) => Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new
    {
        records = summary.Records,
        imported = summary.Imported,
        alreadyImported = summary.AlreadyImported,
        quarantined = summary.Quarantined,
    }));

    private static Task<ImportSummary> WithProgressBarAsync(FeedImporter importer, FileInfo file, CancellationToken ct) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {file.Name}", maxValue: Math.Max(1, file.Length));
                var result = await importer.ImportAsync(file.FullName, new Progress<ImportProgress>(p =>
                {
                    task.Value = p.BytesRead;
                    task.Description = $"{N(p.SoFar.Records)} records";
                }), ct);
                task.Value = task.MaxValue;
                return result;
            });

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Not a terminal: a line now and then (every 100,000 records), so a log shows progress without a bar.</summary>
    private sealed class PlainProgress(bool json) : IProgress<ImportProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _next = 100_000;

        public void Report(ImportProgress value)
        {
            if (value.SoFar.Records < _next)
            {
                return;
            }

            _next = value.SoFar.Records + 100_000;
            var rate = value.SoFar.Records / Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
            (json ? Console.Error : Console.Out).WriteLine($"  {N(value.SoFar.Records)} records ({value.BytesRead * 100 / Math.Max(1, value.BytesTotal)}%), {N((long)rate)}/s");
        }
    }
}
