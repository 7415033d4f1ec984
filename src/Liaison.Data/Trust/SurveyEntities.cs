using NodaTime;

namespace Liaison.Data.Trust;

/// <summary>
/// One round of the community trust survey (decision 0021): fielded in one month (its period in the public figures),
/// open for answers until the program manager closes it; only a closed round's figures are published.
/// </summary>
public sealed class SurveyRoundRecord
{
    public const int MaxName = 100;

    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>YYYY-MM: the month the round is fielded in.</summary>
    public string Month { get; set; } = "";

    public Instant OpenedAt { get; set; }

    public string OpenedBy { get; set; } = "";

    public Instant? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }
}

/// <summary>A batch of invitations issued for a round: how many, and how they were to be handed out. The codes themselves are shown once and never kept.</summary>
public sealed class SurveyBatchRecord
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public int Count { get; set; }

    /// <summary><c>print</c> (sheets to hand or post) or <c>e-mail</c> (a CSV of codes for the agency's mail merge).</summary>
    public string Channel { get; set; } = "";

    public Instant IssuedAt { get; set; }

    public string IssuedBy { get; set; } = "";
}

/// <summary>
/// One invitation: its code's hash and whether it was used. It holds no time of use and nothing points from a response
/// to it, so even an agency that noted who got which code cannot tell what anyone answered.
/// </summary>
public sealed class SurveyTokenRecord
{
    public long Id { get; set; }

    public int RoundId { get; set; }

    public int BatchId { get; set; }

    /// <summary>SHA-256 of the code, hex (<see cref="Domain.PublicCode.Hash"/>).</summary>
    public string Hash { get; set; } = "";

    public bool Used { get; set; }
}

/// <summary>One response: the round, the language it was answered in and what the respondent chose to say about themselves (null: declined).</summary>
public sealed class SurveyResponseRecord
{
    public long Id { get; set; }

    public int RoundId { get; set; }

    public string Language { get; set; } = "en";

    public string? Age { get; set; }

    public string? Sex { get; set; }

    public string? Ethnicity { get; set; }

    public string? HomeLanguage { get; set; }
}

/// <summary>One answered item of a response (an item left unanswered has no row).</summary>
public sealed class SurveyAnswerRecord
{
    public long Id { get; set; }

    public long ResponseId { get; set; }

    public string Item { get; set; } = "";

    public int Value { get; set; }
}

/// <summary>A file of population margins, as imported (the latest weights every round).</summary>
public sealed class SurveyMarginImportRecord : Feeds.ImportedFileRecord;

/// <summary>One category's population from a margins import.</summary>
public sealed class SurveyMarginRecord
{
    public long Id { get; set; }

    public int ImportId { get; set; }

    public string Dimension { get; set; } = "";

    public string Category { get; set; } = "";

    public long Population { get; set; }
}
