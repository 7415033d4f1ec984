using Microsoft.AspNetCore.Identity;

namespace Liaison.Data.Identity;

/// <summary>
/// Refuses the passwords guessers try first (NIST SP 800-63B 5.1.1.2: check against commonly used values): the
/// list shipped as <c>common-passwords.txt</c> with digits, symbols and letter swaps stripped, repeated patterns,
/// runs on the keyboard or alphabet, and the account's own names. Length (12) is Identity's own rule.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<LiaisonUser>
{
    public const string Code = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Common = new(LoadList);

    private static readonly string[] Runs = ["abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "0987654321", "zyxwvutsrqponmlkjihgfedcba"];

    public Task<IdentityResult> ValidateAsync(UserManager<LiaisonUser> manager, LiaisonUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(Problem(password ?? "", user.UserName, user.DisplayName) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = problem })
            : IdentityResult.Success);
    }

    /// <summary>Why <paramref name="password"/> is too easy to guess, or null.</summary>
    public static string? Problem(string password, string? userName, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.ToLowerInvariant();
        var core = Core(lower);
        if (core.Length == 0 || Common.Value.Contains(core) || Common.Value.Contains(lower) || Common.Value.Contains(Unswap(lower)))
        {
            return "it is one of the passwords guessers try first; choose a phrase of several unrelated words";
        }

        if (IsRepeated(lower) || IsRepeated(core) || IsRun(core) || IsRun(lower))
        {
            return "it is a repeated pattern or a run of keys; choose a phrase of several unrelated words";
        }

        foreach (var name in (string?[])[userName, .. (displayName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)])
        {
            if (name is { Length: >= 3 } && lower.Contains(name.ToLowerInvariant(), StringComparison.Ordinal) && core.Length - name.Length < 8)
            {
                return "it is mostly the account's own name; choose a phrase of several unrelated words";
            }
        }

        return null;
    }

    /// <summary>Lower case, letter swaps undone, digits and symbols stripped from both ends.</summary>
    private static string Core(string lower) => Unswap(lower.Trim(" 0123456789!@#$%^&*()_+-=.,?~`'\"[]{}<>/\\|;:".ToCharArray()))
        .Trim("0123456789!@#$%^&*()_+-=.,?~ ".ToCharArray());

    private static string Unswap(string text) => string.Create(text.Length, text, (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = t[i] switch
            {
                '@' or '4' => 'a',
                '0' => 'o',
                '1' or '!' => 'i',
                '3' => 'e',
                '5' or '$' => 's',
                '7' => 't',
                var c => c,
            };
        }
    }).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>"aaaaaaaaaaaa", "abcabcabcabc", "12121212": a unit of up to four characters over and over.</summary>
    private static bool IsRepeated(string text)
    {
        for (var unit = 1; unit <= Math.Min(4, text.Length / 2); unit++)
        {
            var repeated = true;
            for (var i = unit; i < text.Length && repeated; i++)
            {
                repeated = text[i] == text[i % unit];
            }

            if (repeated && text.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Wholly a run along a keyboard row, the alphabet or the digits (possibly wrapping, e.g. "1234567890123").</summary>
    private static bool IsRun(string text) =>
        text.Length > 0 && Runs.Any(run => (run + run + run).Contains(text, StringComparison.Ordinal));

    private static HashSet<string> LoadList()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("Liaison.Data.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim());
            }
        }

        return set;
    }
}
