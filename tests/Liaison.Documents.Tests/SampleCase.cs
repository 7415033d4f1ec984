using Liaison.Documents.Kinds;
using Liaison.Domain.Bookings;
using Liaison.Domain.Jurisdictions;
using NodaTime;

namespace Liaison.Documents.Tests;

/// <summary>A booking as the demo county has them: a Mexican national with a detainer and a warrant served, the hold running.</summary>
internal static class SampleCase
{
    public static readonly Instant Booked = Instant.FromUtc(2026, 3, 2, 14, 0);
    public static readonly Instant HoldEnds = Instant.FromUtc(2026, 3, 5, 20, 30); // 15:30 in New York
    public static readonly Instant Printed = Instant.FromUtc(2026, 3, 3, 16, 5);

    public static DocumentCase Of(string? citizenship = "MX", HoldPolicy policy = HoldPolicy.Calendar48h, Instant? holdEnds = null, bool requests = true) => new(
        "Demo County Sheriff's Office",
        new Jurisdiction(DateTimeZoneProviders.Tzdb["America/New_York"], policy),
        "B2026-004217",
        "García López",
        "José Ángel",
        new LocalDate(1991, 7, 14),
        "A123456789",
        citizenship,
        citizenship,
        Booked,
        "held-for-ice",
        holdEnds,
        [new Charge("5404", "Possession of marijuana", "misdemeanor", "pending"), new Charge("1313", "Simple assault", "misdemeanor", "pending")],
        requests
            ? [new IceRequest(IceRequestKind.Detainer, "I-247A", Booked.Plus(Duration.FromHours(20)), true), new IceRequest(IceRequestKind.Warrant, "I-200", Booked.Plus(Duration.FromHours(21)), true)]
            : [],
        [
            new TimelineEntry(Booked, "book", "Jail management system", null),
            new TimelineEntry(Booked.Plus(Duration.FromHours(2)), "interview", "Officer Moreno", null),
            new TimelineEntry(Booked.Plus(Duration.FromHours(20)), "lodge-detainer", "Officer Moreno", null),
            new TimelineEntry(Booked.Plus(Duration.FromHours(21)), "serve-warrant", "Officer Moreno", "warrant-not-signed-by-supervisor"),
            new TimelineEntry(Booked.Plus(Duration.FromHours(22)), "serve-detainer", "Officer Moreno", null),
        ]);
}
