using System.CommandLine;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Host.Counting;

namespace BallotScan.Host.Commands;

/// <summary>
/// `ballotscan count`: read every scan, apply the rules and the scrutineers' decisions, tally, reconcile with the hand
/// count, and write the result report (PDF, CSV), the cast-vote records and the review list.
/// </summary>
internal static class CountCommand
{
    public static Command Create()
    {
        var definition = new Argument<FileInfo>("definition") { Description = Cli.T("选举定义（JSON）。") };
        var scans = new Argument<string>("scans") { Description = Cli.T("扫描件：一个图像文件或图像文件夹。") };
        var hand = new Option<FileInfo?>("--hand-tally") { Description = Cli.T("手工计票（唱票/计票），格式同选举结果报告单：.csv、.json 或 .xlsx（项目、职位、姓名、票数）。其中的应到/实到/发出/收回为会议的数字。") };
        var decisions = new Option<FileInfo?>("--adjudications") { Description = Cli.T("监票人的裁定（JSON，ballotscan/adjudications/1）。") };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.T("结果报告、投票记录和待审清单的输出文件夹。"), Required = true };
        var issued = new Option<FileInfo?>("--ballots-issued") { Description = Cli.T("每个票箱发出的选票（.csv、.xlsx：批次、发出 两列；批次即扫描件的子文件夹名）") };
        var earlier = new Option<string[]>("--earlier-round") { Description = Cli.T("本次选举的前几轮（第一轮、前一次另行选举）的计票输出文件夹或档案（.zip），经校验后，报告单列出各轮当选情况。"), AllowMultipleArgumentsPerToken = true };
        var command = new Command("count", Cli.T("计票：识别扫描件，按计票规则和监票人的裁定计数，与手工计票逐行核对，写出选举结果报告单。"))
        {
            definition, scans, hand, decisions, output, issued, earlier,
        };
        command.SetAction(parse => Run(parse.GetValue(definition)!, parse.GetValue(scans)!, parse.GetValue(hand), parse.GetValue(decisions), parse.GetValue(output)!, parse.GetValue(issued), parse.GetValue(earlier) ?? []));
        return command;
    }

    private static int Run(FileInfo definitionFile, string scans, FileInfo? handFile, FileInfo? decisionsFile, DirectoryInfo output, FileInfo? issuedFile, IReadOnlyList<string> earlierRounds)
    {
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        IReadOnlyList<TallyLine>? hand = null;
        IReadOnlyList<Adjudication> adjudications = [];
        IReadOnlyDictionary<string, int>? issuedPerBatch = null;
        IReadOnlyList<RoundOutcome> earlier = [];
        try
        {
            earlier = [.. earlierRounds.Select(path => RoundCount.Load(path).Outcome)];
            hand = handFile is null ? null : HandTally.Load(handFile.FullName, definition);
            adjudications = decisionsFile is null ? [] : DecisionsFile.Load(decisionsFile);
            issuedPerBatch = issuedFile is null ? null : BallotsIssued.Read(issuedFile.FullName);
        }
        catch (Exception e) when (e is HandTallyException or FileProblemException or JsonException or IOException or InvalidDataException or ElectionDefinitionException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(ProblemWords.Say(new Lang(Cli.English), e));
            return 1;
        }

        // An earlier round must be one of this election's, before this one: said before anything is read.
        var roundProblems = ElectionRounds.Problems(definition, earlier);
        if (roundProblems.Count > 0)
        {
            foreach (var problem in roundProblems)
            {
                Console.Error.WriteLine(Cli.T("--earlier-round：") + ProblemWords.Say(new Lang(Cli.English), problem));
            }

            return 1;
        }

        var files = Scans.ImageFiles(scans);
        if (files is null)
        {
            return 1;
        }

        Console.WriteLine(Cli.T("识别 {0} 个文件…", files.Count));
        var sheets = Scans.ReadAll(files, new BallotReader([layout], MarkClassifier.Shipped), scans);
        var outcome = Counted.Compute(definition, File.ReadAllText(definitionFile.FullName), layout, sheets, adjudications, hand, issuedPerBatch) with { EarlierRounds = earlier };
        outcome.Write(output.FullName);
        outcome.Print(Console.Out);
        var written = $"result.pdf, result.xlsx, result.csv, result.json, cast-vote-records.csv/.json, review-list.csv, interpretations.jsonl{(hand is null ? ", hand-tally-template.csv" : ", reconciliation.csv")}";
        Console.WriteLine(Cli.T("已写入 {0}：{1}；存档：./ballotscan archive export {0} -o <文件>.zip", output.FullName, written));
        return 0;
    }
}
