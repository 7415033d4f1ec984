using Liaison.Data.Feeds;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Data.Demo;

/// <summary>
/// A jail feed file for trying and benchmarking imports: the demo county's people and charge mix, booked over the year
/// 2025 (a fixed year, so the file is the same for a given number of bookings whenever it is made, and never in the
/// future), each with the facts a JMS sends — book, now and then release-scheduled, release-eligible, release — in time
/// order across bookings, as a JMS exports them. Streams: memory holds only the people still in jail.
/// </summary>
public static class DemoFeed
{
    private static readonly Instant Start = Instant.FromUtc(2025, 1, 1, 0, 0);
    private static readonly Instant End = Instant.FromUtc(2026, 1, 1, 0, 0);

    private sealed record Row(Instant At, string Action, string Booking, string? Expected = null, string? Reason = null);

    /// <summary>Writes the feed for <paramref name="bookings"/> bookings; returns the number of events (data records).</summary>
    public static async Task<long> WriteAsync(TextWriter output, int bookings, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(bookings);
        var random = new Random(287);
        var later = new PriorityQueue<Row, (Instant, long)>();
        long order = 0, written = 0;
        var gap = (End - Start) / Math.Max(1, bookings);
        var at = Start;

        await output.WriteAsync(CsvRecords.Line(JmsEvents.Columns) + "\n");
        async Task EmitAsync(Row row, string[]? person = null)
        {
            written++;
            var fields = new string[JmsEvents.Columns.Count];
            Array.Fill(fields, "");
            fields[0] = $"jms-{written:0000000000}";
            fields[1] = InstantPattern.ExtendedIso.Format(row.At);
            fields[2] = row.Action;
            fields[3] = row.Booking;
            person?.CopyTo(fields, 4);
            fields[14] = row.Expected ?? "";
            fields[15] = row.Reason ?? "";
            await output.WriteAsync(CsvRecords.Line(fields) + "\n");
        }

        for (var i = 0; i < bookings; i++)
        {
            ct.ThrowIfCancellationRequested();
            // Arrivals at random, on average evenly; JMS clocks keep whole seconds.
            at = Instant.FromUnixTimeSeconds((at + Duration.FromTicks((long)(gap.BclCompatibleTicks * 2 * random.NextDouble()))).ToUnixTimeSeconds());
            while (later.TryPeek(out var due, out _) && due.At <= at)
            {
                await EmitAsync(later.Dequeue());
            }

            var booking = $"B{i + 1:0000000}";
            await EmitAsync(new Row(at, JmsEvents.Book, booking), Person(random, i, booking));
            var stay = Duration.FromHours(random.NextDouble() < 0.55 ? 4 + random.Next(30) : 24 + random.Next(24 * 40));
            var eligible = at + stay;
            if (stay > Duration.FromHours(24) && random.NextDouble() < 0.5)
            {
                var scheduledAt = at + Duration.FromHours(2 + random.Next(20));
                later.Enqueue(new Row(scheduledAt, JmsEvents.ReleaseScheduled, booking, Expected: InstantPattern.ExtendedIso.Format(eligible)), (scheduledAt, order++));
            }

            later.Enqueue(new Row(eligible, JmsEvents.ReleaseEligible, booking, Reason: DemoCounty.Pick(random, "bond-posted", "time-served", "charges-dismissed", "sentence-complete")), (eligible, order++));
            var release = eligible + Duration.FromMinutes(15 + random.Next(100));
            later.Enqueue(new Row(release, JmsEvents.Release, booking), (release, order++));
        }

        while (later.TryDequeue(out var row, out _))
        {
            if (row.At < End)
            {
                await EmitAsync(row); // still in jail at the year's end: the rest has not happened yet
            }
        }

        await output.FlushAsync(ct);
        return written;
    }

    /// <summary>person_id .. charges, in the feed's column order: the demo county's person, and a recorded sex.</summary>
    private static string[] Person(Random random, int index, string booking)
    {
        var person = DemoCounty.Person(random, index, booking);
        return
        [
            person.PersonId,
            person.LastName,
            person.FirstName,
            person.DateOfBirth is { } born ? LocalDatePattern.Iso.Format(born) : "",
            DemoCounty.Pick(random, "M", "M", "M", "F", "F", "U"),
            person.BirthCountry ?? "",
            person.CitizenshipCountry ?? "",
            person.Language ?? "",
            person.ANumber ?? "",
            // The feed carries pending and convicted charges only; a dismissed one is still pending when booked.
            string.Join(';', person.Charges.Select(c => $"{c.Code}:{c.Level}:{(c.Status == "convicted" ? "convicted" : "pending")}")),
        ];
    }
}
