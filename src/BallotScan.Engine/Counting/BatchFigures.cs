using BallotScan.Engine.Recognition;
using BallotScan.Engine.Problems;

namespace BallotScan.Engine.Counting;

/// <summary>
/// What came back from one batch (批次: a ballot box or a scanner run): its sheets and what became of them, and, when the
/// ballots issued for that box were entered, whether as many came back.
/// </summary>
/// <param name="Batch">The batch's name.</param>
/// <param name="Sheets">Sheet images of the batch.</param>
/// <param name="Counted">Ballots counted (valid on some contest).</param>
/// <param name="Void">Ballots void as a whole.</param>
/// <param name="Pending">Sheets still waiting for the scrutineers.</param>
/// <param name="SetAside">Sheets not counted (not a ballot, another election, the same file again, a rescan set aside).</param>
/// <param name="Issued">Ballots issued for this box (发出), when entered.</param>
public sealed record BatchFigures(string Batch, int Sheets, int Counted, int Void, int Pending, int SetAside, int? Issued)
{
    /// <summary>Ballots that came back: counted, void or still waiting (a set-aside sheet is not a ballot of this box).</summary>
    public int Returned => Counted + Void + Pending;

    /// <summary>Ballots issued but not come back (negative: more came back than were issued); null without the issued figure.</summary>
    public int? Missing => Issued - Returned;

    /// <summary>
    /// One line per batch, in the order the batches first appear among the sheets, from the sheets' batch names and their
    /// cast-vote records; <paramref name="issued"/> gives the ballots issued per batch name, where entered. A sheet without a
    /// batch is in the batch named "" (shown as 未分批).
    /// </summary>
    public static IReadOnlyList<BatchFigures> Of(IReadOnlyList<SheetInterpretation> sheets, IReadOnlyList<CastVoteRecord> records, IReadOnlyDictionary<string, int>? issued = null)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(records);
        var status = records.GroupBy(r => r.Sheet, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        return [.. sheets.DistinctBy(s => s.SheetId).GroupBy(s => s.Batch ?? string.Empty, StringComparer.Ordinal).Select(g =>
        {
            var of = g.Select(s => status.GetValueOrDefault(s.SheetId, SheetStatus.Pending)).ToList();
            return new BatchFigures(g.Key, of.Count, of.Count(x => x == SheetStatus.Counted), of.Count(x => x == SheetStatus.Void),
                of.Count(x => x == SheetStatus.Pending), of.Count(x => x == SheetStatus.NotCounted), issued is not null && issued.TryGetValue(g.Key, out var n) ? n : null);
        })];
    }
}

/// <summary>The ballots issued per box (发出), as the venue's record gives them: a table with 批次 and 发出 columns.</summary>
public static class BallotsIssued
{
    private static readonly string[] s_batch = ["批次", "票箱", "batch"];
    private static readonly string[] s_issued = ["发出", "发出选票", "发票数", "issued"];

    /// <summary>Batch name → ballots issued, from a .csv (UTF-8 or GB18030), .xlsx or .xls file with a header row wherever it is.</summary>
    /// <exception cref="Problems.FileProblemException">No such table in the file, or a number that is not one; the row is named.</exception>
    public static IReadOnlyDictionary<string, int> Read(string path)
    {
        var sheets = Spreadsheets.SpreadsheetFiles.Read(path) ?? throw new Problems.FileProblemException(FileProblemCode.NotATable, ("file", Path.GetFileName(path)));
        foreach (var sheet in sheets)
        {
            var rows = sheet.Rows;
            var header = Enumerable.Range(0, rows.Count).FirstOrDefault(i => Spreadsheets.SpreadsheetFiles.Column(rows[i], s_batch) >= 0 && Spreadsheets.SpreadsheetFiles.Column(rows[i], s_issued) >= 0, -1);
            if (header < 0)
            {
                continue;
            }

            var (b, n) = (Spreadsheets.SpreadsheetFiles.Column(rows[header], s_batch), Spreadsheets.SpreadsheetFiles.Column(rows[header], s_issued));
            var issued = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = header + 1; i < rows.Count; i++)
            {
                string At(int k) => k < rows[i].Count ? Spreadsheets.SpreadsheetFiles.Clean(rows[i][k]) : string.Empty;
                if (At(b).Length == 0)
                {
                    continue;
                }

                issued[At(b)] = int.TryParse(At(n).TrimEnd('张'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
                    ? count : throw new Problems.FileProblemException(FileProblemCode.NotABallotCount, ("file", Path.GetFileName(path)), ("row", i + 1), ("text", At(n)));
            }

            return issued;
        }

        throw new Problems.FileProblemException(FileProblemCode.NoBatchColumns, ("file", Path.GetFileName(path)));
    }
}

/// <summary>Puts sheets into their batches: each image file's place in its batch, in the order the files come (scan order).</summary>
public static class Batching
{
    /// <summary>
    /// The sheets with <see cref="SheetInterpretation.Batch"/> from <paramref name="batchOf"/> (given the sheet's source) and
    /// <see cref="SheetInterpretation.BatchPosition"/> the source file's place among its batch's files, in the order given.
    /// </summary>
    public static IReadOnlyList<SheetInterpretation> Assign(IReadOnlyList<SheetInterpretation> sheets, Func<string?, string> batchOf)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(batchOf);
        var positions = new Dictionary<(string Batch, string Source), int>();
        var next = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. sheets.Select(s =>
        {
            var batch = batchOf(s.Source);
            var key = (batch, s.Source ?? s.SheetId);
            if (!positions.TryGetValue(key, out var position))
            {
                positions[key] = position = next[batch] = next.GetValueOrDefault(batch) + 1;
            }

            return s with { Batch = batch, BatchPosition = position };
        })];
    }
}
