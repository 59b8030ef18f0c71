using System.Text.Json;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Elections;
using System.CommandLine;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;
using Microsoft.Extensions.Hosting;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station;

/// <summary>`ballotscan serve` (the scrutineer station) and `ballotscan station user add` (its accounts).</summary>
internal static class StationCommandLine
{
    /// <summary>The roles as <c>--role</c> takes them: by name, or in Chinese (first the word the pages show, <see cref="Web.Html.RoleName"/>).</summary>
    internal static IReadOnlyList<Choice<StationRole>> Roles { get; } =
    [
        Role(StationRole.Operator, "收票员", "收票"),
        Role(StationRole.Scrutineer, "监票"),
        Role(StationRole.ChiefScrutineer),
        Role(StationRole.Observer, "只读"),
        Role(StationRole.Auditor, "抽查"),
    ];

    private static Choice<StationRole> Role(StationRole role, params string[] also) =>
        new(role, EnumNames.Name(role), [Web.Html.RoleName(StationContext.Chinese, role.ToString()), .. also]);

    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = Cli.T("计票站的数据文件夹（SQLite 文件）。"), DefaultValueFactory = _ => new DirectoryInfo("station-data") };

    private static Option<string?> PostgresOption() => new("--postgres") { Description = Cli.T("PostgreSQL 连接字符串，供多台扫描站共用一次计票（默认：数据文件夹中的 SQLite）。也可用环境变量 BALLOTSCAN_POSTGRES 给出。") };

    public static Command Serve()
    {
        var election = new Option<FileInfo?>("--election") { Description = Cli.T("选举定义（第一次需要；之后使用本次计票保存的副本）。") };
        var data = DataOption();
        var postgres = PostgresOption();
        var urls = new Option<string>("--urls") { Description = Cli.T("监听地址（默认只在本机）。"), DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var watch = new Option<DirectoryInfo?>("--watch") { Description = Cli.T("扫描软件保存图像的文件夹：出现在其中的每个图像都会收入。") };
        var sane = new Option<string?>("--sane-device") { Description = Cli.T("从送纸器扫描的 SANE 设备（scanimage -L 列出设备；test 是 SANE 的测试设备）。") };
        var second = new Option<bool>("--second-scrutineer") { Description = Cli.T("改变计票结果的裁定须经第二位监票人复核。"), DefaultValueFactory = _ => true };
        var command = new Command("serve", Cli.T("计票站：计票现场的网页应用（收票、审核、手工计票、核对、结果）。"))
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
                Console.Error.WriteLine(Cli.T("数据文件夹 {0} 正被另一个计票工作站使用：先停止它，或用 --data 另选文件夹。", options.DataFolder));
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
                    Console.Error.WriteLine(Cli.T("还没有账户：请用 ./ballotscan station user add <姓名> --role operator|scrutineer|chiefScrutineer|observer{0} 新建。", data));
                }

                await using var app = StationApp.Build(options, station);
                if (!await StartAsync(app, options.Urls, cancel).ConfigureAwait(false))
                {
                    return 2;
                }

                Console.WriteLine(Cli.T("BallotScan 计票站（{0}）：{1}（{2}）。按 Ctrl+C 停止，数据不会丢失。", station.Definition.Title, options.Urls, station.StorageDescription));
                await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// Starts a station's web application; false, said plainly before anything claims to be up, when its address cannot be
    /// had (Kestrel's AddressInUseException: another station on the port, or an address not on this machine).
    /// </summary>
    internal static async Task<bool> StartAsync(Microsoft.AspNetCore.Builder.WebApplication app, string urls, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.StartAsync(cancel).ConfigureAwait(false);
            return true;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine(Cli.T("无法在 {0} 上启动：该端口已被占用（也许另一个工作站在运行），或地址不可用。用 --urls 换一个端口。（{1}）", urls, e.Message));
            return false;
        }
    }

    public static Command Station() => new("station", Cli.T("计票站的设置。"))
    {
        Users(DataOption, PostgresOption, Database, Roles, Cli.T("operator（收票）、scrutineer（裁定、手工计票）、chiefScrutineer（总监票人）、observer（只读）或 auditor（抽查）。")),
    };

    /// <summary>
    /// `… user add|list|disable|enable|reset`: a station's accounts, in the database <paramref name="database"/> opens (the
    /// counting station's or the township's), with the roles it gives.
    /// </summary>
    internal static Command Users(Func<Option<DirectoryInfo>> dataOption, Func<Option<string?>> postgresOption, Func<string?, DirectoryInfo, StationDatabase> database, IReadOnlyList<Choice<StationRole>> roles, string roleHelp)
    {
        var name = new Argument<string>("name") { Description = Cli.T("此人的登录名。") };
        var role = Choices.Option("--role", roleHelp, roles);
        role.Required = true;
        var passwordStdin = new Option<bool>("--password-stdin") { Description = Cli.T("从标准输入读一行作为密码，不再询问两次。") };
        var data = dataOption();
        var postgres = postgresOption();
        var add = new Command("add", Cli.T("新建账户（密码输入两次）")) { name, role, passwordStdin, data, postgres };
        add.SetAction(parse =>
        {
            if (NewPassword(parse.GetValue(passwordStdin)) is not { } password)
            {
                return 1;
            }

            using var db = database(parse.GetValue(postgres), parse.GetValue(data)!);
            var store = new StationStore(db);
            var who = parse.GetValue(name)!.Trim();
            if (!store.Accounts.AddUser(who, parse.GetValue(role), Passwords.Hash(password), AuditFacts.Row(AuditFacts.CommandLine, AuditEvent.AccountAdded, new AccountNamed(who, parse.GetValue(role)))))
            {
                Console.Error.WriteLine(Cli.T("已有账户「{0}」。", who));
                return 1;
            }

            var roleName = Web.Html.RoleName(new Lang(Cli.English), parse.GetValue(role).ToString());
            Console.WriteLine(Cli.T("已新建账户「{0}」（{1}），保存在 {2}。", who, roleName, db.Description));
            return 0;
        });

        var listData = dataOption();
        var listPostgres = postgresOption();
        var list = new Command("list", Cli.T("列出账户")) { listData, listPostgres };
        list.SetAction(parse =>
        {
            using var db = database(parse.GetValue(listPostgres), parse.GetValue(listData)!);
            foreach (var u in new StationStore(db).Accounts.Users())
            {
                Console.WriteLine($"{u.Name}\t{Web.Html.RoleName(new Lang(Cli.English), u.Role.ToString())}\t{(u.DisabledAt is null ? Cli.T("可用") : Cli.T("已停用 ") + $"{u.DisabledAt[..Math.Min(19, u.DisabledAt.Length)]}Z")}");
            }

            return 0;
        });

        var change = new (string Name, string Help, AuditEvent Event, string Done)[]
        {
            ("disable", "停用账户：不能再登录，已登录的会话立即结束", AuditEvent.AccountDisabled, "已停用账户"),
            ("enable", "重新启用账户", AuditEvent.AccountEnabled, "已重新启用账户"),
            ("reset", "重设密码（输入两次）", AuditEvent.PasswordReset, "已重设密码"),
        }.Select(x =>
        {
            var who = new Argument<string>("name") { Description = Cli.T("此人的登录名。") };
            var stdin = new Option<bool>("--password-stdin") { Description = Cli.T("从标准输入读一行作为新密码，不再询问两次。") };
            var folder = dataOption();
            var pg = postgresOption();
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

                using var db = database(parse.GetValue(pg), parse.GetValue(folder)!);
                var store = new StationStore(db);
                var audit = AuditFacts.Row(AuditFacts.CommandLine, x.Event, new AccountNamed(person, null));
                var done = x.Name switch
                {
                    "disable" => store.Accounts.Disable(person, audit),
                    "enable" => store.Accounts.Enable(person, audit),
                    _ => store.Accounts.SetPassword(person, Passwords.Hash(password!), audit),
                };
                if (!done)
                {
                    Console.Error.WriteLine(Cli.T("没有账户「{0}」。", person));
                    return 1;
                }

                Console.WriteLine(Cli.T("{0}「{1}」", Cli.T(x.Done), person));
                return 0;
            });
            return command;
        });
        var users = new Command("user", Cli.T("工作站的账户")) { add, list };
        foreach (var c in change)
        {
            users.Subcommands.Add(c);
        }

        return users;
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
        var first = fromStdin ? Console.ReadLine() ?? string.Empty : Ask(Cli.T("密码") + Cli.T("："));
        var second = fromStdin ? first : Ask(Cli.T("再输入一次") + Cli.T("："));
        if (first != second)
        {
            Console.Error.WriteLine(Cli.T("两次输入的密码不同，未保存。"));
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
        var importFile = new Argument<FileInfo>("archive") { Description = Cli.T("由 `ballotscan archive export` 写出或从计票站下载的档案。") };
        var data = new Option<DirectoryInfo>("--data") { Description = Cli.T("新计票站的数据文件夹。"), DefaultValueFactory = _ => new DirectoryInfo("station-data") };
        var postgres = new Option<string?>("--postgres") { Description = Cli.T("改为导入一个（空的）PostgreSQL 数据库。") };
        var importRoot = new Option<string?>("--root") { Description = Cli.T("结果报告单上印的选票档案校验值：给出时，只导入与之相符的档案。") };
        var command = new Command("import", Cli.T("把存档的计票导入一个新的计票站，在那里抽查（./ballotscan serve --data <文件夹>）。")) { importFile, data, postgres, importRoot };
        command.SetAction(parse => Import(parse.GetValue(importFile)!, parse.GetValue(data)!, parse.GetValue(postgres), parse.GetValue(importRoot)));
        return command;
    }

    private static int Import(FileInfo file, DirectoryInfo data, string? postgres, string? root)
    {
        try
        {
            var archive = ArchivedCount.Load(file.FullName, root);
            using var station = CountingStation.Import(new StationOptions { DataFolder = data.FullName, Postgres = postgres }, archive, AuditFacts.CommandLine);
            Console.WriteLine(Cli.T("{0}：{1} 的 {2} 张选票和 {3} 项裁定已导入 {4}（Merkle 根 {5}）。", file.Name, archive.Definition.Title, archive.Sheets.Count, archive.Decisions.Count, station.StorageDescription, archive.Manifest.MerkleRoot));
            Console.WriteLine(Cli.T("新建审计员账户（./ballotscan station user add <姓名> --role auditor --data {0}），启动 ./ballotscan serve --data {0}，打开“抽查”页。", data.FullName));
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or StationException or JsonException)
        {
            Console.Error.WriteLine($"{Cli.T("未导入：")}{ProblemWords.Say(Cli.Lang, e)}");
            return 1;
        }
    }
}
