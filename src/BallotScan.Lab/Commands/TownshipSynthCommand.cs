using System.CommandLine;
using BallotScan.Host.Text;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Lab.Commands;

/// <summary>`synth-township`: a synthetic township's counted archives (for the township station's tests, demo and benchmark).</summary>
internal static class TownshipSynthCommand
{
    public static Command Create()
    {
        var villages = new Option<int>("--villages") { Description = Cli.T("多少个村（分属两个乡镇）。"), DefaultValueFactory = _ => 12 };
        var ballots = new Option<int>("--ballots") { Description = Cli.T("每次选举多少张选票。"), DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = Cli.T("种子：同一种子得到同样的计票（档案的 Merkle 根相同）。"), DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = Cli.T("档案的输出文件夹。"), Required = true };
        var intended = new Option<bool>("--intended") { Description = Cli.T("不生成扫描件：每张选票取选民的本意为识别结果（全部确定），配一张 16×16 像素的小图像，供县级规模的测试。") };
        var command = new Command("synth-township", Cli.T("生成一个合成乡镇的计票档案：各村的党组织、村民委员会（部分村还有村务监督委员会）选举，含另行选举和无候选人选举；每次选举由合成扫描件识别、按真实情况裁定、计票并存档。"))
        {
            villages, ballots, seed, output, intended,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(villages);
            var size = parse.GetValue(ballots);
            if (n is < 1 or > 300 || size is < 4 or > 2000)
            {
                Console.Error.WriteLine(Cli.T("--villages 须为 1 至 300，--ballots 须为 4 至 2000。"));
                return 1;
            }

            var folder = parse.GetValue(output)!.FullName;
            var written = CliProgress.Run(Cli.T("各村计票"), n, progress => TownshipSynthesizer.Write(folder, n, size, parse.GetValue(seed), new Progress<int>(progress.Done), scans: !parse.GetValue(intended)));
            Console.WriteLine(Cli.T("{0}：{1} 个村的 {2} 份计票档案。", folder, n, written.Count));
            return 0;
        });
        return command;
    }
}
