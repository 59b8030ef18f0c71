using System.Globalization;
using System.Text;
using ExcelDataReader;
using BallotScan.Engine.Problems;

namespace BallotScan.Engine.Spreadsheets;

/// <summary>One worksheet of a file people bring (a workbook's sheet, or a whole CSV): its name and its cells, row by row, as text.</summary>
public sealed record Worksheet(string Name, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// Tables as office workers save them: CSV in UTF-8 or GB18030 (Excel and WPS on Chinese Windows), workbooks (.xlsx, .xls,
/// through ExcelDataReader) with any number of sheets; cells compared in one folded form.
/// </summary>
public static class SpreadsheetFiles
{
    static SpreadsheetFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The largest table file read, in bytes: a candidate list, a hand tally or a names list is a few hundred KB.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>
    /// The most a workbook (.xlsx, a zip) may hold once unpacked, all its parts together: checked on its directory before
    /// anything is inflated, and again while inflating (a directory may understate), so that a small file that inflates to
    /// gigabytes is refused in bounded memory.
    /// </summary>
    public const long MaxUnpackedBytes = 32L * 1024 * 1024;

    /// <summary>The worksheets of a .csv, .txt, .xlsx or .xls file; null for another kind of file.</summary>
    /// <exception cref="Problems.FileProblemException">A file too large, or a workbook that cannot be read.</exception>
    public static IReadOnlyList<Worksheet>? Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".txt" or ".xlsx" or ".xls"))
        {
            return null;
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw TooLarge(path, MaxFileBytes);
        }

        if (extension is ".csv" or ".txt")
        {
            return [new Worksheet(Path.GetFileName(path), CsvTable.Read(DecodeText(File.ReadAllBytes(path))))];
        }

        try
        {
            return Workbook(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ExcelDataReader.Exceptions.ExcelReaderException or System.Xml.XmlException or NotSupportedException)
        {
            throw new Problems.FileProblemException(Problems.FileProblem.Of(FileProblemCode.UnreadableWorkbook, ("file", Path.GetFileName(path)), ("why", e.Message)), e);
        }
    }

    private static Problems.FileProblemException TooLarge(string path, long limit) =>
        new(Problems.FileProblem.Of(FileProblemCode.TableTooLarge, ("file", Path.GetFileName(path)), ("limitMb", (limit / (1024 * 1024)).ToString(CultureInfo.InvariantCulture))));

    /// <summary>The first column of <paramref name="row"/> whose header is one of <paramref name="names"/> (spaces ignored, any case); -1 when none is.</summary>
    public static int Column(IReadOnlyList<string> row, string[] names)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(names);
        for (var i = 0; i < row.Count; i++)
        {
            var cell = Clean(row[i]).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (names.Any(n => string.Equals(cell, n, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A cell as compared: compatibility forms folded (full-width digits and letters, 全角 punctuation) and trimmed.</summary>
    public static string Clean(string cell) => (cell ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();

    /// <summary>The text of a CSV file: UTF-8 (with or without its byte order mark), UTF-16 with its mark, else GB18030.</summary>
    public static string DecodeText(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith("\uFEFF"u8) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(54936).GetString(bytes); // GB18030, which covers GBK and GB2312
        }
    }

    /// <summary>Every sheet of a workbook (.xlsx or .xls), each cell as the text it shows.</summary>
    private static List<Worksheet> Workbook(string path)
    {
        var bytes = File.ReadAllBytes(path);
        // An .xlsx is a zip: its parts are unpacked here, within the bound, before the reader sees them. An .xls is not compressed.
        using var stream = bytes.AsSpan().StartsWith("PK"u8) ? Unpacked(bytes, path) : new MemoryStream(bytes, writable: false);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var tables = new List<Worksheet>();
        do
        {
            var rows = new List<IReadOnlyList<string>>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetValue(i)))]);
            }

            tables.Add(new Worksheet(reader.Name, rows));
        }
        while (reader.NextResult());
        return tables;
    }

    /// <summary>
    /// The workbook's zip written again, stored without compression, each part read through a count that stops at
    /// <see cref="MaxUnpackedBytes"/> for all of them together.
    /// </summary>
    private static MemoryStream Unpacked(byte[] bytes, string path)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes, writable: false), System.IO.Compression.ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            throw TooLarge(path, MaxUnpackedBytes);
        }

        var unpacked = new MemoryStream();
        using (var copy = new System.IO.Compression.ZipArchive(unpacked, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var from = entry.Open();
                using var to = copy.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.NoCompression).Open();
                int read;
                while ((read = from.Read(buffer)) > 0)
                {
                    total += read;
                    if (total > MaxUnpackedBytes)
                    {
                        throw TooLarge(path, MaxUnpackedBytes);
                    }

                    to.Write(buffer.AsSpan(0, read));
                }
            }
        }

        unpacked.Position = 0;
        return unpacked;
    }

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), // a date cell, as a date
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

}
