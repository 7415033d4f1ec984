using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Liaison.Data.Administration;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Liaison.Data.Integrations;

/// <summary>A key that authenticated: which integration, and what it may call.</summary>
public sealed record IntegrationKey(string Id, string Name, IReadOnlyList<string> Scopes)
{
    /// <summary>Who the audit log and the custody record name for its writes.</summary>
    public string Actor => "key:" + Name;
}

/// <summary>
/// Integration API keys: created by an administrator (the key shown once, only its hash kept), scoped to the
/// endpoints it may call, revocable, with its last use. Creating and revoking are audited.
/// </summary>
public sealed class IntegrationKeys(LiaisonDbContext db, IClock clock, AuditLog audit)
{
    /// <summary>Every key starts so, which lets secret scanners and people recognize one: <c>lsk_ID_SECRET</c>.</summary>
    public const string Prefix = "lsk_";

    public const string KeyCreated = "integration.key-created", KeyRevoked = "integration.key-revoked";

    /// <summary>Last use is written at most this often per key: a busy feed is not a write per request.</summary>
    private static readonly Duration UseResolution = Duration.FromMinutes(1);

    public async Task<IReadOnlyList<IntegrationKeyRecord>> ListAsync(CancellationToken ct = default) =>
        await db.IntegrationKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(ct);

    /// <summary>Creates a key named <paramref name="name"/> for <paramref name="scopes"/>; the key is returned once, never stored.</summary>
    public async Task<(ChangeOutcome Outcome, string? Key)> CreateAsync(string name, IReadOnlyCollection<string> scopes, string createdBy, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        name = (name ?? "").Trim();
        var problems = new List<FieldProblem>();
        if (name.Length is 0 or > 100 || name.Any(char.IsControl))
        {
            problems.Add(new("Name", "Name: 1-100 characters, naming the system that will use the key (\"Jail JMS\")."));
        }
        else if (await db.IntegrationKeys.AnyAsync(k => k.Name == name && k.RevokedAt == null, ct))
        {
            problems.Add(new("Name", $"Name: a key named \"{name}\" is in use; revoke it first or choose another name."));
        }

        var chosen = IntegrationScopes.All.Where(scopes.Contains).ToList();
        if (chosen.Count == 0 || scopes.Any(s => !IntegrationScopes.All.Contains(s)))
        {
            problems.Add(new("Scopes", "Scopes: choose at least one of the listed endpoints."));
        }

        if (problems.Count > 0)
        {
            return (new ChangeOutcome(problems), null);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = $"{Prefix}{id}_{System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";
        db.IntegrationKeys.Add(new IntegrationKeyRecord
        {
            Id = id,
            Name = name,
            Scopes = string.Join(' ', chosen),
            SecretHash = HashOf(key),
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = createdBy,
        });
        audit.Add(KeyCreated, "integration-key", id, JsonSerializer.Serialize(new { name, scopes = chosen }));
        await db.SaveChangesAsync(ct);
        return (ChangeOutcome.Done, key);
    }

    /// <summary>Revokes a key at once: its next request is refused. Revoking a revoked key changes nothing.</summary>
    public async Task<ChangeOutcome> RevokeAsync(string id, string revokedBy, CancellationToken ct = default)
    {
        var key = await db.IntegrationKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return ChangeOutcome.NotFound;
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetCurrentInstant();
            key.RevokedBy = revokedBy;
            audit.Add(KeyRevoked, "integration-key", id, JsonSerializer.Serialize(new { name = key.Name }));
            await db.SaveChangesAsync(ct);
        }

        return ChangeOutcome.Done;
    }

    /// <summary>The key a request presented, or why it is refused (unknown, malformed or revoked: the same answer outside).</summary>
    public async Task<IntegrationKey?> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        var cut = presented.StartsWith(Prefix, StringComparison.Ordinal) && presented.Length <= 128 ? presented.IndexOf('_', Prefix.Length) : -1;
        if (cut < 0)
        {
            return null;
        }

        var id = presented[Prefix.Length..cut];
        var row = await db.IntegrationKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, ct);
        if (row is null || row.RevokedAt is not null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashOf(presented)), Encoding.ASCII.GetBytes(row.SecretHash)))
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        if (row.LastUsedAt is not { } last || now - last >= UseResolution)
        {
            var before = now - UseResolution;
            await db.IntegrationKeys.Where(k => k.Id == id && (k.LastUsedAt == null || k.LastUsedAt < before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new IntegrationKey(row.Id, row.Name, row.ScopeList);
    }

    private static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
