using System.Reflection;
using System.Text;

namespace Liaison.Domain;

/// <summary>Overrides the code an enum member is known by outside the program (default: its name in kebab-case).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class CodeAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>
/// The stable codes of Liaison's vocabulary, as the custody rules write them ("held-for-ice",
/// "warrant-not-signed-by-supervisor", "JEM"): used by the scenario runner, the web pages, the API
/// and the database alike, so a code means the same everywhere.
/// </summary>
public static class Codes
{
    public static string Of<T>(T value)
        where T : struct, Enum => Table<T>.ByValue[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)];

    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        if (code is not null && Table<T>.ByCode.TryGetValue(code, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every code of <typeparamref name="T"/>, in declaration order (for error messages and forms).</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Table<T>.ByValue;

    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly string[] ByValue = Build();
        public static readonly Dictionary<string, T> ByCode = Enum.GetValues<T>().ToDictionary(Of, v => v, StringComparer.Ordinal);

        private static string[] Build()
        {
            var values = Enum.GetValues<T>();
            var codes = new string[values.Length];
            foreach (var value in values)
            {
                var name = value.ToString();
                var field = typeof(T).GetField(name, BindingFlags.Public | BindingFlags.Static)!;
                var index = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                if (index < 0 || index >= values.Length)
                {
                    throw new InvalidOperationException($"{typeof(T).Name} must number its members 0..n-1 to have codes.");
                }

                codes[index] = field.GetCustomAttribute<CodeAttribute>()?.Code ?? KebabCase(name);
            }

            return codes;
        }

        private static string KebabCase(string name)
        {
            var sb = new StringBuilder(name.Length + 8);
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0)
                {
                    sb.Append('-');
                }

                sb.Append(char.ToLowerInvariant(name[i]));
            }

            return sb.ToString();
        }
    }
}
