using NodaTime;

namespace Liaison.Data.Integrations;

/// <summary>
/// An API key for one system that feeds Liaison (a JMS, a DHS relay): its name, what it may call, and only a hash of
/// its secret. The key itself is shown once, when an administrator creates it.
/// </summary>
public sealed class IntegrationKeyRecord
{
    /// <summary>The key's public part (the first segment after the prefix): finds the row without the secret.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The endpoints it may call: scope names separated by spaces (<see cref="IntegrationScopes"/>).</summary>
    public string Scopes { get; set; } = "";

    /// <summary>SHA-256 of the whole key, hex. The key holds 256 random bits, so a fast hash suffices (nothing to guess).</summary>
    public string SecretHash { get; set; } = "";

    public Instant CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public Instant? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    /// <summary>When a request last authenticated with it (to the minute: not a write per request).</summary>
    public Instant? LastUsedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>What an integration key may call.</summary>
public static class IntegrationScopes
{
    /// <summary><c>POST /api/v1/jms/events</c>: the jail's four facts.</summary>
    public const string JmsEvents = "jms-events";

    /// <summary><c>POST /api/v1/dhs/responses</c>: DHS biometric responses.</summary>
    public const string DhsResponses = "dhs-responses";

    public static readonly IReadOnlyList<string> All = [JmsEvents, DhsResponses];

    public static string Describe(string scope) => scope switch
    {
        JmsEvents => "Jail events (POST /api/v1/jms/events)",
        DhsResponses => "DHS responses (POST /api/v1/dhs/responses)",
        _ => scope,
    };
}

/// <summary>
/// A delivery to the API answered before: a byte-identical retry (a timeout, a concurrent resend) gets the same
/// answer, whatever happened since, and changes nothing.
/// </summary>
public sealed class ApiDeliveryRecord
{
    /// <summary>The endpoint and SHA-256 of the request body, hex: <c>jms-events:ab12...</c>.</summary>
    public string Id { get; set; } = "";

    public int Status { get; set; }

    public string Response { get; set; } = "";

    public Instant At { get; set; }
}
