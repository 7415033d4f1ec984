using System.Globalization;
using Liaison.Domain;
using Liaison.Domain.Bookings;
using Liaison.Domain.Custody;
using NodaTime;
using NodaTime.Text;

namespace Liaison.Web.Display;

/// <summary>
/// How times, spans and codes read on a page: always in the facility's zone, with its abbreviation (EST or EDT, so an
/// hour repeated at the end of daylight saving reads unambiguously); the zone's name is shown once, in the page footer.
/// </summary>
public static class Show
{
    private static readonly ZonedDateTimePattern DateTime = ZonedDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu, HH':'mm x", null);
    private static readonly LocalDatePattern Date = LocalDatePattern.CreateWithInvariantCulture("d MMM uuuu");

    public static string When(Instant instant, DateTimeZone zone) => DateTime.Format(instant.InZone(zone));

    public static string When(Instant? instant, DateTimeZone zone) => instant is { } i ? When(i, zone) : "—";

    public static string Day(LocalDate? date) => date is { } d ? Date.Format(d) : "—";

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>"2 h 05 min", "3 d 4 h" — a span a person reads at a glance.</summary>
    public static string Span(Duration span)
    {
        if (span < Duration.Zero)
        {
            span = -span;
        }

        var minutes = (long)span.TotalMinutes;
        return minutes switch
        {
            < 60 => $"{minutes} min",
            < 48 * 60 => $"{minutes / 60} h {minutes % 60:00} min",
            _ => $"{minutes / 1440} d {minutes % 1440 / 60} h",
        };
    }

    public static string Label(string code) => code switch
    {
        "in-jail" => "In jail",
        "held-for-ice" => "Held for ICE",
        "release-required" => "Release required",
        "released" => "Released",
        "transferred-to-ice" => "Transferred to ICE",
        "none" => "None",
        "detainer-lodged" => "Detainer lodged",
        "detainer-served" => "Detainer served",
        "warrant-served" => "Warrant served",
        "lifted" => "Lifted",
        "under-review" => "Under review",
        "us-citizen" => "US citizen",
        "not-us-citizen" => "Not a US citizen",
        "book" => "Booked",
        "biometric-response" => "DHS biometric response",
        "interview" => "Interview",
        "lodge-detainer" => "Detainer lodged",
        "serve-detainer" => "Detainer served",
        "serve-warrant" => "Warrant served",
        "lift-detainer" => "Detainer lifted",
        "assume-custody" => "ICE took custody",
        "claim-citizenship" => "Citizenship claimed",
        "resolve-citizenship" => "Citizenship resolved",
        "release-scheduled" => "Release scheduled",
        "release-eligible" => "Eligible for release",
        "release" => "Released",
        "request-notification" => "Notice of release requested",
        "notify-ice" => "ICE told",
        "correction" => "Correction",
        "screening" => "Screening outcome",
        "assignment" => "Screening assigned",
        "consular" => "Consular notification",
        "notice" => "Notice given to the person",
        "no-action" => "Screened: no action",
        "referred" => "Referred to ICE",
        "detainer" => "the detainer",
        "citizenship-claim" => "the citizenship claim",
        "phone" => "phone",
        "email" => "e-mail",
        "enforce" => "ENFORCE entry",
        "calendar-48h" => "48 elapsed hours",
        "business-48h" => "48 business hours (weekdays, not holidays)",
        "notify-only" => "Notify only: no holds",
        "designated-officer" => "Designated officer",
        "ice-officer" => "ICE officer",
        "ice-supervisor" => "ICE supervisor",
        _ => code,
    };

    /// <summary>The CSS modifier for a custody state's badge.</summary>
    public static string Tone(string custody) => Codes.TryParse<CustodyStatus>(custody, out var status) ? status switch
    {
        CustodyStatus.HeldForIce => "warn",
        CustodyStatus.ReleaseRequired => "danger",
        CustodyStatus.Released or CustodyStatus.TransferredToIce => "muted",
        _ => "info",
    } : "info";

    /// <summary>DHS's biometric answer as a page words it; null when DHS has not answered.</summary>
    public static string Dhs(string? result) => Codes.TryParse<BiometricResult>(result, out var r)
        ? r == BiometricResult.Match ? "Match" : "No match"
        : "No response yet";

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Where a claim of US citizenship stands, in words.</summary>
    public static string Citizenship(Domain.Citizenship.CitizenshipStatus status) => status switch
    {
        Domain.Citizenship.CitizenshipStatus.None => "no claim made",
        Domain.Citizenship.CitizenshipStatus.UnderReview => "claim under review",
        Domain.Citizenship.CitizenshipStatus.UsCitizen => "found a US citizen",
        Domain.Citizenship.CitizenshipStatus.NotUsCitizen => "found not a US citizen",
        _ => Codes.Of(status),
    };

    /// <summary>What DHS records show for a match, in words.</summary>
    public static string RecordStatus(RecordStatus status) => status switch
    {
        Domain.Bookings.RecordStatus.FinalOrder => "Final order of removal",
        Domain.Bookings.RecordStatus.InProceedings => "In removal proceedings",
        Domain.Bookings.RecordStatus.NoLawfulStatus => "No lawful status",
        Domain.Bookings.RecordStatus.LawfulStatus => "Lawful immigration status",
        Domain.Bookings.RecordStatus.UsCitizen => "US citizen",
        _ => Codes.Of(status),
    };

    /// <summary>Whether DHS's record status argues against holding anyone (lawful status or citizenship).</summary>
    public static bool RecordStatusWarns(RecordStatus status) => status is Domain.Bookings.RecordStatus.LawfulStatus or Domain.Bookings.RecordStatus.UsCitizen;

    public static string DetainerForm(DetainerForm form) => form switch
    {
        Domain.Custody.DetainerForm.I247A => "I-247A (immigration detainer)",
        Domain.Custody.DetainerForm.I247G => "I-247G (request for advance notification of release)",
        Domain.Custody.DetainerForm.I247N => "I-247N (request for voluntary notification of release)",
        _ => Codes.Of(form),
    };

    public static string Basis(ProbableCauseBasis basis) => basis switch
    {
        ProbableCauseBasis.FinalOrder => "final order of removal",
        ProbableCauseBasis.PendingProceedings => "pending removal proceedings",
        ProbableCauseBasis.BiometricAndRecords => "biometric match and records",
        ProbableCauseBasis.StatementsAndEvidence => "statements and other reliable evidence",
        _ => Codes.Of(basis),
    };

    /// <summary>The jail's reasons a person may go, as the eligibility form offers them.</summary>
    public static IReadOnlyList<(string Code, string Label)> EligibleReasons { get; } =
    [
        ("bond-posted", "Bond posted"), ("charges-dismissed", "Charges dismissed"), ("time-served", "Time served"),
        ("sentence-complete", "Sentence complete"), ("court-order", "Court order"),
    ];

    public static string EligibleReason(string code) => EligibleReasons.FirstOrDefault(r => r.Code == code).Label ?? code;
}
