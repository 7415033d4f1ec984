using System.Globalization;

namespace Liaison.Domain;

/// <summary>
/// Names and identifiers are plain text: no control characters (a NUL, a line break) and no invisible text-direction
/// marks (U+202E and friends), which can make "Dep. Smith" display as someone else or hide part of an id.
/// </summary>
public static class PlainText
{
    /// <summary>Why <paramref name="value"/> is not plain text; null when it is.</summary>
    public static string? Problem(string? value) =>
        value is not null && value.Any(IsHidden) ? "contains a control or text-direction character" : null;

    private static bool IsHidden(char c) =>
        char.IsControl(c)
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format && c is not '\u200D'; // keep the joiner some scripts need
}
