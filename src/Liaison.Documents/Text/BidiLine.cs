using System.Text;

namespace Liaison.Documents.Text;

/// <summary>
/// Orders one line of text for display, after the Unicode Bidirectional Algorithm's rules for the text Liaison prints
/// (no explicit embeddings): right-to-left letters, left-to-right letters, European digits with the separators between
/// them, and neutrals that take the direction of the strong text around them or else the paragraph's. The result is
/// drawn left to right; brackets in right-to-left runs are mirrored.
/// </summary>
public static class BidiLine
{
    private enum Kind
    {
        Right,
        Left,
        Number,
        Neutral,
    }

    public static bool HasRightToLeft(string text) => text.Any(ArabicShaping.IsArabic);

    /// <summary>The characters of <paramref name="line"/> (logical order) in display order, left to right.</summary>
    public static string Visual(string line, bool rightToLeft)
    {
        if (!rightToLeft && !HasRightToLeft(line))
        {
            return line;
        }

        var kinds = line.Select(Classify).ToArray();

        // W4: one separator between two numbers is part of the number (2026-03-04, 09:00, 1-855-448-6903).
        for (var i = 1; i < kinds.Length - 1; i++)
        {
            if (kinds[i] == Kind.Neutral && line[i] is '-' or ':' or '.' or ',' or '/' && kinds[i - 1] == Kind.Number && kinds[i + 1] == Kind.Number)
            {
                kinds[i] = Kind.Number;
            }
        }

        // W7: digits whose nearest strong letter before them is left-to-right are left-to-right (I-247A stays whole).
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.Number && (StrongBefore(kinds, i) ?? (rightToLeft ? Kind.Right : Kind.Left)) == Kind.Left)
            {
                kinds[i] = Kind.Left;
            }
        }

        var paragraph = rightToLeft ? 1 : 0;
        var levels = new int[line.Length];
        for (var i = 0; i < line.Length; i++)
        {
            levels[i] = kinds[i] switch
            {
                Kind.Right => 1,
                Kind.Left => paragraph == 1 ? 2 : 0,
                Kind.Number => 2, // digits after right-to-left text, or at the start of a right-to-left paragraph
                _ => -1,
            };
        }

        // N1/N2: a run of neutrals between strong text of one direction takes it (numbers count as right-to-left);
        // otherwise the paragraph's direction.
        for (var i = 0; i < line.Length; i++)
        {
            if (levels[i] >= 0)
            {
                continue;
            }

            var end = i;
            while (end < line.Length && levels[end] < 0)
            {
                end++;
            }

            var before = i == 0 ? paragraph == 1 : IsRightward(kinds[i - 1]);
            var after = end == line.Length ? paragraph == 1 : IsRightward(kinds[end]);
            var level = before == after ? (before ? 1 : (paragraph == 1 ? 2 : 0)) : paragraph;
            for (var j = i; j < end; j++)
            {
                levels[j] = level;
            }

            i = end - 1;
        }

        // L2: reverse every run at or above each level, from the highest down to the lowest odd level.
        var chars = line.ToCharArray();
        for (var level = levels.Max(); level >= 1; level--)
        {
            for (var i = 0; i < chars.Length; i++)
            {
                if (levels[i] < level)
                {
                    continue;
                }

                var end = i;
                while (end < chars.Length && levels[end] >= level)
                {
                    end++;
                }

                Array.Reverse(chars, i, end - i);
                Array.Reverse(levels, i, end - i);
                i = end;
            }
        }

        var visual = new StringBuilder(chars.Length);
        for (var i = 0; i < chars.Length; i++)
        {
            visual.Append(levels[i] % 2 == 1 ? Mirror(chars[i]) : chars[i]);
        }

        return visual.ToString();
    }

    private static bool IsRightward(Kind kind) => kind is Kind.Right or Kind.Number;

    private static Kind? StrongBefore(Kind[] kinds, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (kinds[j] is Kind.Right or Kind.Left)
            {
                return kinds[j];
            }
        }

        return null;
    }

    private static Kind Classify(char c) =>
        ArabicShaping.IsArabic(c) && !(c is >= '\u0660' and <= '\u0669') ? Kind.Right
        : c is >= '0' and <= '9' ? Kind.Number
        : char.IsLetter(c) ? Kind.Left
        : Kind.Neutral;

    private static char Mirror(char c) => c switch
    {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '{' => '}',
        '}' => '{',
        _ => c,
    };
}
