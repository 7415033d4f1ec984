using System.CommandLine;
using Liaison.Scenarios;

namespace Liaison.Cli.Scenarios;

/// <summary><c>liaison scenario run FILE...</c>: plays scenario files through the custody engine.</summary>
public static class ScenarioCommand
{
    /// <summary>Exit code when every file was valid and ran.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when at least one file was missing or invalid and was not run.</summary>
    public const int InvalidInput = 2;

    public static Command Build()
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Scenario files (JSON, see docs/custody-rules.md in the shared folder).",
            Arity = ArgumentArity.OneOrMore,
        };
        var run = new Command("run",
            """
            Run scenario files through the custody engine. Prints one JSON object per step, one per line
            (JSON Lines), to standard output and exits 0. A file that is not valid is not run: one line
            naming the JSON path of the problem goes to standard error, the other files still run, and
            the exit code is 2.
            """)
        {
            files,
        };
        run.SetAction(parse => Run(parse.GetValue(files) ?? [], Console.OpenStandardOutput(), Console.Error));

        return new Command("scenario", "Scenarios: worked cases of the custody rules, for testing, training and audit.")
        {
            run,
        };
    }

    /// <summary>Runs each file in order; invalid files are reported on <paramref name="error"/> and skipped.</summary>
    public static int Run(IReadOnlyList<string> paths, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var exitCode = Ok;
        using var buffered = new BufferedStream(output, 64 * 1024);
        foreach (var path in paths)
        {
            ScenarioFile scenario;
            try
            {
                scenario = ScenarioParser.Parse(File.ReadAllBytes(path));
            }
            catch (ScenarioFormatException e)
            {
                error.WriteLine($"{e.Message} (in {path})");
                exitCode = InvalidInput;
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"$: cannot read the file: {e.Message} (in {path})");
                exitCode = InvalidInput;
                continue;
            }

            ScenarioRunner.RunTo(scenario, buffered);
        }

        buffered.Flush();
        return exitCode;
    }
}
