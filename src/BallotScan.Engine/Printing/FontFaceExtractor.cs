using System.Buffers.Binary;

namespace BallotScan.Engine.Printing;

/// <summary>
/// Takes one face out of a TrueType collection (.ttc) as a standalone .ttf, so that PDF writers that embed only single
/// faces (PdfSharp) can use fonts Debian ships as collections, such as WenQuanYi Zen Hei.
/// </summary>
public static class FontFaceExtractor
{
    /// <summary>The bytes of face <paramref name="index"/> as a .ttf; a file that is already a single face is returned as it is.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a TrueType font or collection, or lack that face.</exception>
    public static byte[] ExtractFace(byte[] font, int index)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (font.Length < 12)
        {
            throw new InvalidDataException("The font file is too short.");
        }

        if (!font.AsSpan(0, 4).SequenceEqual("ttcf"u8))
        {
            return index == 0 ? font : throw new InvalidDataException($"The font is a single face; there is no face {index}.");
        }

        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(8));
        if (index < 0 || index >= count)
        {
            throw new InvalidDataException($"The collection has {count} faces; there is no face {index}.");
        }

        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(12 + (4 * index)));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(start + 4));
        var headerLength = 12 + (16 * tables);
        var records = new List<(int Record, int Offset, int Length)>();
        var total = headerLength;
        for (var t = 0; t < tables; t++)
        {
            var record = start + 12 + (16 * t);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12));
            if (offset < 0 || length < 0 || offset + (long)length > font.Length)
            {
                throw new InvalidDataException("A table of the face lies outside the file.");
            }

            records.Add((record, offset, length));
            total += (length + 3) & ~3;
        }

        var face = new byte[total];
        font.AsSpan(start, headerLength).CopyTo(face);
        var position = headerLength;
        for (var t = 0; t < records.Count; t++)
        {
            var (_, offset, length) = records[t];
            font.AsSpan(offset, length).CopyTo(face.AsSpan(position));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(12 + (16 * t) + 8), (uint)position);
            position += (length + 3) & ~3;
        }

        return face;
    }
}
