using System.CommandLine;
using System.Globalization;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;
using BallotScan.Lab.Evaluation;

namespace BallotScan.Lab.Commands;

/// <summary>
/// `ballotscan write-ins likeness`: how well the likeness of the ink groups the generator's written names, the reach fitted
/// on some seeds and reported on others.
/// </summary>
internal static class WriteInCommands
{
    public static Command Create()
    {
        var definition = new Option<FileInfo>("--definition", "-d") { Description = Cli.T("选举定义（读其中的另选他人栏）"), DefaultValueFactory = _ => new FileInfo("examples/villagers-committee-open.json") };
        var fit = new Option<int[]>("--fit-seeds") { Description = Cli.T("拟合用的种子"), DefaultValueFactory = _ => [1, 2, 3, 4], AllowMultipleArgumentsPerToken = true };
        var report = new Option<int[]>("--report-seeds") { Description = Cli.T("报告用的种子（不参与拟合）"), DefaultValueFactory = _ => [101, 102, 103], AllowMultipleArgumentsPerToken = true };
        var sheets = new Option<int>("--sheets") { Description = Cli.T("每个种子的选票张数"), DefaultValueFactory = _ => 120 };
        var likeness = new Command("likeness", Cli.T("按字迹分组另选姓名的效果")) { definition, fit, report, sheets };
        likeness.SetAction(parse => Likeness(parse.GetValue(definition)!, parse.GetValue(fit)!, parse.GetValue(report)!, parse.GetValue(sheets)));
        return new Command("write-ins", Cli.T("另选他人")) { likeness };
    }

    private static int Likeness(FileInfo definitionFile, int[] fitSeeds, int[] reportSeeds, int sheets)
    {
        var definition = ElectionJson.Load(definitionFile.FullName);
        double[] reaches = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
        // The reach chosen on the fit seeds: the widest whose groups stay 99 % pure on every seed (a person unticks the rest).
        var fitCells = fitSeeds.Select(s => InkGroupingEvaluation.Cells(definition, s, sheets)).ToList();
        Console.WriteLine(Cli.T("拟合") + $" seeds {string.Join(",", fitSeeds)}:");
        var chosen = reaches[0];
        foreach (var reach in reaches)
        {
            var scores = fitCells.Select(c => InkGroupingEvaluation.Score(c, reach)).ToList();
            Print(scores);
            if (scores.All(s => s.Purity >= 0.99))
            {
                chosen = reach;
            }
        }

        var (picked, shipped) = (chosen.ToString(CultureInfo.InvariantCulture), InkLikeness.DefaultWithin.ToString(CultureInfo.InvariantCulture));
        Console.WriteLine(Cli.T("选定：within {0}（产品所用：{1}）", picked, shipped));
        Console.WriteLine(Cli.T("报告") + $" seeds {string.Join(",", reportSeeds)}:");
        foreach (var reach in new[] { chosen, InkLikeness.DefaultWithin }.Distinct())
        {
            Print([.. reportSeeds.Select(s => InkGroupingEvaluation.Score(InkGroupingEvaluation.Cells(definition, s, sheets), reach))]);
        }

        return 0;
    }

    private static void Print(List<InkGroupingScore> scores)
    {
        var cells = scores.Sum(s => s.Cells);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  within {scores[0].Within,4:0.00}: {cells} cells, names {string.Join("/", scores.Select(s => s.Names))}, groups {string.Join("/", scores.Select(s => s.Groups))}, purity {scores.Sum(s => s.Purity * s.Cells) / cells:P1}, a name's largest group holds {scores.Average(s => s.LargestShare):P1} of its cells"));
    }
}
