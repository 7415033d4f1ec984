using System.Text.Json;
using Liaison.Domain;
using Liaison.Domain.Custody;
using NodaTime.Text;

namespace Liaison.Scenarios;

/// <summary>
/// One step in the scenario file's own JSON form. This is also how Liaison stores custody events, so a
/// booking's stored events read as a scenario and replay through the same parser and engine.
/// </summary>
public static class StepJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public static string Write(CustodyStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            Write(w, step);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static CustodyStep Read(string json) => ScenarioParser.ParseStep(json);

    public static void Write(Utf8JsonWriter w, CustodyStep step)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(step);
        w.WriteStartObject();
        w.WriteString("at", InstantPattern.ExtendedIso.Format(step.At));
        w.WriteString("action", Codes.Of(step.Action));
        if (step.Actor is { } actor)
        {
            w.WriteString("actor", actor);
        }

        switch (step)
        {
            case Book book:
                w.WriteStartObject("booking");
                w.WriteString("id", book.Details.Id);
                WriteOptional(w, "personId", book.Details.PersonId);
                WriteOptional(w, "birthCountry", book.Details.BirthCountry);
                WriteOptional(w, "citizenshipCountry", book.Details.CitizenshipCountry);
                w.WriteStartArray("charges");
                foreach (var c in book.Details.Charges)
                {
                    w.WriteStartObject();
                    w.WriteString("code", c.Code);
                    WriteOptional(w, "description", c.Description);
                    WriteOptional(w, "level", c.Level);
                    WriteOptional(w, "status", c.Status);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
                break;
            case Tick:
                break;
            default:
                w.WriteString("booking", step.BookingId);
                break;
        }

        switch (step)
        {
            case BiometricResponse r:
                WriteCode(w, "result", r.Result);
                if (r.RecordStatus is { } status)
                {
                    w.WriteStartObject("record");
                    w.WriteString("status", Codes.Of(status));
                    w.WriteEndObject();
                }

                break;
            case Interview i:
                WriteOptional(w, "language", i.Language);
                w.WriteStartArray("advisals");
                foreach (var a in i.Advisals)
                {
                    w.WriteStringValue(a);
                }

                w.WriteEndArray();
                WriteCode(w, "claims", i.Claims);
                if (i.Interpreter is { } interpreter)
                {
                    w.WriteStartObject("interpreter");
                    WriteOptional(w, "question", interpreter.Question);
                    WriteOptional(w, "answer", interpreter.Answer);
                    if (interpreter.Needed is { } needed)
                    {
                        w.WriteBoolean("needed", needed);
                    }

                    WriteOptional(w, "name", interpreter.Name);
                    w.WriteEndObject();
                }

                break;
            case LodgeDetainer l:
                w.WriteString("form", Codes.Of(l.Form));
                w.WriteStartArray("bases");
                foreach (var b in l.Bases.Items)
                {
                    w.WriteStringValue(Codes.Of(b));
                }

                w.WriteEndArray();
                WriteWarrant(w, l.Warrant);
                break;
            case ServeWarrant s:
                WriteWarrant(w, s.Warrant);
                break;
            case RequestNotification r:
                WriteCode(w, "form", r.Form);
                break;
            case NotifyIce n:
                WriteCode(w, "about", n.About);
                WriteCode(w, "method", n.Notice.Method);
                WriteOptional(w, "recipient", n.Notice.Recipient);
                WriteOptional(w, "reference", n.Notice.Reference);
                break;
            case ReleaseScheduled r when r.Expected is { } expected:
                w.WriteString("expected", InstantPattern.ExtendedIso.Format(expected));
                break;
            case ReleaseEligible r:
                WriteOptional(w, "reason", r.Reason);
                break;
            case ResolveCitizenship r:
                WriteCode(w, "finding", r.Finding);
                WriteOptional(w, "evidence", r.Evidence);
                break;
            case LiftDetainer l:
                WriteOptional(w, "reason", l.Reason);
                break;
            default:
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteWarrant(Utf8JsonWriter w, Warrant? warrant)
    {
        if (warrant is null)
        {
            return;
        }

        w.WriteStartObject("warrant");
        WriteCode(w, "form", warrant.Form);
        WriteOptional(w, "number", warrant.Number);
        WriteOptional(w, "signedBy", warrant.SignedBy);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteCode<T>(Utf8JsonWriter w, string name, T? value)
        where T : struct, Enum
    {
        if (value is { } v)
        {
            w.WriteString(name, Codes.Of(v));
        }
    }
}
