using BallotScan.Engine.Reconciliation;

namespace BallotScan.Engine.Audit;

/// <summary>An auditor's finding on one sampled sheet: the image agrees with what was counted, or not.</summary>
public enum SpotCheckFinding
{
    /// <summary>Not looked at yet.</summary>
    Open,

    Agree,

    Disagree,
}

/// <summary>One line of a spot-check: the sheet drawn, in draw order, and the auditor's finding with a note.</summary>
public sealed record SpotCheckEntry(int Order, string Sheet, string File, SpotCheckFinding Finding, string Note);

/// <summary>
/// The spot-check record (spot-check.csv): written blank by `audit sample` in the order drawn, filled in by the auditor
/// (agree / disagree, or 一致 / 不一致, and a note), read back for the summary.
/// </summary>
public static class SpotCheck
{
    public const string Header = "order,sheet,file,finding (agree / disagree),note";

    public static string Blank(IEnumerable<(string Sheet, string File)> drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        return Header + "\n" + string.Concat(drawn.Select((d, i) => $"{i + 1},{d.Sheet},{HandTally.CsvField(d.File)},,\n"));
    }

    /// <summary>Reads a filled-in record; a finding that is neither agree nor disagree is an error naming its row.</summary>
    public static IReadOnlyList<SpotCheckEntry> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new List<SpotCheckEntry>();
        var rows = HandTally.CsvRecords(csv.TrimStart('\uFEFF'));
        for (var i = 1; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.Count < 2 || string.IsNullOrWhiteSpace(r[1]))
            {
                continue;
            }

            string Field(int k) => k < r.Count ? r[k].Trim() : string.Empty;
            var finding = Field(3).ToLowerInvariant() switch
            {
                "" => SpotCheckFinding.Open,
                "agree" or "一致" or "y" or "yes" => SpotCheckFinding.Agree,
                "disagree" or "不一致" or "n" or "no" => SpotCheckFinding.Disagree,
                var other => throw new FormatException($"row {i + 1}: '{other}' is neither agree nor disagree (一致 / 不一致)."),
            };
            entries.Add(new SpotCheckEntry(int.TryParse(Field(0), out var order) ? order : i, Field(1), Field(2), finding, Field(4)));
        }

        return entries;
    }
}
