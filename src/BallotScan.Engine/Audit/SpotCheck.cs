using System.Globalization;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Audit;

/// <summary>A spot-check record the auditor wrote that cannot be used; <see cref="FileProblemException.Problem"/> says where and why (said by the edges).</summary>
public sealed class SpotCheckException(FileProblem problem) : FileProblemException(problem)
{
    public SpotCheckException(FileProblemCode code, params (string Name, object? Value)[] values)
        : this(FileProblem.Of(code, values))
    {
    }
}

/// <summary>An auditor's finding on one sampled sheet: the image agrees with what was counted, or not.</summary>
public enum SpotCheckFinding
{
    /// <summary>Not looked at yet.</summary>
    Open,

    Agree,

    Disagree,
}

/// <summary>
/// One line of a spot-check: the sheet drawn, in draw order, and the auditor's finding with a note. Against paper (the
/// default), the finding compares the paper ballot with what was counted, and the auditor also says whether the image is
/// the image of that paper; in the quick mode against the image only, the image is compared with what was counted.
/// </summary>
/// <param name="Order">Draw order (1 first).</param>
/// <param name="Sheet">The sheet id.</param>
/// <param name="File">Its image in the archive.</param>
/// <param name="Finding">Agree, disagree, or not looked at yet.</param>
/// <param name="Note">The auditor's note.</param>
/// <param name="AuditedMarks">
/// For a disagreement: what the paper (in the quick mode, the image) shows where it differs from what was counted, as
/// `box=symbol` pairs separated by `;` (symbols ○ × 空 √ ?, or circle, cross, blank, check, other); for a write-in cell
/// `box=name` with the symbol after the name (`member/w1=张三○`). Needed for the risk measurement.
/// </param>
/// <param name="ImageMatchesPaper">Against paper: whether the archived image is the image of the paper pulled (null: not said, or the quick mode).</param>
public sealed record SpotCheckEntry(int Order, string Sheet, string File, SpotCheckFinding Finding, string Note, string AuditedMarks = "", bool? ImageMatchesPaper = null);

/// <summary>
/// The spot-check record (spot-check.csv): written blank by `audit sample` in the order drawn, filled in by the auditor
/// (agree / disagree, or 一致 / 不一致, and a note), read back for the summary.
/// </summary>
public static class SpotCheck
{
    /// <summary>The record of the quick mode: each image compared with what was counted.</summary>
    public const string Header = "序号,选票,图像文件,结论（一致 / 不一致）,说明,核对所见（方框=符号；…）";

    /// <summary>The record against paper: in retrieval order, where each paper lies, what it shows, and whether the image is its image.</summary>
    public const string PaperHeader = "序号,选票,图像文件,批次,位置,页,结论（纸质选票与计票一致 / 不一致）,说明,纸质选票所见（方框=符号；…）,图像与纸质选票相符（是 / 否）";

