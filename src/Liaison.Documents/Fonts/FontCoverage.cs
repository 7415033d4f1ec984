using System.Buffers.Binary;

namespace Liaison.Documents.Fonts;

/// <summary>
/// Which characters a TrueType font (or one face of a collection) has a glyph for, read from its cmap table (formats 4
/// and 12). The layout picks, for each character, the first font that covers it, and reports any character none
/// covers, so that no text is ever printed as the empty box of a missing glyph.
/// </summary>
public sealed class FontCoverage
{
    private readonly HashSet<int> _codePoints;

    private FontCoverage(HashSet<int> codePoints) => _codePoints = codePoints;

    public int Count => _codePoints.Count;

    public bool Covers(int codePoint) => _codePoints.Contains(codePoint);

    /// <summary>Reads the cmap of <paramref name="font"/>; <paramref name="face"/> picks the face of a collection (.ttc).</summary>
    public static FontCoverage Read(ReadOnlySpan<byte> font, int face = 0)
    {
        var start = 0;
        if (IsCollection(font))
        {
            var faces = (int)U32(font, 8);
            if (face < 0 || face >= faces)
            {
                throw new ArgumentOutOfRangeException(nameof(face), $"The collection has {faces} faces.");
            }

            start = (int)U32(font, 12 + (4 * face));
        }

        var tables = U16(font, start + 4);
        for (var i = 0; i < tables; i++)
        {
            var record = start + 12 + (16 * i);
            if (font.Slice(record, 4).SequenceEqual("cmap"u8))
            {
                return new FontCoverage(ReadCmap(font, (int)U32(font, record + 8)));
            }
        }

        throw new InvalidDataException("The font has no cmap table.");
    }

    public static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && font[..4].SequenceEqual("ttcf"u8);

    /// <summary>
    /// One face of a TrueType collection as a font file of its own (PDFsharp embeds single fonts): its table directory
    /// and the tables it points to, copied 4-byte aligned with the offsets rewritten.
    /// </summary>
    public static byte[] ExtractFace(ReadOnlySpan<byte> collection, int face)
    {
        var start = (int)U32(collection, 12 + (4 * face));
        var tables = U16(collection, start + 4);
        var records = new List<(int Record, int Offset, int Length)>();
        for (var i = 0; i < tables; i++)
        {
            var record = start + 12 + (16 * i);
            records.Add((record, (int)U32(collection, record + 8), (int)U32(collection, record + 12)));
        }

        var size = 12 + (16 * tables) + records.Sum(r => (r.Length + 3) & ~3);
        var font = new byte[size];
        collection.Slice(start, 12 + (16 * tables)).CopyTo(font);
        var at = 12 + (16 * tables);
        for (var i = 0; i < tables; i++)
        {
            var (_, offset, length) = records[i];
            collection.Slice(offset, length).CopyTo(font.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(12 + (16 * i) + 8, 4), (uint)at);
            at += (length + 3) & ~3;
        }

        return font;
    }

    private static HashSet<int> ReadCmap(ReadOnlySpan<byte> font, int cmap)
    {
        var codePoints = new HashSet<int>();
        var subtables = U16(font, cmap + 2);
        int best = -1, bestFormat = 0;
        for (var i = 0; i < subtables; i++)
        {
            var platform = U16(font, cmap + 4 + (8 * i));
            var encoding = U16(font, cmap + 6 + (8 * i));
            var offset = cmap + (int)U32(font, cmap + 8 + (8 * i));
            var format = U16(font, offset);
            var unicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
            if (unicode && (format == 12 || (format == 4 && bestFormat != 12)))
            {
                best = offset;
                bestFormat = format;
            }
        }

        if (best < 0)
        {
            throw new InvalidDataException("The font has no Unicode cmap (format 4 or 12).");
        }

        if (bestFormat == 12)
        {
            var groups = (int)U32(font, best + 12);
            for (var g = 0; g < groups; g++)
            {
                var at = best + 16 + (12 * g);
                var first = (int)U32(font, at);
                var last = (int)U32(font, at + 4);
                var glyph = (int)U32(font, at + 8);
                for (var c = first; c <= last; c++)
                {
                    if (glyph + (c - first) != 0)
                    {
                        codePoints.Add(c);
                    }
                }
            }

            return codePoints;
        }

        var segments = U16(font, best + 6) / 2;
        var ends = best + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var rangeOffsets = deltas + (2 * segments);
        for (var s = 0; s < segments; s++)
        {
            int end = U16(font, ends + (2 * s)), first = U16(font, starts + (2 * s));
            var delta = (short)U16(font, deltas + (2 * s));
            int rangeOffset = U16(font, rangeOffsets + (2 * s));
            for (var c = first; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    var glyphAt = rangeOffsets + (2 * s) + rangeOffset + (2 * (c - first));
                    glyph = U16(font, glyphAt);
                    glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                }

                if (glyph != 0)
                {
                    codePoints.Add(c);
                }
            }
        }

        return codePoints;
    }

    private static ushort U16(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt16BigEndian(b.Slice(at, 2));

    private static uint U32(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b.Slice(at, 4));
}
