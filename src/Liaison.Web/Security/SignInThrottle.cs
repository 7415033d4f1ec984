using System.Collections.Concurrent;
using NodaTime;

namespace Liaison.Web.Security;

/// <summary>
/// Slows down password and code guessing without handing an outsider a way to lock staff out (NIST SP 800-63B
/// 5.2.2): failures are counted per account from one address, per address across accounts, and per account from
/// everywhere; past each count's free allowance the next attempt must wait, the wait doubling with each further
/// failure up to 15 minutes. Someone guessing the administrator's password from outside slows only their own
/// address; the administrator, signing in from their own, is not affected until a hundred failures from
/// everywhere. A correct sign-in clears its account's counts. Kept in memory: a restart forgets, which only
/// gives a guesser a fresh, still throttled, allowance.
/// </summary>
public sealed class SignInThrottle(IClock clock)
{
    /// <summary>Failures allowed before waits begin: one account from one address; one address; one account from everywhere.</summary>
    public const int AccountFromAddressAllowance = 5, AddressAllowance = 20, AccountAllowance = 100;

    private static readonly Duration FirstWait = Duration.FromSeconds(5);
    private static readonly Duration LongestWait = Duration.FromMinutes(15);

    /// <summary>Counts with no failure for this long are forgotten.</summary>
    private static readonly Duration Memory = Duration.FromHours(1);

    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Count> _counts = new(StringComparer.Ordinal);

    /// <summary>How long this attempt must wait, or null when it may go ahead.</summary>
    public Duration? WaitBefore(string account, string address)
    {
        var now = clock.GetCurrentInstant();
        Duration? wait = null;
        foreach (var (key, _) in Keys(account, address))
        {
            if (_counts.TryGetValue(key, out var count) && count.Until > now && (wait is null || count.Until - now > wait))
            {
                wait = count.Until - now;
            }
        }

        return wait;
    }

    public void Failed(string account, string address)
    {
        var now = clock.GetCurrentInstant();
        foreach (var (key, allowance) in Keys(account, address))
        {
            _counts.AddOrUpdate(key, _ => Next(new Count(0, now, now), allowance, now), (_, count) => Next(now - count.Last > Memory ? new Count(0, now, now) : count, allowance, now));
        }

        if (_counts.Count > PruneAbove)
        {
            foreach (var (key, count) in _counts)
            {
                if (now - count.Last > Memory)
                {
                    _counts.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>A full sign-in (password and code) clears the account's counts; the address keeps its own.</summary>
    public void Succeeded(string account, string address)
    {
        var keys = Keys(account, address);
        _counts.TryRemove(keys[0].Key, out _);
        _counts.TryRemove(keys[2].Key, out _);
    }

    private static Count Next(Count count, int allowance, Instant now)
    {
        var failures = count.Failures + 1;
        if (failures <= allowance)
        {
            return new Count(failures, now, count.Until);
        }

        var doublings = Math.Min(failures - allowance - 1, 16);
        var wait = Duration.FromTicks(Math.Min(FirstWait.BclCompatibleTicks << doublings, LongestWait.BclCompatibleTicks));
        return new Count(failures, now, now + wait);
    }

    private static (string Key, int Allowance)[] Keys(string account, string address)
    {
        var name = account.Trim().ToUpperInvariant();
        return [("pair\n" + name + "\n" + address, AccountFromAddressAllowance), ("address\n" + address, AddressAllowance), ("account\n" + name, AccountAllowance)];
    }

    private sealed record Count(int Failures, Instant Last, Instant Until);
}
