using System.CommandLine;
using Liaison.Data.Integrations;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Cli.Watch;

/// <summary><c>liaison watch dhs DIR</c>: the DHS drop folder (interfaces.md), from the command line.</summary>
public static class WatchCommand
{
    /// <summary>How often the folder is looked at while watching.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static Command Build()
    {
        var command = new Command("watch", "Watch a folder that another system drops messages into.");
        var folder = new Argument<DirectoryInfo>("DIR") { Description = "The drop folder: one JSON message per *.json file." };
        var database = new DatabaseOptions();
        var once = new Option<bool>("--once") { Description = "Process the files there now and exit (0: all done; 3: some rejected)." };
        var dhs = new Command("dhs",
            """
            Apply DHS biometric responses dropped as files, one JSON message per *.json file (the body of
            POST /api/v1/dhs/responses). Applied or already applied: the file moves to DIR/done/; otherwise to
            DIR/rejected/ with NAME.reason.txt. Idempotent by message id. Runs until Ctrl+C unless --once.
            """)
        {
            folder, once,
        };
        database.AddTo(dhs);
        dhs.SetAction((parse, ct) => CliHost.WithAgencyAsync(database.Read(parse), async (services, _) =>
        {
            var dir = parse.GetValue(folder)!;
            if (!dir.Exists)
            {
                await Console.Error.WriteLineAsync($"DIR: {dir.FullName} does not exist.");
                return 2;
            }

            var drop = services.GetRequiredService<DhsDropFolder>();
            if (parse.GetValue(once))
            {
                var pass = await drop.ProcessAsync(dir.FullName, ct);
                Console.WriteLine($"{pass.Done} done, {pass.Rejected} rejected.");
                return pass.Rejected == 0 ? 0 : 3;
            }

            Console.WriteLine($"Watching {dir.FullName} for DHS responses (Ctrl+C to stop).");
            try
            {
                while (true)
                {
                    var pass = await drop.ProcessAsync(dir.FullName, ct);
                    if (pass.Done + pass.Rejected > 0)
                    {
                        Console.WriteLine($"{pass.Done} done, {pass.Rejected} rejected{(pass.Rejected > 0 ? " (reasons in rejected/*.reason.txt)" : "")}.");
                    }

                    await Task.Delay(Interval, ct);
                }
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }, ct));
        command.Subcommands.Add(dhs);
        return command;
    }
}
