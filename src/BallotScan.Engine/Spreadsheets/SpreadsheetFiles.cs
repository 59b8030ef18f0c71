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

    /// <summary>The worksheets of a .csv, .txt, .xlsx or .xls file; null for another kind of file.</summary>
    /// <exception cref="Problems.FileProblemException">A workbook that cannot be read.</exception>
    public static IReadOnlyList<Worksheet>? Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".csv" or ".txt":
                return [new Worksheet(Path.GetFileName(path), Reconciliation.HandTally.CsvRecords(DecodeText(File.ReadAllBytes(path))))];
            case ".xlsx" or ".xls":
                try
                {
                    return Workbook(path);
                }
                catch (Exception e) when (e is IOException or ExcelDataReader.Exceptions.ExcelReaderException or System.Xml.XmlException or NotSupportedException)
                {
                    throw new Problems.FileProblemException(Problems.FileProblem.Of(FileProblemCode.UnreadableWorkbook, ("file", Path.GetFileName(path)), ("why", e.Message)), e);
                }

            default:
                return null;
        }
    }

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
        using var stream = File.OpenRead(path);
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

    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), // a date cell, as a date
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e9 => ((long)d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

}
