using System.Globalization;
using System.Text;
using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;

namespace BallotScan.Host.Counting;

/// <summary>A finished count with its reconciliation: what `count` and `demo` write and print.</summary>
internal sealed record Counted(ElectionDefinition Definition, string DefinitionJson, IReadOnlyList<SheetInterpretation> Sheets, IReadOnlyList<Adjudication> Decisions, CountResult Result, IReadOnlyList<TallyLine>? Hand, ReconciliationReport? Reconciliation)
{
    /// <summary>The ballot's layout the sheets were read against.</summary>
    public required BallotLayout Layout { get; init; }

    /// <summary>What came back from each batch (ballot box or scanner run), with the ballots issued per box where entered.</summary>
    public IReadOnlyList<BatchFigures> Batches { get; init; } = [];

    /// <summary>When the chief scrutineer has marked the count official (正式结果): the line the report prints; null before.</summary>
    public string? Official { get; init; }

    /// <summary>
    /// The election's rounds before this one (第一轮, an earlier 另行选举), each read from a count that verified and checked to be
    /// an earlier round of this election: the report lists who each round elected.
    /// </summary>
    public IReadOnlyList<RoundOutcome> EarlierRounds { get; init; } = [];

    public static Counted Compute(ElectionDefinition definition, string definitionJson, BallotLayout layout, IReadOnlyList<SheetInterpretation> sheets, IReadOnlyList<Adjudication> decisions, IReadOnlyList<TallyLine>? hand, IReadOnlyDictionary<string, int>? issuedPerBatch = null)
    {
        var figures = hand is null ? new MeetingFigures() : new MeetingFigures
        {
            Due = Figure(hand, LineKind.Due),
            Present = Figure(hand, LineKind.Present),
            Issued = Figure(hand, LineKind.Issued),
            Returned = Figure(hand, LineKind.Returned),
        };
        var result = ElectionCount.Run(definition, layout, sheets, decisions, figures);
        var reconciliation = hand is null ? null : Reconciler.Compare(hand, result.Adjudicated, result.Records, definition.RuleProfile);
        return new Counted(definition, definitionJson, sheets, decisions, result, hand, reconciliation) { Layout = layout, Batches = BatchFigures.Of(sheets, result.Records, issuedPerBatch) };
    }

    private static int? Figure(IReadOnlyList<TallyLine> hand, LineKind kind) => hand.FirstOrDefault(l => l.Kind == kind)?.Count;

    /// <summary>Every file a count gives, by name: what `count` writes, what the station serves and archives.</summary>
    public IReadOnlyDictionary<string, byte[]> Files()
    {
        var tally = Result.Adjudicated;
        var utf8Bom = new UTF8Encoding(true);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["definition.json"] = Encoding.UTF8.GetBytes(DefinitionJson),
            ["calibration.json"] = Encoding.UTF8.GetBytes(MarkClassifier.ShippedJson),
            ["adjudications.json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new AdjudicationFile { ElectionId = Definition.Id, Decisions = Decisions }, ElectionJson.Options)),
            ["result.csv"] = WithBom(HandTally.ToCsv(ResultLines.Of(tally), Definition)),
            ["result.json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { adjudicated = tally, elected = ElectedPeople.Of(Definition, tally), machineOnly = Result.MachineOnly, reconciliation = Reconciliation, batches = Batches, official = Official }, ElectionJson.Options)),
            ["cast-vote-records.json"] = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Result.Records, ElectionJson.Options)),
            ["cast-vote-records.csv"] = WithBom(CountTables.Records(this)),
            ["review-list.csv"] = WithBom(CountTables.ReviewList(this)),
            // Serialised as the archive keeps them (ArchiveWriter.Records, compact JSON); the export reads them back, serialises
            // them again and refuses to archive unless the root it gets is archive-root.txt's, so any difference is caught.
            ["interpretations.jsonl"] = Encoding.UTF8.GetBytes(string.Concat(Sheets.Select(s => JsonSerializer.Serialize(s, ElectionJson.CompactOptions) + "\n"))),
        };
        if (Reconciliation is { } r)
        {
            files["reconciliation.csv"] = WithBom(CountTables.Reconciliation(this, r));
        }
        else
        {
            files["hand-tally-template.csv"] = WithBom(HandTally.Template(tally, Definition));
        }

