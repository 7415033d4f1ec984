using System.Net;
using Liaison.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Liaison.Web.Tests;

/// <summary>Password, then code: every account, every time; recovery codes; and guessing that slows only the guesser.</summary>
public sealed class SecondFactorTests
{
    [Fact]
    public async Task ARightPassword_AloneOpensNothing()
    {
        await using var app = await TestApp.StartAsync();
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        var password = await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        var queue = await client.GetAsync("/queue");

        Assert.Equal("/account/code", password.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.Contains("/account/sign-in", queue.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongCode_DoesNotSignIn_AndRepeatedWrongCodesMakeTheNextAttemptWait()
    {
        await using var app = await TestApp.StartAsync();
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        await client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = LiaisonWebFactory.Password });
        var wrong = (await app.CodeAsync("moreno")) == "123456" ? "654321" : "123456";

        var first = await client.PostFormAsync("/account/code", new() { ["Code"] = wrong });
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Contains("That code is not right", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/queue")).StatusCode);
        for (var i = 1; i < 6; i++)
        {
            await client.PostFormAsync("/account/code", new() { ["Code"] = wrong });
        }

        var waiting = await client.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("moreno") });
        Assert.Equal(HttpStatusCode.TooManyRequests, waiting.StatusCode); // even the right code waits
        Assert.NotNull(waiting.Headers.RetryAfter);

        app.Clock.Advance(Duration.FromSeconds(6));
        var after = await client.PostFormAsync("/account/code", new() { ["Code"] = await app.CodeAsync("moreno") });
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.AuditEntries, e => e.Action == "account.sign-in-throttled")));
    }

    [Fact]
    public async Task ANewAccount_Enrols_ThenARecoveryCodeSignsInOnce()
    {
        await using var app = await TestApp.StartAsync();
        await CreateAccountAsync(app, "quinn", Roles.Auditor);
        using var first = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
        var password = await first.PostFormAsync("/account/sign-in", new() { ["UserName"] = "quinn", ["Password"] = "a long enough passphrase" });
        Assert.Equal("/account/enrol", password.Headers.Location?.OriginalString);
        var page = await first.GetPageAsync("/account/enrol");
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal); // the QR code

        var codes = await app.EnrolAsync(first);

        Assert.Equal(10, codes.Count);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/audit")).StatusCode);
        foreach (var attempt in new[] { HttpStatusCode.Redirect, HttpStatusCode.Unauthorized })
        {
            using var again = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));
            await again.PostFormAsync("/account/sign-in", new() { ["UserName"] = "quinn", ["Password"] = "a long enough passphrase" });
            var recovery = await again.PostFormAsync("/account/code", new() { ["RecoveryCode"] = codes[0] }, "/account/code");
            Assert.Equal(attempt, recovery.StatusCode); // the second use of the same code is refused
        }
    }

    [Fact]
    public async Task UnknownUserNames_CostAPasswordHashLikeKnownOnes()
    {
        var counter = new CountingHasher();
        await using var app = await TestApp.StartAsync(f => f.ConfigureServices = s => s.AddSingleton<IPasswordHasher<LiaisonUser>>(counter));
        using var client = new PageClient(app.CreateClient(new() { AllowAutoRedirect = false }));

        var known = await Count(counter, () => client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "moreno", ["Password"] = "not the password" }));
        var unknown = await Count(counter, () => client.PostFormAsync("/account/sign-in", new() { ["UserName"] = "nobody-here", ["Password"] = "not the password" }));

        Assert.Equal(1, known);
        Assert.Equal(known, unknown);
    }

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2026!")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop12")]
    [InlineData("abcabcabcabc")]
    [InlineData("correct horse battery staple")]
    [InlineData("Sheriff2026!!")]
    [InlineData("quinnquinn12")]
    public void CommonPasswords_AreRefused(string password) =>
        Assert.NotNull(PasswordRules.Problem(password, "quinn", "Quinn Auditor"));

    [Theory]
    [InlineData("granite otter lantern velvet")]
    [InlineData("a long enough passphrase")]
    [InlineData("7 blue herons over tulsa")]
    public void UncommonPasswords_AreAccepted(string password) =>
        Assert.Null(PasswordRules.Problem(password, "quinn", "Quinn Auditor"));

    [Fact]
    public async Task TheAccountsPage_RefusesACommonPassword_NamingTheField()
    {
        await using var app = await TestApp.StartAsync();
        using var admin = await app.SignInAsync(Roles.Administrator);

        var response = await admin.PostFormAsync("/admin/users?handler=add", new() { ["UserName"] = "quinn", ["DisplayName"] = "Quinn", ["Role"] = Roles.Auditor, ["Password"] = "aaaaaaaaaaaa" }, "/admin/users");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Password: it is a repeated pattern", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    /// <summary>RFC 6238 appendix B, SHA-1 vectors (the last six digits of each eight-digit value).</summary>
    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Totp_MatchesTheRfcVectors(long unixSeconds, string code)
    {
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"
        var at = Instant.FromUnixTimeSeconds(unixSeconds);

        Assert.Equal(code, Totp.Code(key, at));
        Assert.True(Totp.Verify(key, code, at + Duration.FromSeconds(30))); // one step of drift
        Assert.False(Totp.Verify(key, code, at + Duration.FromSeconds(90)));
    }

    internal static async Task CreateAccountAsync(LiaisonWebFactory app, string userName, string role, string? officer = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(userName, userName, role, officer, "a long enough passphrase");
        Assert.True(created.Succeeded, string.Join("; ", created.Problems.Select(p => p.Message)));
    }

    private static async Task<int> Count(CountingHasher counter, Func<Task<HttpResponseMessage>> act)
    {
        var before = counter.Verifications;
        Assert.Equal(HttpStatusCode.Unauthorized, (await act()).StatusCode);
        return counter.Verifications - before;
    }

    private sealed class CountingHasher : IPasswordHasher<LiaisonUser>
    {
        private readonly PasswordHasher<LiaisonUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(LiaisonUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(LiaisonUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
