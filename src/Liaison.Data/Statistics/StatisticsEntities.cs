using NodaTime;

namespace Liaison.Data.Statistics;

/// <summary>
/// One act of publishing: the program manager released a closed month (and the quarter and fiscal year it completed).
/// Never changed: what was published stays published.
/// </summary>
public sealed class StatisticsPublicationRecord
{
    public int Id { get; set; }

    /// <summary>The month released, <c>2026-10</c>.</summary>
    public string Month { get; set; } = "";

    public Instant PublishedAt { get; set; }

    public string PublishedBy { get; set; } = "";

    /// <summary>Optional: e.g. that the figures were shared with ICE's field office beforehand.</summary>
    public string? Note { get; set; }

    /// <summary>The disclosure threshold in force when published.</summary>
    public int K { get; set; }
}

/// <summary>
/// One published figure, frozen. <see cref="Value"/> is the true figure even where the public reads
/// <c>suppressed</c>, so that later quarters and years are the exact sums of what was published.
/// </summary>
public sealed class PublishedFigureRecord
{
    public long Id { get; set; }

    public int PublicationId { get; set; }

    public string Measure { get; set; } = "";

    public string Kind { get; set; } = "";

    public string Period { get; set; } = "";

    public string Model { get; set; } = "";

    public string Category { get; set; } = "";

    public double? Value { get; set; }

    public long People { get; set; }

    public bool Suppressed { get; set; }
}
