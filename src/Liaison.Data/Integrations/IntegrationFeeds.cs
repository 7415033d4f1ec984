using System.Text.Json;
using Liaison.Data.Custody;
using Liaison.Data.Feeds;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Integrations;

/// <summary>What became of one event or message sent by another system, in the interface's words.</summary>
public sealed record EventAnswer(string? Id, string Outcome, string? Field = null, string? Code = null, string? Reason = null)
{
    public const string Imported = "imported", AlreadyImported = "already-imported", Quarantined = "quarantined";

    /// <summary>
    /// Whether sending the same event again can only get this answer: true for imported, already imported, a field's
    /// problem and an event-id conflict; false for a refusal by the rules or the clock, which may go otherwise later
    /// (the booking booked meanwhile, the time come).
    /// </summary>
    public bool Final { get; init; } = true;

    /// <summary>Why it was quarantined, in one line: <c>code: [field] reason</c>.</summary>
    public string Problem => $"{Code}: {(Field is { } named ? $"[{named}] " : "")}{Reason}";

    /// <summary>The write path's answer: a refusal names <paramref name="atField"/> or <paramref name="idField"/> when it is about them.</summary>
    public static EventAnswer Of(string id, StepResult result, string atField, string idField)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Kind switch
        {
            StepResultKind.Applied => new(id, Imported),
            StepResultKind.AlreadyApplied => new(id, AlreadyImported),
            _ => new(id, Quarantined, result.Code switch
            {
                StepResult.InTheFuture => atField,
                StepResult.EventIdConflict => idField,
                _ => null,
            }, result.Code, result.Reason)
            { Final = result.Code == StepResult.EventIdConflict },
        };
    }

    public static EventAnswer Of(string? id, FieldProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(id, Quarantined, problem.Column.Length == 0 ? null : problem.Column, problem.Code, problem.Message);
    }
}

/// <summary>
/// The booking API's and the DHS drop folder's way in: events and messages read by the same checks as the feed file
/// and applied through the one custody write path, acting as the jail or DHS, named by the key or folder that sent
/// them. Also remembers each API delivery's answer, so that a byte-identical retry gets it again.
/// </summary>
public sealed class IntegrationFeeds(CustodyService custody, CustodyWorldCache worlds, LiaisonDbContext db, IClock clock)
{
    /// <summary>How long a delivery's answer is kept for retries: far beyond any sender's retry schedule.</summary>
    public static readonly Duration ReplayWindow = Duration.FromDays(7);

    /// <summary>Applies a JSON array of jail events in order; one answer each, in the same order.</summary>
    public async Task<IReadOnlyList<EventAnswer>> JmsEventsAsync(JsonElement events, string by, CancellationToken ct = default)
    {
        var zone = (await worlds.WorldAsync(db, ct)).Zone;
        var read = events.EnumerateArray().Select(e => (Element: e, Read: JmsJson.Read(e, zone))).ToList();
        var valid = read.Where(r => r.Read.Event is not null).Select(r => r.Read.Event!).ToList();
        var results = valid.Count == 0 ? [] : await custody.ApplyAsync([.. valid.Select(e => e.ToSubmission(by))], ct);
        var next = 0;
        return [.. read.Select(r => r.Read.Event is { } e
            ? EventAnswer.Of(e.EventId, results[next++], "at", "eventId")
            : EventAnswer.Of(IdOf(r.Element, "eventId"), r.Read.Problem!))];
    }

    /// <summary>Applies one DHS response message; with the write path's result when it got that far (not for a field problem).</summary>
    public async Task<(EventAnswer Answer, StepResult? Result)> DhsResponseAsync(JsonElement message, string by, CancellationToken ct = default)
    {
        var (read, problem) = DhsResponses.Read(message);
        if (read is null)
        {
            return (EventAnswer.Of(IdOf(message, "messageId"), problem!), null);
        }

        var result = (await custody.ApplyAsync([read.ToSubmission(by)], ct))[0];
        return (EventAnswer.Of(read.MessageId, result, "at", "messageId"), result);
    }

    /// <summary>
    /// The answer given to an identical delivery within <see cref="ReplayWindow"/>, if any. Only answers whose every
    /// event is <see cref="EventAnswer.Final"/> are kept: a delivery refused by the rules is judged again when resent.
    /// </summary>
    public async Task<ApiDeliveryRecord?> AnsweredAsync(string deliveryId, CancellationToken ct = default)
    {
        var since = clock.GetCurrentInstant() - ReplayWindow;
        return await db.ApiDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deliveryId && d.At >= since, ct);
    }

    /// <summary>Keeps a delivery's answer for retries (replacing an expired one), and lets answers older than the window go.</summary>
    public async Task RememberAsync(string deliveryId, int status, string response, CancellationToken ct = default)
    {
        var now = clock.GetCurrentInstant();
        var expired = now - ReplayWindow;
        await db.ApiDeliveries.Where(d => d.At < expired || d.Id == deliveryId).ExecuteDeleteAsync(ct);
        db.ApiDeliveries.Add(new ApiDeliveryRecord { Id = deliveryId, Status = status, Response = response, At = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance answered the same delivery at the same moment: its answer stands.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The id an unreadable event or message gave, when it gave one as a string (to name it in the answer).</summary>
    private static string? IdOf(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(field, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
}
