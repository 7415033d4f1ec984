using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Liaison.Data.Identity;

/// <summary>
/// The authenticator-app second factor for Identity, on the injected clock (Identity's own reads the system time,
/// which neither tests nor an audit replay can move).
/// </summary>
public sealed class AuthenticatorProvider(IClock clock) : IUserTwoFactorTokenProvider<LiaisonUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<LiaisonUser> manager, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<LiaisonUser> manager, LiaisonUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<LiaisonUser> manager, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        return !string.IsNullOrEmpty(key) && Totp.Verify(key, token, clock.GetCurrentInstant());
    }
}
