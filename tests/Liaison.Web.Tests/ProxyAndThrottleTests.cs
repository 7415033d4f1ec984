using System.Net;
using Liaison.Web.Security;
using NodaTime;
using NodaTime.Testing;

namespace Liaison.Web.Tests;

/// <summary>
/// Behind a TLS proxy: the client's address and scheme come only from the configured proxies; sign-in guessing
/// slows the guesser's address, never the member of staff signing in from theirs.
/// </summary>
public sealed class ProxyAndThrottleTests
{
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task AnOutsiderGuessingTheAdministratorsPassword_DoesNotLockTheAdministratorOut()
    {
        await using var app = await TestApp.StartAsync(f => f.TrustedProxies = Proxy);
        using var outsider = ViaProxy(app, "203.0.113.7");
        for (var i = 0; i < 30; i++)
        {
            await outsider.PostFormAsync("/account/sign-in", new() { ["UserName"] = "admin", ["Password"] = $"guess number {i}" });
        }

        var refused = await outsider.PostFormAsync("/account/sign-in", new() { ["UserName"] = "admin", ["Password"] = LiaisonWebFactory.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many failed sign-ins", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var staff = ViaProxy(app, "198.51.100.20");
        var password = await staff.PostFormAsync("/account/sign-in", new() { ["UserName"] = "admin", ["Password"] = LiaisonWebFactory.Password });
        var code = await staff.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("admin") });
        Assert.Equal("/account/code", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_FromAnUntrustedPeer_AreIgnored()
    {
        await using var app = await TestApp.StartAsync(f => f.TrustedProxies = Proxy);
        // An outsider connecting directly claims to be the administrator's workstation.
        using var outsider = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        outsider.Headers.Add(TestPeer.Header, "203.0.113.9");
        outsider.Headers.Add("X-Forwarded-For", "198.51.100.20");
        outsider.Headers.Add("X-Forwarded-Proto", "https");
        for (var i = 0; i < 8; i++)
        {
            await outsider.PostFormAsync("/account/sign-in", new() { ["UserName"] = "admin", ["Password"] = $"guess number {i}" });
        }

        Assert.False((await outsider.GetAsync("/account/sign-in")).Headers.Contains("Strict-Transport-Security")); // its X-Forwarded-Proto ignored

        using var proxied = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        proxied.Headers.Add(TestPeer.Header, Proxy);
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        Assert.True((await proxied.GetAsync("/account/sign-in")).Headers.Contains("Strict-Transport-Security")); // the proxy's honoured

        using var staff = ViaProxy(app, "198.51.100.20");
        var password = await staff.PostFormAsync("/account/sign-in", new() { ["UserName"] = "admin", ["Password"] = LiaisonWebFactory.Password });
        Assert.Equal("/account/code", password.Headers.Location?.OriginalString); // the outsider's failures were not counted against this address
    }

    [Fact]
    public async Task BehindTheTlsProxy_CookiesAreSecure_AndHstsIsSent()
    {
        await using var app = await TestApp.StartAsync(f => f.TrustedProxies = Proxy);
        using var client = ViaProxy(app, "198.51.100.20");

        await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        var signedIn = await client.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("moreno") });

        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("liaison=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("max-age=31536000", signedIn.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public void TheThrottle_CountsAccountFromAddress_Address_AndAccount_Separately()
    {
        var clock = new FakeClock(Instant.FromUtc(2026, 3, 2, 14, 0));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.AccountFromAddressAllowance; i++)
        {
            throttle.Failed("admin", "203.0.113.7");
        }

        Assert.Null(throttle.WaitBefore("admin", "203.0.113.7")); // the allowance is not yet used up
        throttle.Failed("admin", "203.0.113.7");
        Assert.Equal(Duration.FromSeconds(5), throttle.WaitBefore("admin", "203.0.113.7"));
        throttle.Failed("admin", "203.0.113.7");
        Assert.Equal(Duration.FromSeconds(10), throttle.WaitBefore("admin", "203.0.113.7")); // doubling
        Assert.Null(throttle.WaitBefore("admin", "198.51.100.20"));
        Assert.Null(throttle.WaitBefore("moreno", "203.0.113.7"));

        // Guessing from many addresses still slows the account, after a hundred failures.
        for (var i = 0; i <= SignInThrottle.AccountAllowance; i++)
        {
            throttle.Failed("park", $"192.0.2.{i % 200}");
        }

        Assert.NotNull(throttle.WaitBefore("park", "198.51.100.99"));
        throttle.Succeeded("admin", "203.0.113.7");
        Assert.Null(throttle.WaitBefore("admin", "203.0.113.7"));

        clock.Advance(Duration.FromHours(2)); // an hour with no failures forgets the counts
        throttle.Failed("park", "198.51.100.99");
        Assert.Null(throttle.WaitBefore("park", "198.51.100.99"));
    }

    private static PageClient ViaProxy(LiaisonWebFactory app, string clientAddress)
    {
        // The browser speaks https to the proxy, so it sends Secure cookies back.
        var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") }));
        client.Headers.Add(TestPeer.Header, Proxy);
        client.Headers.Add("X-Forwarded-For", clientAddress);
        client.Headers.Add("X-Forwarded-Proto", "https");
        return client;
    }
}
