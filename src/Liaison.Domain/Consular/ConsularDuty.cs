using NodaTime;

namespace Liaison.Domain.Consular;

/// <summary>How a consulate was told.</summary>
public enum ConsularMethod
{
    Fax,
    Email,
    Phone,
    Portal,
    InPerson,
}

/// <summary>
/// The consular record of a booking, beside the custody rules (it changes no custody, hold or deadline): that the
/// person was told of the right to consular notification and what they answered, and that the consulate was told.
/// </summary>
public abstract record ConsularEntry(Instant At, string Actor);

/// <summary>The person was told, without delay, of the right to have their consulate notified, and asked for it or not.</summary>
public sealed record ConsularAdvisal(Instant At, string Actor, bool Requested) : ConsularEntry(At, Actor);

/// <summary>The consulate (<see cref="Post"/>, e.g. "Consulate General of Jamaica, Miami") was told of the detention.</summary>
public sealed record ConsularNotice(Instant At, string Actor, ConsularMethod Method, string Post, string? Reference) : ConsularEntry(At, Actor)
{
    public const int MaxPost = 200, MaxReference = 100;
}

/// <summary>
/// What is owed to a foreign national's consulate, from their nationality, when they were booked and the consular
/// record. Advise the person of the right within a day of booking ("without delay"); tell the consulate within 72 hours
/// of booking for a national of a mandatory-notification country, or of the request for anyone who asks. A US national,
/// or a booking with no nationality recorded, is owed nothing. The duties are the jail's while it holds the person;
/// once custody ends they are no longer watched (whether they were met stays on the record).
/// </summary>
public sealed record ConsularDuty(string? Nationality, Instant BookedAt, Instant? AdvisedAt, bool? Requested, Instant? NotifiedAt)
{
    public static readonly Duration AdvisalAllowed = Duration.FromHours(24);
    public static readonly Duration NoticeAllowed = Duration.FromHours(72);

    /// <summary>The duty of a booking from its consular entries, in order (the latest answer stands; the first notice counts).</summary>
    public static ConsularDuty Of(string? nationality, Instant bookedAt, IEnumerable<ConsularEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Aggregate(new ConsularDuty(nationality, bookedAt, null, null, null), (d, e) => d.With(e));
    }

    public ConsularDuty With(ConsularEntry entry) => entry switch
    {
        ConsularAdvisal a => this with { AdvisedAt = AdvisedAt ?? a.At, Requested = a.Requested, RequestedAt = a.Requested ? RequestedAt ?? a.At : null },
        ConsularNotice n => this with { NotifiedAt = NotifiedAt ?? n.At },
        _ => this,
    };

    /// <summary>When the person first asked for their consulate to be told (null unless they asked).</summary>
    public Instant? RequestedAt { get; init; }

    /// <summary>A foreign national: someone the Vienna Convention protects.</summary>
    public bool Applies => Nationality is { Length: > 0 } n && !string.Equals(n, "US", StringComparison.OrdinalIgnoreCase);

    public bool Mandatory => Applies && MandatoryNotification.IsMandatory(Nationality);

    /// <summary>When the advisal was or is due, given or not (null when no duty applies): what the statistics judge it by.</summary>
    public Instant? AdvisalDeadline => Applies ? BookedAt + AdvisalAllowed : null;

    /// <summary>When the consulate was or is to be told, told or not (null when nobody must tell it).</summary>
    public Instant? NoticeDeadline => Mandatory ? BookedAt + NoticeAllowed
        : Applies && RequestedAt is { } asked ? asked + NoticeAllowed
        : null;

    /// <summary>When the advisal is due (null once given, or when no duty applies).</summary>
    public Instant? AdvisalDue => AdvisedAt is null ? AdvisalDeadline : null;

    /// <summary>When the consulate must be told (null once told, or when nobody must tell it).</summary>
    public Instant? NoticeDue => NotifiedAt is null ? NoticeDeadline : null;

    /// <summary>The nearest open due instant, what the deadline monitor watches.</summary>
    public Instant? NextDue => (AdvisalDue, NoticeDue) switch
    {
        ({ } a, { } n) => a < n ? a : n,
        ({ } a, null) => a,
        (null, { } n) => n,
        _ => null,
    };

    /// <summary>Whether the consulate was told in time (null while not told, or when it need not be).</summary>
    public bool? NoticeInTime => NotifiedAt is { } told && NoticeDeadline is { } deadline ? told <= deadline : null;

    /// <summary>Why <paramref name="entry"/> cannot be recorded, or null.</summary>
    public string? Problem(ConsularEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!Applies)
        {
            return "This booking records no foreign nationality: there is no consular duty to record.";
        }

        return entry switch
        {
            ConsularNotice { Post: null or "" } => "Consulate: name the consulate that was told (for example \"Consulate General of Jamaica, Miami\").",
            ConsularNotice { Post.Length: > ConsularNotice.MaxPost } => $"Consulate: at most {ConsularNotice.MaxPost} characters.",
            ConsularNotice { Reference.Length: > ConsularNotice.MaxReference } => $"Reference: at most {ConsularNotice.MaxReference} characters.",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="entry"/> would change nothing (the same answer, or the notice already on record).</summary>
    public bool AlreadyRecorded(ConsularEntry entry) => entry switch
    {
        ConsularAdvisal a => AdvisedAt is not null && Requested == a.Requested,
        ConsularNotice => NotifiedAt is not null,
        _ => false,
    };
}
