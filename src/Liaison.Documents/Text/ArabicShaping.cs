using System.Text;

namespace Liaison.Documents.Text;

/// <summary>
/// Arabic contextual shaping for a PDF library that draws one glyph per character: each letter is replaced by its
/// isolated, initial, medial or final presentation form (Unicode's Arabic Presentation Forms-B), and lam followed by an
/// alef becomes the obligatory lam-alef ligature. The text stays in logical order; <see cref="BidiLine"/> orders it for
/// display. Covers the letters of Modern Standard Arabic; other characters pass through unchanged.
/// </summary>
public static class ArabicShaping
{
    private enum Joining
    {
        None,
        Right, // joins only to the letter before it (alef, dal, reh, waw...)
        Dual,
        Causing, // tatweel
        Transparent, // harakat: ignored when deciding joins
    }

    // Letter → (joining, isolated form); the other forms follow the isolated one in the block (final, initial, medial).
    private static readonly Dictionary<char, (Joining Type, char Isolated)> Letters = new()
    {
        ['\u0621'] = (Joining.None, '\uFE80'),
        ['\u0622'] = (Joining.Right, '\uFE81'),
        ['\u0623'] = (Joining.Right, '\uFE83'),
        ['\u0624'] = (Joining.Right, '\uFE85'),
        ['\u0625'] = (Joining.Right, '\uFE87'),
        ['\u0626'] = (Joining.Dual, '\uFE89'),
        ['\u0627'] = (Joining.Right, '\uFE8D'),
        ['\u0628'] = (Joining.Dual, '\uFE8F'),
        ['\u0629'] = (Joining.Right, '\uFE93'),
        ['\u062A'] = (Joining.Dual, '\uFE95'),
        ['\u062B'] = (Joining.Dual, '\uFE99'),
        ['\u062C'] = (Joining.Dual, '\uFE9D'),
        ['\u062D'] = (Joining.Dual, '\uFEA1'),
        ['\u062E'] = (Joining.Dual, '\uFEA5'),
        ['\u062F'] = (Joining.Right, '\uFEA9'),
        ['\u0630'] = (Joining.Right, '\uFEAB'),
        ['\u0631'] = (Joining.Right, '\uFEAD'),
        ['\u0632'] = (Joining.Right, '\uFEAF'),
        ['\u0633'] = (Joining.Dual, '\uFEB1'),
        ['\u0634'] = (Joining.Dual, '\uFEB5'),
        ['\u0635'] = (Joining.Dual, '\uFEB9'),
        ['\u0636'] = (Joining.Dual, '\uFEBD'),
        ['\u0637'] = (Joining.Dual, '\uFEC1'),
        ['\u0638'] = (Joining.Dual, '\uFEC5'),
        ['\u0639'] = (Joining.Dual, '\uFEC9'),
        ['\u063A'] = (Joining.Dual, '\uFECD'),
        ['\u0641'] = (Joining.Dual, '\uFED1'),
        ['\u0642'] = (Joining.Dual, '\uFED5'),
        ['\u0643'] = (Joining.Dual, '\uFED9'),
        ['\u0644'] = (Joining.Dual, '\uFEDD'),
        ['\u0645'] = (Joining.Dual, '\uFEE1'),
        ['\u0646'] = (Joining.Dual, '\uFEE5'),
        ['\u0647'] = (Joining.Dual, '\uFEE9'),
        ['\u0648'] = (Joining.Right, '\uFEED'),
        ['\u0649'] = (Joining.Right, '\uFEEF'),
        ['\u064A'] = (Joining.Dual, '\uFEF1'),
    };

    // Lam + this alef → the ligature's isolated form (its final form is the next code point).
    private static readonly Dictionary<char, char> LamAlef = new()
    {
        ['\u0622'] = '\uFEF5',
        ['\u0623'] = '\uFEF7',
        ['\u0625'] = '\uFEF9',
        ['\u0627'] = '\uFEFB',
    };

    public static bool IsArabic(char c) => c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    public static string Shape(string text)
    {
        if (!text.Any(IsArabic))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!Letters.TryGetValue(c, out var letter))
            {
                result.Append(c);
                continue;
            }

            var joinsBefore = letter.Type is Joining.Right or Joining.Dual && JoinsForward(Before(text, i));
            if (c == '\u0644' && i + 1 < text.Length && LamAlef.TryGetValue(text[i + 1], out var ligature))
            {
                result.Append(joinsBefore ? (char)(ligature + 1) : ligature);
                i++;
                continue;
            }

            var joinsAfter = letter.Type == Joining.Dual && JoinsBackward(After(text, i));
            result.Append(letter.Type == Joining.None
                ? letter.Isolated
                : (joinsBefore, joinsAfter) switch
                {
                    (false, false) => letter.Isolated,
                    (true, false) => (char)(letter.Isolated + 1),
                    (false, true) => (char)(letter.Isolated + 2),
                    (true, true) => (char)(letter.Isolated + 3),
                });
        }

        return result.ToString();
    }

    private static Joining TypeOf(char c) =>
        Letters.TryGetValue(c, out var l) ? l.Type
        : c == '\u0640' ? Joining.Causing
        : c is (>= '\u064B' and <= '\u065F') or '\u0670' ? Joining.Transparent
        : Joining.None;

    private static Joining Before(string text, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (TypeOf(text[j]) is var t && t != Joining.Transparent)
            {
                return t;
            }
        }

        return Joining.None;
    }

    private static Joining After(string text, int i)
    {
        for (var j = i + 1; j < text.Length; j++)
        {
            if (TypeOf(text[j]) is var t && t != Joining.Transparent)
            {
                return t;
            }
        }

        return Joining.None;
    }

    private static bool JoinsForward(Joining before) => before is Joining.Dual or Joining.Causing;

    private static bool JoinsBackward(Joining after) => after is Joining.Dual or Joining.Right or Joining.Causing;
}
