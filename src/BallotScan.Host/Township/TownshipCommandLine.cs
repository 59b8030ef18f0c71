using System.CommandLine;
using BallotScan.Engine.Township;
using BallotScan.Host.Station;
using BallotScan.Host.Text;
using Microsoft.Extensions.Hosting;

namespace BallotScan.Host.Township;

/// <summary>`ballotscan township …`: the township office's station (乡镇换届工作站): archives in, figures and the 换届情况统计表 out.</summary>
internal static class TownshipCommandLine
{
    internal static Option<DirectoryInfo> DataOption() => new("--data") { Description = Cli.T("乡镇工作站的数据文件夹（SQLite 文件和收入的档案）。"), DefaultValueFactory = _ => new DirectoryInfo("township-data") };

    internal static Option<string?> PostgresOption() => new("--postgres") { Description = Cli.T("PostgreSQL 连接字符串，供一个县的几个乡镇共用（默认：数据文件夹中的 SQLite）。也可用环境变量 BALLOTSCAN_POSTGRES 给出。") };

    private static TownshipOptions Options(ParseResult parse, Option<DirectoryInfo> data, Option<string?> postgres) => new()
    {
        DataFolder = parse.GetValue(data)!.FullName,
        Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES"),
    };

    public static Command Create() => new("township", Cli.T("乡镇工作站：收入各村的计票档案，统计换届情况（参选率、一次选举成功率、一肩挑、交叉任职、当选人结构）。"))
    {
        Serve(), Import(), Report(), Secretary(), Progress(),
        StationCommandLine.Users(DataOption, PostgresOption, Database, Roles, Cli.T("operator（收入档案、录入书记）或 observer（只读）。")),
    };

    /// <summary>The township station's roles as <c>--role</c> takes them: an operator takes archives in and enters the 书记; an observer (the county) reads.</summary>
    private static IReadOnlyList<Choice<Station.Storage.StationRole>> Roles { get; } =
        [.. StationCommandLine.Roles.Where(r => r.Value is Station.Storage.StationRole.Operator or Station.Storage.StationRole.Observer)];

