namespace Liaison.Domain.Citizenship;

public enum CitizenshipStatus
{
    /// <summary>No claim of US citizenship has been made.</summary>
    None,

    /// <summary>A claim is open: the immigration side is stopped until an ICE supervisor resolves it.</summary>
    UnderReview,

    /// <summary>Found a US citizen: the immigration case is closed for good.</summary>
    UsCitizen,

    /// <summary>Found not a US citizen, on evidence. A new claim opens a new review.</summary>
    NotUsCitizen,
}

public enum CitizenshipFinding
{
    UsCitizen,
    NotUsCitizen,
}

/// <summary>What the subject said in an interview about their status.</summary>
public enum InterviewClaim
{
    ForeignNational,
    UsCitizen,
    Declined,
}
