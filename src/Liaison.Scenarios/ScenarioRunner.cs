using System.Text.Json;
using Liaison.Domain;
using Liaison.Domain.Custody;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Scenarios;

/// <summary>Plays a scenario through the custody engine and writes the runner's JSON Lines output contract.</summary>
public static class ScenarioRunner
{
    private static readonly InstantPattern DeadlinePattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'");
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = true };

    /// <summary>Each step's outcome, in file order, from a fresh engine.</summary>
    public static IEnumerable<StepOutcome> Run(ScenarioFile scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var engine = scenario.CreateEngine();
        foreach (var step in scenario.Steps)
        {
            yield return engine.Apply(step);
        }
    }

    /// <summary>Runs <paramref name="scenario"/> and writes one JSON object per step, one per line, to <paramref name="output"/>.</summary>
    public static void RunTo(ScenarioFile scenario, Stream output)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        var number = 0;
        foreach (var outcome in Run(scenario))
        {
            WriteLine(writer, scenario.Name, ++number, outcome);
            writer.Flush();
            output.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    /// <summary>One line of the output contract (custody-rules.md, "The runner's output").</summary>
    public static void WriteLine(Utf8JsonWriter writer, string scenario, int stepNumber, StepOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outcome);
        writer.WriteStartObject();
        writer.WriteString("scenario", scenario);
        writer.WriteNumber("step", stepNumber);
        writer.WriteBoolean("ok", outcome.Accepted);
        WriteCodeOrNull(writer, "error", outcome.Refusal?.Code);
        if (outcome.Booking is { } b)
        {
            writer.WriteString("booking", b.BookingId);
            writer.WriteString("custody", Codes.Of(b.Custody));
            writer.WriteString("holdAuthority", Codes.Of(b.HoldAuthority));
            writer.WriteString("citizenship", Codes.Of(b.Citizenship));
            if (b.HoldDeadline is { } deadline)
            {
                writer.WriteString("holdDeadline", DeadlinePattern.Format(deadline));
            }
            else
            {
                writer.WriteNull("holdDeadline");
            }

            writer.WriteNumber("overDetentionMinutes", b.OverDetentionMinutes);
        }
        else
        {
            foreach (var field in (ReadOnlySpan<string>)["booking", "custody", "holdAuthority", "citizenship", "holdDeadline", "overDetentionMinutes"])
            {
                writer.WriteNull(field);
            }
        }

        writer.WriteStartArray("alerts");
        foreach (var alert in outcome.Alerts)
        {
            writer.WriteStartObject();
            writer.WriteString("booking", alert.BookingId);
            writer.WriteString("kind", Codes.Of(alert.Kind));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCodeOrNull<T>(Utf8JsonWriter writer, string name, T? value)
        where T : struct, Enum
    {
        if (value is { } v)
        {
            writer.WriteString(name, Codes.Of(v));
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