    private static Station.Storage.StationDatabase Database(string? postgres, DirectoryInfo data) =>
        TownshipStation.OpenDatabase(new TownshipOptions { DataFolder = data.FullName, Postgres = postgres ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES") });

    private static Command Serve()
    {
        var data = DataOption();
        var postgres = PostgresOption();
        var urls = new Option<string>("--urls") { Description = Cli.T("监听地址（默认只在本机）。"), DefaultValueFactory = _ => "http://127.0.0.1:5090" };
        var watch = new Option<DirectoryInfo?>("--watch") { Description = Cli.T("档案文件夹（如拷入的 U 盘）：出现在其中的每个档案都会校验并收入。") };
        var command = new Command("serve", Cli.T("乡镇工作站的网页应用：总览与图表、各村、档案上传、日志。")) { data, postgres, urls, watch };
        command.SetAction(async (parse, cancel) =>
        {
            var options = Options(parse, data, postgres);
            using var folderLock = DataFolderLock.Take(options.DataFolder);
            if (folderLock is null)
            {
                Console.Error.WriteLine(Cli.T("数据文件夹 {0} 正被另一个计票工作站使用：先停止它，或用 --data 另选文件夹。", options.DataFolder));
                return 2;
            }

            using var township = TownshipStation.Open(options);
            if (new SignInAccounts(township.Store).Any() is false)
            {
                Console.Error.WriteLine(Cli.T("还没有账户：请用 ./ballotscan township user add <姓名> --role operator|observer --data {0} 新建。", options.DataFolder));
            }

            var serve = new TownshipServeOptions { Urls = parse.GetValue(urls)!, WatchFolder = parse.GetValue(watch)?.FullName };
            await using var app = TownshipApp.Build(serve, township);
            if (!await StationCommandLine.StartAsync(app, serve.Urls, cancel).ConfigureAwait(false))
            {
                return 2;
            }

            Console.WriteLine(Cli.T("BallotScan 乡镇工作站：{0}（{1}）。按 Ctrl+C 停止，数据不会丢失。", serve.Urls, township.StorageDescription));
            await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static Command Import()
    {
        var files = new Argument<string[]>("archives") { Description = Cli.T("计票档案（.zip），或存放档案的文件夹（如拷入的 U 盘）。"), Arity = ArgumentArity.OneOrMore };
        var data = DataOption();
        var postgres = PostgresOption();
        var root = new Option<string?>("--root") { Description = Cli.T("结果报告单上印的选票档案校验值：给出时（只能导入一个档案），档案须与之相符。") };
        var parallel = new Option<int?>("--parallel") { Description = Cli.T("同时校验几个档案（默认：处理器核数，最多 4）；每个 2,000 张选票的档案校验时约占 300 MB 内存，内存少的电脑可设为 1。") };
        var command = new Command("import", Cli.T("校验并收入计票档案：同一档案只收一次；同一选举的新计票（重新计票）取代旧的，两者都记入日志。")) { files, data, postgres, root, parallel };
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

            if (parse.GetValue(parallel) is < 1 or > 64)
            {
                Console.Error.WriteLine(Cli.T("--parallel 须为 1 至 64。"));
                return 1;
            }

            var options = Options(parse, data, postgres);
            using var station = TownshipStation.Open(parse.GetValue(parallel) is { } n ? options with { Parallelism = n } : options);
            var results = expected is null
                ? CliProgress.Run(Cli.T("校验并收入档案"), paths.Count, progress => station.ImportAll(paths, AuditFacts.CommandLine, "command line", new Progress<int>(progress.Done)))
                : [station.Import(paths[0], AuditFacts.CommandLine, "command line", expected)];
            foreach (var r in results.Where(r => r.Outcome is ImportOutcome.Refused or ImportOutcome.Replaced))
            {
                Console.WriteLine(r.Say(Cli.Lang));
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

    /// <summary>The steps as <c>township progress</c> takes them: by name, or in Chinese.</summary>
    internal static IReadOnlyList<Choice<ProgressStep>> Steps { get; } =
    [
        new(ProgressStep.DefinitionMade, "definitionMade", ["选举定义确定", "定义"]),
        new(ProgressStep.BallotsProofed, "ballotsProofed", ["选票印制校对", "校对"]),
        new(ProgressStep.Reported, "reported", ["结果上报", "上报"]),
    ];

    private static Command Progress()
    {
        var township = new Argument<string>("township") { Description = Cli.T("乡镇（街道），与选举定义中的一致。") };
        var village = new Argument<string>("village") { Description = Cli.T("村（社区），与选举定义中的一致。") };
        var step = new Argument<string>("step") { Description = Cli.T("definitionMade（选举定义确定）、ballotsProofed（选票印制校对）或 reported（结果上报）。") };
        var day = new Option<string?>("--day") { Description = Cli.T("完成的日期（yyyy-MM-dd；默认：今天）。") };
        var data = DataOption();
        var postgres = PostgresOption();
        var command = new Command("progress", Cli.T("录入一个村的换届进度（选举定义确定、选票印制校对、结果上报）及其日期；计票、正式结果和档案收入由档案自动得出。")) { township, village, step, day, data, postgres };
        command.SetAction(parse =>
        {
            if (Choices.Named(Steps, parse.GetValue(step)!) is not { } chosen)
            {
                Console.Error.WriteLine(Cli.T("没有这个进度步骤：{0}（可用：{1}）", parse.GetValue(step)!, string.Join(Cli.T("、"), Steps.Select(s => s.Name))));
                return 1;
            }

            var on = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
            if (parse.GetValue(day) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out on))
            {
                Console.Error.WriteLine(Cli.T("日期须写成 yyyy-MM-dd：{0}", text));
                return 1;
            }

            using var station = TownshipStation.Open(Options(parse, data, postgres));
            var place = new VillageKey(parse.GetValue(township)!.Trim(), parse.GetValue(village)!.Trim());
            station.EnterProgress(place, chosen.Value, on, AuditFacts.CommandLine);
            Console.WriteLine(Cli.T("已录入 {0}{1}：{2} {3}。", place.Township, place.Village, Words.ProgressStep(Cli.Lang, chosen.Value), on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
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
