using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Elections;

/// <summary>
/// A list of names an office keeps (自荐人、登记参选人, or the eligible villagers): names only, for completing the names the
/// scrutineers type where nobody is listed. Read from a workbook or CSV: the column headed 姓名 (or, with no such header,
/// the first column), each name in its one normal form (<see cref="PersonName"/>), each once, in the list's order.
/// Nothing else of the list is read or kept.
/// </summary>
public static class NameList
{
    /// <summary>The most names a list gives (a county's register is not a village's list).</summary>
    public const int MaxNames = 10_000;

    private static readonly string[] s_name = ["姓名", "名字", "候选人", "候选人姓名", "name"];

    /// <summary>The names of <paramref name="path"/>.</summary>
    /// <exception cref="ElectionDefinitionException">The file is no readable list, or holds no name.</exception>
    public static IReadOnlyList<string> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var sheets = CandidateList.Sheets(path);
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sheet in sheets)
        {
            var rows = sheet.Rows;
            var header = Enumerable.Range(0, rows.Count).FirstOrDefault(i => SpreadsheetFiles.Column(rows[i], s_name) >= 0, -1);
            var column = header >= 0 ? SpreadsheetFiles.Column(rows[header], s_name) : 0;
            foreach (var row in rows.Skip(header + 1))
            {
                if (column < row.Count && PersonName.Normalise(SpreadsheetFiles.Clean(row[column])) is { Length: <= ElectionValidator.MaxNameLength } name
                    && !name.Any(char.IsAsciiDigit) && seen.Add(name) && names.Count < MaxNames)
                {
                    names.Add(name);
                }
            }
        }

        return names.Count > 0 ? names
            : throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.NoNames, "-", ("file", Path.GetFileName(path)))]);
    }
}
