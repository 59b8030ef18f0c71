using System.Text.Json;
using BallotScan.Engine.Audit;
using System.CommandLine;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;
using Microsoft.Extensions.Hosting;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station;

/// <summary>`ballotscan serve` (the scrutineer station) and `ballotscan station user add` (its accounts).</summary>
internal static class StationCommandLine
{
    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = Cli.S("计票站的数据文件夹（SQLite 文件）。", "The station's data folder (the SQLite file)."), DefaultValueFactory = _ => new DirectoryInfo("station-data") };

    private static Option<string?> PostgresOption() => new("--postgres") { Description = Cli.S("PostgreSQL 连接字符串，供多台扫描站共用一次计票（默认：数据文件夹中的 SQLite）。也可用环境变量 BALLOTSCAN_POSTGRES 给出。", "A PostgreSQL connection string, for several scan stations sharing one count (default: SQLite in the data folder). Also read from BALLOTSCAN_POSTGRES.") };

    public static Command Serve()
    {
        var election = new Option<FileInfo?>("--election") { Description = Cli.S("选举定义（第一次需要；之后使用本次计票保存的副本）。", "The election definition (needed the first time; afterwards the count's own copy is used).") };
        var data = DataOption();
        var postgres = PostgresOption();
        var urls = new Option<string>("--urls") { Description = Cli.S("监听地址（默认只在本机）。", "Where to listen (loopback by default)."), DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var watch = new Option<DirectoryInfo?>("--watch") { Description = Cli.S("扫描软件保存图像的文件夹：出现在其中的每个图像都会收入。", "A folder the scanner software saves into: every image that appears is taken in.") };
        var sane = new Option<string?>("--sane-device") { Description = Cli.S("从送纸器扫描的 SANE 设备（scanimage -L 列出设备；test 是 SANE 的测试设备）。", "A SANE device to scan from its feeder (scanimage -L lists them; 'test' is SANE's test backend).") };
        var second = new Option<bool>("--second-scrutineer") { Description = Cli.S("改变计票结果的裁定须经第二位监票人复核。", "A decision that changes a count needs a second scrutineer's confirmation."), DefaultValueFactory = _ => true };
        var command = new Command("serve", Cli.S("计票站：计票现场的网页应用（收票、审核、手工计票、核对、结果）。", "The scrutineer station: a web application at the counting venue (intake, review, hand tally, reconciliation, results)."))
        {
            election, data, postgres, urls, watch, sane, second,
        };
        command.SetAction(async (parse, cancel) =>
        {
            var options = new StationOptions
            {
                DefinitionFile = parse.GetValue(election)?.FullName,
                DataFolder = parse.GetValue(data)!.FullName,
                Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES"),
                Urls = parse.GetValue(urls)!,
                WatchFolder = parse.GetValue(watch)?.FullName,
                SaneDevice = parse.GetValue(sane),
                SecondScrutineer = parse.GetValue(second),
            };
            // One station per data folder: a second one on the same folder is refused before anything starts.
            using var folderLock = DataFolderLock.Take(options.DataFolder);
            if (folderLock is null)
            {
                Console.Error.WriteLine(Cli.T($"数据文件夹 {options.DataFolder} 正被另一个计票工作站使用：先停止它，或用 --data 另选文件夹。 / The data folder {options.DataFolder} is in use by another station: stop it, or give another --data folder."));
                return 2;
            }

            CountingStation station;
            try
            {
                station = CountingStation.Open(options);
            }
            catch (Exception e) when (e is StationException or IOException or BallotScan.Engine.Elections.ElectionDefinitionException)
            {
                Console.Error.WriteLine(ProblemWords.Say(new Lang(Cli.English), e));
                return 1;
            }

            using (station)
            {
                if (!station.Accounts.Any())
                {
                    var data = options.Postgres is null ? $" --data {options.DataFolder}" : string.Empty;
                    Console.Error.WriteLine(Cli.S($"还没有账户：请用 ./ballotscan station user add <姓名> --role operator|scrutineer|chiefScrutineer|observer{data} 新建。", $"No accounts yet: make them with ./ballotscan station user add <name> --role operator|scrutineer|chiefScrutineer|observer{data}"));
                }

                await using var app = StationApp.Build(options, station);
                try
                {
                    await app.StartAsync(cancel).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    // Kestrel's AddressInUseException, or an address that cannot be had: said plainly, before anything claims to be up.
                    Console.Error.WriteLine(Cli.T($"无法在 {options.Urls} 上启动：该端口已被占用（也许另一个工作站在运行），或地址不可用。用 --urls 换一个端口。 / Cannot listen on {options.Urls}: the port is in use (another station?) or the address is not available: give another with --urls. ({e.Message})"));
                    return 2;
                }

                Console.WriteLine(Cli.S($"BallotScan 计票站（{station.Definition.Title}）：{options.Urls}（{station.StorageDescription}）。按 Ctrl+C 停止，数据不会丢失。", $"BallotScan station for {station.Definition.Title}: {options.Urls} ({station.StorageDescription}). Ctrl+C stops it; nothing is lost."));
                await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    public static Command Station()
    {
        var name = new Argument<string>("name") { Description = Cli.S("此人的登录名。", "The person's sign-in name.") };
        var role = new Option<StationRole>("--role") { Description = Cli.S("operator（收票）、scrutineer（裁定、手工计票）、chiefScrutineer（总监票人）、observer（只读）或 auditor（抽查）。", "operator (intake), scrutineer (decisions, hand tally), observer (read only) or auditor (spot-checks)."), Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = Cli.S("从标准输入读一行作为密码，不再询问两次。", "Read the password from standard input (one line) instead of asking twice.") };
        var data = DataOption();
        var postgres = PostgresOption();
        var add = new Command("add", Cli.T("新建账户（密码输入两次） / Make an account (the password asked twice).")) { name, role, passwordStdin, data, postgres };
        add.SetAction(parse =>
        {
            if (NewPassword(parse.GetValue(passwordStdin)) is not { } password)
            {
                return 1;
            }

            using var database = Database(parse.GetValue(postgres), parse.GetValue(data)!);
            var store = new StationStore(database);
            var who = parse.GetValue(name)!.Trim();
            if (!store.Accounts.AddUser(who, parse.GetValue(role), Passwords.Hash(password), AuditFacts.Row(AuditFacts.CommandLine, AuditEvent.AccountAdded, new AccountNamed(who, parse.GetValue(role)))))
            {
                Console.Error.WriteLine(Cli.T($"已有账户「{who}」。 / There is already an account '{who}'."));
                return 1;
            }

            var roleName = Web.Html.RoleName(new Lang(Cli.English), parse.GetValue(role).ToString());
            Console.WriteLine(Cli.S($"已新建账户「{who}」（{roleName}），保存在 {database.Description}。", $"Account '{who}' ({roleName}) added to {database.Description}."));
            return 0;
        });

        var listData = DataOption();
        var listPostgres = PostgresOption();
        var list = new Command("list", Cli.T("列出账户 / List the accounts.")) { listData, listPostgres };
        list.SetAction(parse =>
        {
            using var database = Database(parse.GetValue(listPostgres), parse.GetValue(listData)!);
            foreach (var u in new StationStore(database).Accounts.Users())
            {
                Console.WriteLine($"{u.Name}\t{Web.Html.RoleName(new Lang(Cli.English), u.Role.ToString())}\t{(u.DisabledAt is null ? Cli.S("可用", "active") : Cli.S("已停用 ", "disabled ") + $"{u.DisabledAt[..Math.Min(19, u.DisabledAt.Length)]}Z")}");
            }

            return 0;
        });

        var change = new (string Name, string Help, AuditEvent Event, string Done, string DoneEnglish)[]
        {
            ("disable", "停用账户：不能再登录，已登录的会话立即结束 / Disable an account: it signs in no more, its sessions end now.", AuditEvent.AccountDisabled, "已停用账户", "Disabled"),
            ("enable", "重新启用账户 / Let a disabled account sign in again.", AuditEvent.AccountEnabled, "已重新启用账户", "Enabled again"),
            ("reset", "重设密码（输入两次） / Set a new password (asked twice).", AuditEvent.PasswordReset, "已重设密码", "New password set for"),
        }.Select(x =>
        {
            var who = new Argument<string>("name") { Description = Cli.S("此人的登录名。", "The person's sign-in name.") };
            var stdin = new Option<bool>("--password-stdin") { Description = Cli.S("从标准输入读一行作为新密码，不再询问两次。", "Read the new password from standard input (one line) instead of asking twice.") };
            var folder = DataOption();
            var pg = PostgresOption();
            var command = new Command(x.Name, Cli.T(x.Help)) { who, folder, pg };
            if (x.Name == "reset")
            {
                command.Options.Add(stdin);
            }

            command.SetAction(parse =>
            {
                var person = parse.GetValue(who)!.Trim();
                string? password = null;
                if (x.Name == "reset" && (password = NewPassword(parse.GetValue(stdin))) is null)
                {
                    return 1;
                }

                using var database = Database(parse.GetValue(pg), parse.GetValue(folder)!);
                var store = new StationStore(database);
                var audit = AuditFacts.Row(AuditFacts.CommandLine, x.Event, new AccountNamed(person, null));
                var done = x.Name switch
                {
                    "disable" => store.Accounts.Disable(person, audit),
                    "enable" => store.Accounts.Enable(person, audit),
                    _ => store.Accounts.SetPassword(person, Passwords.Hash(password!), audit),
                };
                if (!done)
                {
                    Console.Error.WriteLine(Cli.T($"没有账户「{person}」。 / There is no account '{person}'."));
                    return 1;
                }

                Console.WriteLine(Cli.S($"{x.Done}「{person}」", $"{x.DoneEnglish} '{person}'"));
                return 0;
            });
            return command;
        });
        var users = new Command("user", Cli.T("工作站的账户 / Accounts of the station.")) { add, list };
        foreach (var c in change)
        {
            users.Subcommands.Add(c);
        }

        return new Command("station", Cli.S("计票站的设置。", "The scrutineer station's set-up.")) { users };
    }

    private static StationDatabase Database(string? postgres, DirectoryInfo data)
    {
        var connection = postgres ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES");
        var database = connection is { Length: > 0 } ? StationDatabase.Postgres(connection) : StationDatabase.Sqlite(Path.Combine(data.FullName, "station.db"));
        database.Migrate();
        return database;
    }

    /// <summary>A new password, asked twice (a script gives it once, on standard input); null, said why, when the two differ or it is too short.</summary>
    internal static string? NewPassword(bool fromStdin)
    {
        var first = fromStdin ? Console.ReadLine() ?? string.Empty : Ask("密码 / Password: ");
        var second = fromStdin ? first : Ask("再输入一次 / Again: ");
        if (first != second)
        {
            Console.Error.WriteLine(Cli.T("两次输入的密码不同，未保存。 / The two passwords differ: nothing was saved."));
            return null;
        }

        if (Passwords.Problem(first) is { } problem)
        {
            Console.Error.WriteLine(problem);
            return null;
        }

        return first;
    }

    private static string Ask(string prompt)
    {
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? string.Empty;
        }

        var text = new System.Text.StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }

    /// <summary>`archive import`: an archived count taken into a new station, to spot-check it there.</summary>
    public static Command ArchiveImport()
    {
        var importFile = new Argument<FileInfo>("archive") { Description = Cli.S("由 `ballotscan archive export` 写出或从计票站下载的档案。", "An archive written by `ballotscan archive export` or downloaded from a station.") };
        var data = new Option<DirectoryInfo>("--data") { Description = Cli.S("新计票站的数据文件夹。", "The new station's data folder."), DefaultValueFactory = _ => new DirectoryInfo("station-data") };
        var postgres = new Option<string?>("--postgres") { Description = Cli.S("改为导入一个（空的）PostgreSQL 数据库。", "Import into a PostgreSQL database instead (an empty one).") };
        var importRoot = new Option<string?>("--root") { Description = Cli.T("结果报告单上印的选票档案校验值：给出时，只导入与之相符的档案。 / The root printed on the result report: with it, only that count is taken in.") };
        var command = new Command("import", Cli.S("把存档的计票导入一个新的计票站，在那里抽查（./ballotscan serve --data <文件夹>）。", "Take an archived count into a new scrutineer station, to spot-check it there (./ballotscan serve --data <folder>).")) { importFile, data, postgres, importRoot };
        command.SetAction(parse => Import(parse.GetValue(importFile)!, parse.GetValue(data)!, parse.GetValue(postgres), parse.GetValue(importRoot)));
        return command;
    }

    private static int Import(FileInfo file, DirectoryInfo data, string? postgres, string? root)
    {
        try
        {
            var archive = ArchivedCount.Load(file.FullName, root);
            using var station = CountingStation.Import(new StationOptions { DataFolder = data.FullName, Postgres = postgres }, archive, AuditFacts.CommandLine);
            Console.WriteLine(Cli.S(
                $"{file.Name}：{archive.Definition.Title} 的 {archive.Sheets.Count} 张选票和 {archive.Decisions.Count} 项裁定已导入 {station.StorageDescription}（Merkle 根 {archive.Manifest.MerkleRoot}）。",
                $"{file.Name}: {archive.Sheets.Count} sheet(s) and {archive.Decisions.Count} decision(s) of {archive.Definition.Title} taken into {station.StorageDescription} (Merkle root {archive.Manifest.MerkleRoot})."));
            Console.WriteLine(Cli.S(
                $"新建审计员账户（./ballotscan station user add <姓名> --role auditor --data {data.FullName}），启动 ./ballotscan serve --data {data.FullName}，打开“抽查”页。",
                $"Make an auditor's account (./ballotscan station user add <name> --role auditor --data {data.FullName}), start ./ballotscan serve --data {data.FullName} and open 抽查 (Spot-check)."));
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or StationException or JsonException)
        {
            Console.Error.WriteLine($"{Cli.S("未导入：", "Not imported: ")}{ProblemWords.Say(Cli.Lang, e)}");
            return 1;
        }
    }
}
