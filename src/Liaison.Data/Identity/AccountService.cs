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
    /// <summary>One-time recovery codes issued at enrolment, for a lost phone.</summary>
    public const int RecoveryCodeCount = 10;

    /// <summary>The audit actions of account changes (never a password, key or code).</summary>
    public const string SecondFactorEnabled = "second-factor-enabled", SecondFactorReset = "second-factor-reset",
        AccountDisabled = "disabled", AccountEnabled = "enabled", RoleChanged = "role-changed",
        PasswordReset = "password-reset", PasswordChanged = "password-changed";

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

        problems.AddRange(await RoleProblemsAsync(role, officerId, exceptUserId: null, ct));
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

    public Task<LiaisonUser?> FindAsync(string userName) => users.FindByNameAsync(userName ?? "");

    /// <summary>
    /// Turns on the second factor once the person has shown that their app gives the right code; returns the
    /// recovery codes, shown once and stored only hashed by Identity's store.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnableSecondFactorAsync(LiaisonUser user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        Ensure(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        Record(user, SecondFactorEnabled, new { secondFactor = false }, new { secondFactor = true, recoveryCodes = codes.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return codes;
    }

    /// <summary>The key the person's app must be given (created when there is none yet).</summary>
    public async Task<string> AuthenticatorKeyAsync(LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        Ensure(await users.ResetAuthenticatorKeyAsync(user));
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>
    /// For a demo county only: gives the account a key and turns the second factor on, so <c>./liaison demo totp</c>
    /// can show the code a phone would.
    /// </summary>
    public async Task EnrolForDemoAsync(LiaisonUser user, CancellationToken ct = default)
    {
        await AuthenticatorKeyAsync(user);
        await EnableSecondFactorAsync(user, ct);
    }

    /// <summary>
    /// An administrator resets a person's second factor (lost phone): the old key and recovery codes stop working,
    /// every session ends, and the person enrols again at their next sign-in.
    /// </summary>
    public Task<ChangeOutcome> ResetSecondFactorAsync(string userName, CancellationToken ct = default) =>
        ChangeAsync(userName, SecondFactorReset, async user =>
        {
            Ensure(await users.SetTwoFactorEnabledAsync(user, false));
            Ensure(await users.ResetAuthenticatorKeyAsync(user));
            Ensure(await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "RecoveryCodes"));
            return (new { secondFactor = true }, new { secondFactor = false });
        }, ct);

    /// <summary>
    /// Disables or re-enables an account; disabling ends its sessions at their next request. Nobody disables their
    /// own account (<paramref name="by"/>), so an office cannot lose its last administrator by a slip.
    /// </summary>
    public Task<ChangeOutcome> SetDisabledAsync(string userName, bool disabled, string? by, CancellationToken ct = default) =>
        disabled && string.Equals(userName, by, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new ChangeOutcome([new FieldProblem("Account", "Account: you cannot disable your own account; another administrator can.")]))
            : ChangeAsync(userName, disabled ? AccountDisabled : AccountEnabled, async user =>
        {
            var was = user.Disabled;
            user.Disabled = disabled;
            Ensure(await users.UpdateAsync(user));
            return (new { disabled = was }, new { disabled });
        }, ct);

    /// <summary>Gives an account another role (and the officer it acts as, which must be of that role's kind).</summary>
    public async Task<ChangeOutcome> ChangeRoleAsync(string userName, string role, string? officerId, string? by, CancellationToken ct = default)
    {
        if (string.Equals(userName, by, StringComparison.OrdinalIgnoreCase))
        {
            return new([new FieldProblem("Role", "Role: you cannot change your own role; another administrator can.")]);
        }

        var user = await users.FindByNameAsync(userName ?? "");
        if (user is null)
        {
            return ChangeOutcome.NotFound;
        }

        var problems = await RoleProblemsAsync(role, officerId, user.Id, ct);
        if (problems.Count > 0)
        {
            return new(problems);
        }

        return await ApplyAsync(user, RoleChanged, async u =>
        {
            var before = new { roles = await users.GetRolesAsync(u), u.OfficerId };
            Ensure(await users.RemoveFromRolesAsync(u, before.roles));
            Ensure(await users.AddToRoleAsync(u, role));
            u.OfficerId = OfficerKindOf(role) is null ? null : officerId;
            Ensure(await users.UpdateAsync(u));
            return (before, new { roles = new[] { role }, u.OfficerId });
        }, ct);
    }

    /// <summary>
    /// An administrator resets a forgotten password: a one-time password, shown once to the administrator, that
    /// the person must replace at their next sign-in. Every session of the account ends.
    /// </summary>
    public async Task<(ChangeOutcome Outcome, string? OneTimePassword)> ResetPasswordAsync(string userName, CancellationToken ct = default)
    {
        var oneTime = OneTimePassword();
        var outcome = await ChangeAsync(userName, PasswordReset, async user =>
        {
            Ensure(await users.RemovePasswordAsync(user));
            Ensure(await users.AddPasswordAsync(user, oneTime));
            user.MustChangePassword = true;
            Ensure(await users.UpdateAsync(user));
            return (new { mustChangePassword = false }, new { mustChangePassword = true });
        }, ct);
        return (outcome, outcome.Succeeded ? oneTime : null);
    }

    /// <summary>The person changes their own password (required after a reset); the common-password rules apply.</summary>
    public async Task<ChangeOutcome> ChangeOwnPasswordAsync(LiaisonUser user, string current, string replacement, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.Equals(current, replacement, StringComparison.Ordinal))
        {
            return new([new FieldProblem("NewPassword", "New password: must differ from the current one.")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await users.ChangePasswordAsync(user, current ?? "", replacement ?? "");
        if (!changed.Succeeded)
        {
            return new([.. changed.Errors.Select(e => e.Code == "PasswordMismatch"
                ? new FieldProblem("CurrentPassword", "Current password: not right.")
                : new FieldProblem("NewPassword", "New password: " + e.Description))]);
        }

        user.MustChangePassword = false;
        Ensure(await users.UpdateAsync(user));
        Record(user, PasswordChanged, null, null);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ChangeOutcome.Done;
    }

    /// <summary>One account change: applied, the security stamp renewed (ending every session) and audited, in one transaction.</summary>
    private async Task<ChangeOutcome> ChangeAsync(string userName, string what, Func<LiaisonUser, Task<(object? Before, object? After)>> change, CancellationToken ct) =>
        await users.FindByNameAsync(userName ?? "") is { } user ? await ApplyAsync(user, what, change, ct) : ChangeOutcome.NotFound;

    private async Task<ChangeOutcome> ApplyAsync(LiaisonUser user, string what, Func<LiaisonUser, Task<(object? Before, object? After)>> change, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (before, after) = await change(user);
        Ensure(await users.UpdateSecurityStampAsync(user));
        Record(user, what, before, after);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ChangeOutcome.Done;
    }

    private void Record(LiaisonUser user, string what, object? before, object? after) =>
        audit.Add(AuditLog.AccountChange, "account", user.UserName!, System.Text.Json.JsonSerializer.Serialize(new { change = what, before, after }));

    /// <summary>An officer role must act as an officer record of the same kind, which no other account acts as.</summary>
    private async Task<List<FieldProblem>> RoleProblemsAsync(string role, string? officerId, string? exceptUserId, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
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
            else if (await users.Users.AnyAsync(u => u.OfficerId == officerId && u.Id != exceptUserId, ct))
            {
                problems.Add(new("OfficerId", $"Officer: {officer.Id} already has an account; one account per officer, so that every act has one author."));
            }
        }

        return problems;
    }

    /// <summary>Sixteen characters from an alphabet with no look-alikes, in groups of four.</summary>
    private static string OneTimePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var raw = System.Security.Cryptography.RandomNumberGenerator.GetString(alphabet, 16);
        return string.Join('-', raw.Chunk(4).Select(c => new string(c)));
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Account change failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
