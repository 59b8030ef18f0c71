using System.CommandLine;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;
using Microsoft.Extensions.Hosting;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan serve` (the scrutineer station) and `ballotscan station user add` (its accounts).</summary>
internal static class StationCommands
{
    private static Option<DirectoryInfo> DataOption() => new("--data") { Description = "The station's data folder (the SQLite file).", DefaultValueFactory = _ => new DirectoryInfo("station-data") };

    private static Option<string?> PostgresOption() => new("--postgres") { Description = "A PostgreSQL connection string, for several scan stations sharing one count (default: SQLite in the data folder). Also read from BALLOTSCAN_POSTGRES." };

    public static Command Serve()
    {
        var election = new Option<FileInfo?>("--election") { Description = "The election definition (needed the first time; afterwards the count's own copy is used)." };
        var data = DataOption();
        var postgres = PostgresOption();
        var urls = new Option<string>("--urls") { Description = "Where to listen (loopback by default).", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var watch = new Option<DirectoryInfo?>("--watch") { Description = "A folder the scanner software saves into: every image that appears is taken in." };
        var sane = new Option<string?>("--sane-device") { Description = "A SANE device to scan from its feeder (scanimage -L lists them; 'test' is SANE's test backend)." };
        var second = new Option<bool>("--second-scrutineer") { Description = "A decision that changes a count needs a second scrutineer's confirmation.", DefaultValueFactory = _ => true };
        var command = new Command("serve", "The scrutineer station: a web application at the counting venue (intake, review, hand tally, reconciliation, results).")
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
                Console.Error.WriteLine($"数据文件夹 {options.DataFolder} 正被另一个计票工作站使用：先停止它，或用 --data 另选文件夹。 / The data folder {options.DataFolder} is in use by another station: stop it, or give another --data folder.");
                return 2;
            }

            CountingStation station;
            try
            {
                station = CountingStation.Open(options);
            }
            catch (Exception e) when (e is StationException or IOException or BallotScan.Engine.Elections.ElectionDefinitionException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }

            using (station)
            {
                if (station.Store.Users().Count == 0)
                {
                    Console.Error.WriteLine("No accounts yet: make them with ./ballotscan station user add <name> --role operator|scrutineer|observer" + (options.Postgres is null ? $" --data {options.DataFolder}" : string.Empty));
                }

                await using var app = StationApp.Build(options, station);
                try
                {
                    await app.StartAsync(cancel).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    // Kestrel's AddressInUseException, or an address that cannot be had: said plainly, before anything claims to be up.
                    Console.Error.WriteLine($"无法在 {options.Urls} 上启动：该端口已被占用（也许另一个工作站在运行），或地址不可用。用 --urls 换一个端口。 / Cannot listen on {options.Urls}: the port is in use (another station?) or the address is not available: give another with --urls. ({e.Message})");
                    return 2;
                }

                Console.WriteLine($"BallotScan station for {station.Definition.Title}: {options.Urls} ({station.Store.Database.Description}). Ctrl+C stops it; nothing is lost.");
                await app.WaitForShutdownAsync(cancel).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    public static Command Station()
    {
        var name = new Argument<string>("name") { Description = "The person's sign-in name." };
        var role = new Option<StationRole>("--role") { Description = "operator (intake), scrutineer (decisions, hand tally), observer (read only) or auditor (spot-checks).", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (one line) instead of asking." };
        var data = DataOption();
        var postgres = PostgresOption();
        var add = new Command("add", "Make an account.") { name, role, passwordStdin, data, postgres };
        add.SetAction(parse =>
        {
            var password = parse.GetValue(passwordStdin) ? Console.ReadLine() ?? string.Empty : Ask("Password: ");
            if (Passwords.Problem(password) is { } problem)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }

            var connection = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("BALLOTSCAN_POSTGRES");
            using var database = connection is { Length: > 0 } ? StationDatabase.Postgres(connection) : StationDatabase.Sqlite(Path.Combine(parse.GetValue(data)!.FullName, "station.db"));
            database.Migrate();
            var store = new StationStore(database);
            var who = parse.GetValue(name)!.Trim();
            if (!store.AddUser(who, parse.GetValue(role), Passwords.Hash(password)))
            {
                Console.Error.WriteLine($"There is already an account '{who}'.");
                return 1;
            }

            store.Audit("command line", "account added", $"{who} ({parse.GetValue(role)})");
            Console.WriteLine($"Account '{who}' ({parse.GetValue(role)}) added to {database.Description}.");
            return 0;
        });
        var users = new Command("user", "Accounts of the station.") { add };
        return new Command("station", "The scrutineer station's set-up.") { users };
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
}
