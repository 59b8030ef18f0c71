using System.CommandLine;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Text;

namespace BallotScan.Host.Township;

/// <summary>`ballotscan township …`: the township office's station (乡镇换届工作站): archives in, figures and the 换届情况统计表 out.</summary>
internal static class TownshipCommandLine
{
    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = Cli.T("乡镇工作站的数据文件夹（SQLite 文件和收入的档案）。"), DefaultValueFactory = _ => new DirectoryInfo("township-data") };

    private static Option<string?> PostgresOption() => new("--postgres") { Description = Cli.T("PostgreSQL 连接字符串，供一个县的几个乡镇共用（默认：数据文件夹中的 SQLite）。也可用环境变量 BALLOTSCAN_POSTGRES 给出。") };

    private static TownshipOptions Options(ParseResult parse, Option<DirectoryInfo> data, Option<string?> postgres) => new()
    {
        DataFolder = parse.GetValue(data)!.FullName,
        Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES"),
    };

    public static Command Create() => new("township", Cli.T("乡镇工作站：收入各村的计票档案，统计换届情况（参选率、一次选举成功率、一肩挑、交叉任职、当选人结构）。"))
    {
        Import(), Report(), Secretary(),
    };

    private static Command Import()
    {
        var files = new Argument<string[]>("archives") { Description = Cli.T("计票档案（.zip），或存放档案的文件夹（如拷入的 U 盘）。"), Arity = ArgumentArity.OneOrMore };
        var data = DataOption();
        var postgres = PostgresOption();
        var root = new Option<string?>("--root") { Description = Cli.T("结果报告单上印的选票档案校验值：给出时（只能导入一个档案），档案须与之相符。") };
        var command = new Command("import", Cli.T("校验并收入计票档案：同一档案只收一次；同一选举的新计票（重新计票）取代旧的，两者都记入日志。")) { files, data, postgres, root };
        command.SetAction(parse =>
        {
            var paths = new List<string>();
            foreach (var given in parse.GetValue(files)!)
            {
                if (Directory.Exists(given))
                {
                    paths.AddRange(Directory.EnumerateFiles(given, "*.zip", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                }
                else
                {
                    paths.Add(given);
                }
            }

            var expected = parse.GetValue(root);
            if (expected is not null && paths.Count != 1)
            {
                Console.Error.WriteLine(Cli.T("--root 只能与一个档案一起给出。"));
                return 1;
            }

            using var station = TownshipStation.Open(Options(parse, data, postgres));
            var results = expected is null
                ? CliProgress.Run(Cli.T("校验并收入档案"), paths.Count, progress => station.ImportAll(paths, AuditFacts.CommandLine, "command line", new Progress<int>(progress.Done)))
                : [station.Import(paths[0], AuditFacts.CommandLine, "command line", expected)];
            foreach (var r in results.Where(r => r.Outcome is ImportOutcome.Refused or ImportOutcome.Replaced))
            {
                Console.WriteLine(r.Refusal is { } refused
                    ? Cli.T("未收入 {0}（{1}）：{2}", r.File, refused.Village ?? Cli.T("村名不可读"), Words.ArchiveRefusal(Cli.Lang, refused.Problems, refused.Kind, refused.Entry))
                    : Cli.T("{0}：{1}{2} 的重新计票，取代此前的计票（Merkle 根 {3}）", r.File, r.Return!.Place.Township, r.Return.Place.Village, r.ReplacedRoot));
            }

            int Count(ImportOutcome o) => results.Count(r => r.Outcome == o);
            Console.WriteLine(Cli.T("{0} 个档案：新收入 {1}，重新计票取代 {2}，此前已收入 {3}，未收入 {4}；保存在 {5}。", results.Count, Count(ImportOutcome.Taken), Count(ImportOutcome.Replaced), Count(ImportOutcome.AlreadyTaken), Count(ImportOutcome.Refused), station.StorageDescription));
            return Count(ImportOutcome.Refused) > 0 ? 2 : 0;
        });
        return command;
    }

    private static Command Report()
    {
        var data = DataOption();
        var postgres = PostgresOption();
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("换届情况统计表（.xlsx）。"), Required = true };
        var command = new Command("report", Cli.T("写出换届情况统计表（汇总、各村、当选人、说明），并列出主要数字。")) { data, postgres, output };
        command.SetAction(parse =>
        {
            using var station = TownshipStation.Open(Options(parse, data, postgres));
            var report = station.Report();
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            File.WriteAllBytes(file.FullName, TownshipWorkbook.Write(report));
            foreach (var area in report.Townships.Append(report.All))
            {
                Console.WriteLine(Cli.T("{0}：{1} 个村，参选率 {2}，一肩挑 {3}，交叉任职 {4} 人（占两委成员 {5}，占村（居）委会成员 {6}）；一次选举成功率：{7}",
                    area.Township ?? Cli.T("合计"), area.Villages, Shown.Percent(area.Turnout), Shown.Percent(area.OneShoulder), area.CrossOfTwoCommittees.Count,
                    Shown.Percent(area.CrossOfTwoCommittees), Shown.Percent(area.CrossOfResidentsCommittee),
                    string.Join(Cli.T("，"), area.Committees.Where(c => c.Elections > 0).Select(c => $"{Words.Committee(Cli.Lang, c.Committee)} {Shown.Percent(c.FilledOnTheDay)}"))));
            }

            Console.WriteLine(Cli.T("已写入 {0}。", file.FullName));
            return 0;
        });
        return command;
    }

    private static Command Secretary()
    {
        var township = new Argument<string>("township") { Description = Cli.T("乡镇（街道），与选举定义中的一致。") };
        var village = new Argument<string>("village") { Description = Cli.T("村（社区），与选举定义中的一致。") };
        var name = new Argument<string>("name") { Description = Cli.T("新一届委员会选出的书记。") };
        var data = DataOption();
        var postgres = PostgresOption();
        var command = new Command("secretary", Cli.T("录入由新一届党组织委员会选出的书记（选票上没有书记职位时），用于统计一肩挑。")) { township, village, name, data, postgres };
        command.SetAction(parse =>
        {
            using var station = TownshipStation.Open(Options(parse, data, postgres));
            var place = new VillageKey(parse.GetValue(township)!.Trim(), parse.GetValue(village)!.Trim());
            if (station.Returns().All(r => r.Place != place))
            {
                Console.Error.WriteLine(Cli.T("还没有收入{0}{1}的计票档案：请检查乡镇和村的名称。", place.Township, place.Village));
                return 1;
            }

            station.EnterSecretary(place, parse.GetValue(name)!, AuditFacts.CommandLine);
            Console.WriteLine(Cli.T("已录入 {0}{1} 书记 {2}。", place.Township, place.Village, parse.GetValue(name)!.Trim()));
            return 0;
        });
        return command;
    }
}