        // What the archive will hold, fixed now: its Merkle root, over the sheets and the sealed files, goes on the paper report.
        var root = ArchiveWriter.Root(ArchiveWriter.Records(Sheets, Decisions), Definition.Id, ResultReportPdf.SoftwareVersion, files);
        files["archive-root.txt"] = Encoding.UTF8.GetBytes(root + "\n");
        var footer = $"据 {Sheets.Count} 张扫描图像计票，监票人裁定 {Decisions.Count} 项；每个数字均可追溯到存档中的选票图像。";
        var rounds = EarlierRounds.Count == 0 ? null : ElectionRounds.Together(ElectionRounds.Of(Definition, tally, root), EarlierRounds).Rounds;
        files["result.pdf"] = ResultReportPdf.Write(Definition, tally, footer, root, Official, rounds, BatchLine());
        files["result.xlsx"] = CountWorkbook.Write(this);
        return files;

        byte[] WithBom(string text) => [.. utf8Bom.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }

    /// <summary>
    /// Writes the count's files into <paramref name="folder"/> as one step: they are written into a new folder beside it, which
    /// then takes the place of the folder of an earlier count. A crash leaves the earlier count whole, or a folder named
    /// "….incomplete", never a mix of two counts.
    /// </summary>
    public void Write(string folder) => CountFolder.Replace(folder, Files());

    /// <summary>The batches on the report: per box or run, the sheets, and the ballots counted, void, waiting, set aside, issued.</summary>
    /// <summary>Each batch's sheets and what became of them, in Chinese (the report's footer) or, for the console, in English by choice.</summary>
    private string BatchLine(bool english = false) => Batches.Count == 0 ? string.Empty : english
        ? "Batches: " + string.Join("; ", Batches.Select(b =>
            $"{(b.Batch.Length == 0 ? "(none)" : b.Batch)} {b.Sheets} sheet(s) ({b.Counted} counted, {b.Void} void{(b.Pending > 0 ? $", {b.Pending} waiting" : string.Empty)}{(b.SetAside > 0 ? $", {b.SetAside} set aside" : string.Empty)}{(b.Issued is { } issued ? $"; {issued} issued{(b.Missing is > 0 ? $", {b.Missing} not returned" : b.Missing is < 0 ? $", {-b.Missing} more than issued" : string.Empty)}" : string.Empty)})")) + "."
        : "分批：" + string.Join("；", Batches.Select(b =>
            $"{(b.Batch.Length == 0 ? "未分批" : b.Batch)} {b.Sheets} 张（计入 {b.Counted}，废票 {b.Void}{(b.Pending > 0 ? $"，待定 {b.Pending}" : string.Empty)}{(b.SetAside > 0 ? $"，不计 {b.SetAside}" : string.Empty)}{(b.Issued is { } issued ? $"；发出 {issued}{(b.Missing is > 0 ? $"，未收回 {b.Missing}" : b.Missing is < 0 ? $"，多出 {-b.Missing}" : string.Empty)}" : string.Empty)}）")) + "。";

