using System.Globalization;
using CsvHelper;

namespace BallotScan.Engine.Spreadsheets;

/// <summary>
/// Delimited text tables through CsvHelper: read as Excel and WPS save them (comma-separated "CSV", or Excel's tab-separated
/// "Unicode 文本"; the text already decoded by <see cref="SpreadsheetFiles.DecodeText"/>), written as RFC 4180 with commas,
/// a field quoted where it holds a comma, a quote, a line break or spaces at an end.
/// </summary>
public static class CsvTable
{
    /// <summary>The records of <paramref name="text"/>, each a list of its fields; tab-separated when its first line has a tab and no comma.</summary>
    public static List<List<string>> Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF');
        var firstLine = text.AsSpan(0, text.IndexOfAny(['\r', '\n']) is >= 0 and var end ? end : text.Length);
        var separator = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            Mode = CsvMode.Rfc4180,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = false,
            TrimWhitespace = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow, // a filled-in form's rows need not all be as long
            MalformedData = CsvMalformedDataHandling.Recover, // a stray quote inside a field is kept as written, as Excel reads it
        };
        var records = new List<List<string>>();
        using var reader = CsvReader.FromText(text, options);
        while (reader.Read())
        {
            var record = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                record.Add(reader.GetString(i));
            }

            records.Add(record);
        }

        return records;
    }

    /// <summary>
    /// The rows as CSV text (lines ended by "\n", no byte order mark: the caller adds one for Excel); a null field is empty.
    /// </summary>
    public static string Write(IEnumerable<IEnumerable<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = CsvWriter.Create(text, new CsvWriterOptions { Separator = ',', NewLine = "\n", Quoting = CsvQuoting.WhenNeededOrWhitespace, Injection = CsvInjection.None }, leaveOpen: true))
        {
            foreach (var row in rows)
            {
                writer.WriteRecord([.. row.Select(f => f ?? string.Empty)]);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// A text field of a table only people read, kept as text in a spreadsheet: one that Excel would take for a formula (=, +, -, @
    /// first: a name or a reason typed at the station) gets a leading apostrophe. Not for tables read back (result.csv, the
    /// hand-tally form), where the apostrophe would become part of a name.
    /// </summary>
    public static string? AsText(string? field) => field is { Length: > 0 } && "=+-@".Contains(field[0], StringComparison.Ordinal) ? "'" + field : field;
}