    public static string Blank(IEnumerable<(string Sheet, string File)> drawn)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        return CsvTable.Write([Header.Split(','), .. drawn.Select((d, i) => new[] { (i + 1).ToString(CultureInfo.InvariantCulture), d.Sheet, d.File, null, null, null })]);
    }

    /// <summary>A blank record against paper, one line per paper to pull, in the retrieval list's order.</summary>
    public static string BlankForPaper(IEnumerable<RetrievalItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return CsvTable.Write([PaperHeader.Split(','), .. items.Select(r => new[]
        {
            r.Order.ToString(CultureInfo.InvariantCulture), r.Sheet, r.File, r.Batch, r.Position?.ToString(CultureInfo.InvariantCulture), r.Page.ToString(CultureInfo.InvariantCulture), null, null, null, null,
        })]);
    }

    /// <summary>
    /// Reads a filled-in record of either kind (told apart by its header); a finding that is neither agree nor disagree, or
    /// an answer on the image that is neither yes nor no, is an error naming its row.
    /// </summary>
    public static IReadOnlyList<SpotCheckEntry> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new List<SpotCheckEntry>();
        var rows = CsvTable.Read(csv);
        if (rows.Count == 0)
        {
            return entries;
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        // The header in Chinese (as written since), or in English (records written before).
        int Column(string chinese, string english, int otherwise) =>
            header.FindIndex(h => h.StartsWith(chinese, StringComparison.Ordinal) || h.StartsWith(english, StringComparison.Ordinal)) is >= 0 and var i ? i : otherwise;
        var paper = header.Any(h => h.StartsWith("批次", StringComparison.Ordinal) || h.StartsWith("batch", StringComparison.Ordinal));
        var (order, sheet, file, finding, note, marks, matches) = (Column("序号", "order", 0), Column("选票", "sheet", 1), Column("图像文件", "file", 2), Column("结论", "finding", 3),
            Column("说明", "note", 4), paper ? Column("纸质选票所见", "paper marks", 5) : Column("核对所见", "audited marks", 5), paper ? Column("图像与纸质", "image matches", -1) : -1);
        for (var i = 1; i < rows.Count; i++)
        {
            var r = rows[i];
            string Field(int k) => k >= 0 && k < r.Count ? r[k].Trim() : string.Empty;
            if (string.IsNullOrWhiteSpace(Field(sheet)))
            {
                continue;
            }

            var found = Field(finding).ToLowerInvariant() switch
            {
                "" => SpotCheckFinding.Open,
                "agree" or "一致" or "y" or "yes" => SpotCheckFinding.Agree,
                "disagree" or "不一致" or "n" or "no" => SpotCheckFinding.Disagree,
                var other => throw new SpotCheckException(FileProblemCode.NotAFinding, ("row", i + 1), ("text", other)),
            };
            bool? sameImage = Field(matches).ToLowerInvariant() switch
            {
                "" => null,
                "yes" or "y" or "是" or "一致" => true,
                "no" or "n" or "否" or "不一致" => false,
                var other => throw new SpotCheckException(FileProblemCode.NotYesOrNo, ("row", i + 1), ("text", other)),
            };
            entries.Add(new SpotCheckEntry(int.TryParse(Field(order), out var n) ? n : i, Field(sheet), Field(file), found, Field(note), Field(marks), sameImage));
        }

        return entries;
    }

    /// <summary>
    /// The auditor's reading of a sheet as decisions (box, or write-in with its name), to count the ballot again as the image
    /// shows it. Throws <see cref="SpotCheckException"/> naming the pair that cannot be read.
    /// </summary>
    public static IReadOnlyList<Adjudication> AuditedDecisions(SpotCheckEntry entry, BallotLayout layout, string auditor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(layout);
        var boxes = layout.AllBoxes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        var decisions = new List<Adjudication>();
        foreach (var pair in entry.AuditedMarks.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var named = at > 0 ? pair[..at].Trim() : string.Empty;
            if ((boxes.GetValueOrDefault(named) ?? BoxNamed(layout, named)) is not { } box)
            {
                throw new SpotCheckException(FileProblemCode.NoSuchBox, ("order", entry.Order), ("pair", pair));
            }

            var boxId = box.Id;

            var value = pair[(at + 1)..].Trim();
            if (box.Kind == BoxKind.WriteIn)
            {
                var symbol = value.Length > 0 ? Symbol(value[^1..]) : null;
                var name = symbol is null ? value : value[..^1].Trim();
                decisions.Add(Decision(entry, AdjudicationKind.WriteIn, boxId, symbol, name, auditor));
            }
            else
            {
                decisions.Add(Decision(entry, AdjudicationKind.Box, boxId, Symbol(value) ?? throw new SpotCheckException(FileProblemCode.NotASymbol, ("order", entry.Order), ("text", value)), null, auditor));
            }
        }

        return decisions;
    }

    /// <summary>
    /// A box as people name it: "委员 李红梅" (contest and candidate), "李红梅" (a candidate of one contest only), "委员 另选1"
    /// or "委员另选他人2" (a write-in cell); spaces do not matter. Null when no box, or more than one, has that name.
    /// </summary>
    public static MarkingBox? BoxNamed(BallotLayout layout, string name)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var key = new string((name ?? string.Empty).Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)).ToArray());
        var titles = layout.Contests.ToDictionary(c => c.Id, c => c.Title, StringComparer.Ordinal);
        var matches = layout.AllBoxes.Where(b => b.Kind == BoxKind.Candidate
            ? key == titles[b.ContestId] + b.CandidateName || key == b.CandidateName
            : key == $"{titles[b.ContestId]}另选{b.Position}" || key == $"{titles[b.ContestId]}另选他人{b.Position}").ToList();
        return matches.Count == 1 ? matches[0] : matches.FirstOrDefault(b => b.Kind == BoxKind.Candidate && key == titles[b.ContestId] + b.CandidateName);
    }

    private static MarkSymbol? Symbol(string text) => text.ToLowerInvariant() switch
    {
        "○" or "o" or "circle" => MarkSymbol.Circle,
        "×" or "x" or "cross" => MarkSymbol.Cross,
        "空" or "blank" or "-" => MarkSymbol.Blank,
        "√" or "check" => MarkSymbol.Check,
        "?" or "？" or "other" => MarkSymbol.Other,
        _ => null,
    };

    private static Adjudication Decision(SpotCheckEntry entry, AdjudicationKind kind, string boxId, MarkSymbol? symbol, string? name, string auditor) => new()
    {
        Sheet = entry.Sheet,
        Kind = kind,
        BoxId = boxId,
        Symbol = symbol,
        WriteInName = name,
        Scrutineer = auditor,
        Reason = $"spot-check: {entry.Note}",
    };

    /// <summary>
    /// Each looked-at sheet counted as recorded and as the auditor read it (the same record for an agreement). A
    /// disagreement without audited marks cannot be compared: it is returned in <c>Unmeasured</c>.
    /// </summary>
    public static (IReadOnlyList<AuditedBallot> Ballots, IReadOnlyList<SpotCheckEntry> Unmeasured) Compare(
        IReadOnlyList<SpotCheckEntry> entries, ElectionDefinition definition, BallotLayout layout,
        IReadOnlyDictionary<string, SheetInterpretation> sheets, IReadOnlyList<Adjudication> decisions)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(sheets);
        ArgumentNullException.ThrowIfNull(decisions);
        var counter = new BallotCounter(definition, layout);
        var bySheet = decisions.ToLookup(d => d.Sheet, StringComparer.Ordinal);
        var ballots = new List<AuditedBallot>();
        var unmeasured = new List<SpotCheckEntry>();
        foreach (var e in entries.Where(e => e.Finding != SpotCheckFinding.Open))
        {
            if (!sheets.TryGetValue(e.Sheet, out var sheet))
            {
                throw new SpotCheckException(FileProblemCode.NotASheetOfTheCount, ("order", e.Order), ("sheet", e.Sheet));
            }

            var counted = counter.Count(sheet, [.. bySheet[e.Sheet]]);
            if (e.Finding == SpotCheckFinding.Agree)
            {
                ballots.Add(new AuditedBallot(counted, counted));
            }
            else if (e.AuditedMarks.Length == 0)
            {
                unmeasured.Add(e);
            }
            else
            {
                ballots.Add(new AuditedBallot(counted, counter.Count(sheet, [.. bySheet[e.Sheet], .. AuditedDecisions(e, layout, "auditor")])));
            }
        }

        return (ballots, unmeasured);
    }

    /// <summary>The risk of each contest's outcome from a spot-check record (<see cref="RiskMeasurement"/>), and the disagreements that cannot be measured yet.</summary>
    public static (IReadOnlyList<ContestRisk> Risks, IReadOnlyList<SpotCheckEntry> Unmeasured) Risks(
        IReadOnlyList<SpotCheckEntry> entries, ElectionDefinition definition, BallotLayout layout, IReadOnlyDictionary<string, SheetInterpretation> sheets,
        IReadOnlyList<Adjudication> decisions, ElectionTally tally, double gamma = KaplanMarkov.DefaultGamma)
    {
        var (ballots, unmeasured) = Compare(entries, definition, layout, sheets, decisions);
        var risks = RiskMeasurement.Measure(tally, ballots, gamma);
        // A disagreement whose marks are not written could hide any overstatement: no risk is claimed until it is.
        return (unmeasured.Count == 0 ? risks : [.. risks.Select(r => r with { Risk = 1 })], unmeasured);
    }
}