    public void Print(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var t = Result.Adjudicated;
        var lang = new Lang(Cli.English);
        var layout = Layout;
        w.WriteLine(Cli.T("{0}：识别出选票 {1} 张：有效 {2}，无效 {3}，待监票人裁定 {4}；{5} 个图像不计入。", t.Title, t.BallotsFound, t.ValidBallots, t.VoidBallots, t.PendingSheets, t.NotCountedSheets));
        w.WriteLine(Cli.T("  机器独自确定 {0} 张；采用监票人裁定 {1} 项。", Result.MachineOnly.ValidBallots + Result.MachineOnly.VoidBallots, Decisions.Count));
        foreach (var v in t.Validity)
        {
            w.WriteLine($"  {(v.Passed switch { true => Cli.T("【符合】"), false => Cli.T("【不符合】"), _ => Cli.T("【未核对】") })} {Cli.Lang.Say(CountNoteText.Said(v.Note))}");
        }

        foreach (var c in t.Contests)
        {
            w.WriteLine(Cli.T("  {0}（应选 {1} 名；本职位有效票 {2}，无效 {3}）：", c.Title, c.Seats, c.ValidBallots, c.VoidBallots));
            foreach (var x in c.Candidates)
            {
                w.WriteLine($"    {x.Name}\t{Cli.T("赞成")} {x.Approve}\t{Cli.T("不赞成")} {x.Disapprove}\t{Cli.T("弃权")} {x.Abstain}{(x.Void > 0 ? $"\t{Cli.T("无效")} {x.Void}" : string.Empty)}{(x.Elected ? "\t" + Cli.T("当选") : string.Empty)}");
            }

            foreach (var x in c.WriteIns)
            {
                w.WriteLine($"    {Cli.T("另选")} {x.Name}\t{Cli.T("赞成")} {x.Approve}{(x.Elected ? "\t" + Cli.T("当选") : string.Empty)}");
            }
        }

        foreach (var note in t.Notes)
        {
            w.WriteLine($"  {Cli.T("说明：")}{Cli.Lang.Say(CountNoteText.Said(note))}");
        }

        if (Batches.Count > 0)
        {
            w.WriteLine($"  {BatchLine(Cli.English)}");
        }

        foreach (var round in EarlierRounds.Count == 0 ? [] : ElectionRounds.Together(ElectionRounds.Of(Definition, t, null), EarlierRounds).Rounds)
        {
            var elected = string.Join(Cli.T("、"), round.Elected.Select(p => $"{p.Post} {p.Name}"));
            w.WriteLine(Cli.T("  第 {0} 轮（{1}）当选：{2}", round.Round, round.ElectionId, (round.Elected.Count == 0 ? Cli.T("无") : elected)));
        }

        if (Result.ReviewList.Count > 0)
        {
            var first = Result.ReviewList[0];
            var items = string.Join(Cli.T("；"), first.Items.Select(x => Words.Waiting(lang, layout, Definition, x)));
            w.WriteLine(Cli.T("  待审清单（{0} 张待裁定）：见 review-list.csv；第一张：{1}… {2}", Result.ReviewList.Count, first.Sheet[..12], items));
        }

        foreach (var problem in Hand is null ? [] : HandTally.Inconsistencies(Hand, Definition))
        {
            w.WriteLine($"  {Cli.T("手工计票自身不一致：")}{ProblemWords.Say(lang, problem)}");
        }

        if (Reconciliation is { } r)
        {
            w.WriteLine(r.Agrees
                ? Cli.T("  手工计票与机器计票 {0} 行全部一致。", r.LinesCompared)
                : Cli.T("  手工计票与机器计票在 {0} 行中有 {1} 行不一致：", r.LinesCompared, r.Differences.Count));
            foreach (var d in r.Differences)
            {
                var contest = d.Line.Contest is null ? string.Empty : Definition.Contests.First(c => c.Id == d.Line.Contest).Title + " ";
                var (hand, machine) = (d.Hand?.ToString(CultureInfo.InvariantCulture) ?? "—", d.Machine?.ToString(CultureInfo.InvariantCulture) ?? "—");
                w.WriteLine(Cli.T("    {0}{1} {2}：手工 {3}，机器 {4}。请先查看：", contest, d.Line.Name, ResultLines.Chinese[d.Line.Kind], hand, machine));
                foreach (var s in d.Suspects.Take(3))
                {
                    w.WriteLine($"      {Path.GetFileName(s.Source)} ({s.Sheet[..12]}…): {Words.Suspect(lang, layout, Definition, s)}");
                }
            }
        }
    }
}
