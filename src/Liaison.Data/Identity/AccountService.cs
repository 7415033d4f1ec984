using Liaison.Data.Administration;
using Liaison.Data.Audit;
using Liaison.Data.Persistence;
using Liaison.Domain;
using Liaison.Domain.Officers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Data.Identity;

/// <summary>An account as the accounts page lists it.</summary>
public sealed record AccountRow(LiaisonUser User, IReadOnlyList<string> Roles);

/// <summary>
/// Accounts: who may sign in, with which role, acting as which officer. The one way accounts are created (the
/// accounts page, the demo), each change audited with before and after, never a password.
/// </summary>
public sealed class AccountService(UserManager<LiaisonUser> users, LiaisonDbContext db, AuditLog audit)
{
    /// <summary>The officer kind an account of <paramref name="role"/> must act as; null for roles that act as no officer.</summary>
    public static ActorKind? OfficerKindOf(string role) => role switch
    {
        Roles.DesignatedOfficer => ActorKind.DesignatedOfficer,
        Roles.IceOfficer => ActorKind.IceOfficer,
        Roles.IceSupervisor => ActorKind.IceSupervisor,
        _ => null,
    };

    public async Task<IReadOnlyList<AccountRow>> AccountsAsync(CancellationToken ct = default)
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var list = new List<AccountRow>(all.Count);
        foreach (var user in all)
        {
            list.Add(new AccountRow(user, [.. await users.GetRolesAsync(user)]));
        }

        return list;
    }

    /// <summary>The officers an account may act as, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> OfficersAsync(CancellationToken ct = default) =>
        [.. (await db.Officers.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name))];

    /// <summary>
    /// Creates an account. An officer role must act as an officer record of the same kind (a designated-officer
    /// account cannot act as the ICE supervisor); other roles act as no officer.
    /// </summary>
    public async Task<ChangeOutcome> CreateAsync(string userName, string displayName, string role, string? officerId, string password, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(displayName);
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(userName))
        {
            problems.Add(new("UserName", "User name: required."));
        }

        else if (PlainText.Problem(userName) is { } userText)
        {
            problems.Add(new("UserName", $"User name: {userText}."));
        }

        if (string.IsNullOrWhiteSpace(displayName))
        {
            problems.Add(new("DisplayName", "Display name: required."));
        }
        else if (PlainText.Problem(displayName) is { } displayText)
        {
            problems.Add(new("DisplayName", $"Display name: {displayText}."));
        }

        if (!Roles.All.Contains(role))
        {
            problems.Add(new("Role", "Role: choose one of the listed roles."));
        }
        else if (OfficerKindOf(role) is { } kind)
        {
            var officer = await db.Officers.AsNoTracking().SingleOrDefaultAsync(o => o.Id == officerId, ct);
            if (officer is null)
            {
                problems.Add(new("OfficerId", "Officer: an officer role needs the officer record the account acts as."));
            }
            else if (officer.Kind != Codes.Of(kind))
            {
                problems.Add(new("OfficerId", $"Officer: {officer.Id} is not a {Roles.Describe(role).ToLowerInvariant()}; an account acts only as an officer of its own role."));
            }
        }

        if (problems.Count > 0)
        {
            return new(problems);
        }

        var user = new LiaisonUser { UserName = userName.Trim(), DisplayName = displayName.Trim(), OfficerId = OfficerKindOf(role) is null ? null : officerId };
        // The account, its role and its audit entry are one transaction: all stored, or none.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, password ?? "");
        if (!created.Succeeded)
        {
            return new([.. created.Errors.Select(e => e.Code.Contains("Password", StringComparison.Ordinal)
                ? new FieldProblem("Password", "Password: " + e.Description)
                : new FieldProblem("UserName", "User name: " + e.Description))]);
        }

        var roleAdded = await users.AddToRoleAsync(user, role);
        if (!roleAdded.Succeeded)
        {
            return new([.. roleAdded.Errors.Select(e => new FieldProblem("Role", "Role: " + e.Description))]);
        }

        // Never the password: who the account is, its role and the officer it acts as.
        audit.Add(AuditLog.AccountChange, "account", user.UserName, System.Text.Json.JsonSerializer.Serialize(new
        {
            before = (object?)null,
            after = new { user.UserName, user.DisplayName, Role = role, user.OfficerId },
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ChangeOutcome.Done;
    }
}
