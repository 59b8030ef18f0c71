using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Host.Station;
using BallotScan.Host.Station.Accounts;
using BallotScan.Host.Station.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BallotScan.Station.Tests;

/// <summary>Where a test station keeps its count.</summary>
public enum Storage
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A real station for a test: Kestrel on a free loopback port, its own data folder, and for PostgreSQL its own database
/// on the server `./ballotscan test` starts (connection string in BALLOTSCAN_TEST_POSTGRES), dropped afterwards.
/// </summary>
internal sealed class StationServer : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly WebApplication _app;
    private readonly string? _database;

    private StationServer(WebApplication app, CountingStation station, string folder, string? database)
    {
        _app = app;
        Station = station;
        Folder = folder;
        _database = database;
        Address = new Uri(app.Urls.First());
    }

    public CountingStation Station { get; }

    public string Folder { get; }

    public Uri Address { get; }

    public static string Repository { get; } = FindRepository();

    public static string VillagersExample => Path.Combine(Repository, "examples/villagers-committee.json");

    public static async Task<StationServer> StartAsync(Storage storage, Func<StationOptions, StationOptions>? configure = null, string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("ballotscan-station-test-").FullName;
        string? database = null;
        string? connection = null;
        if (storage == Storage.Postgres)
        {
            (database, connection) = CreatePostgresDatabase();
        }

        var options = new StationOptions
        {
            Urls = "http://127.0.0.1:0",
            DataFolder = folder,
            Postgres = connection,
            DefinitionFile = VillagersExample,
            SecondScrutineer = true,
            ReadParallelism = 2,
        };
        options = configure?.Invoke(options) ?? options;
        var station = CountingStation.Open(options);
        if (station.Store.Accounts.Users().Count == 0)
        {
            AddAccounts(station);
        }

        var app = StationApp.Build(options, station, logging => logging.SetMinimumLevel(LogLevel.Warning));
        await app.StartAsync().ConfigureAwait(false);
        return new StationServer(app, station, folder, database);
    }

    public static void AddAccounts(CountingStation station)
    {
        foreach (var (name, role) in new[] { ("op", StationRole.Operator), ("s1", StationRole.Scrutineer), ("s2", StationRole.Scrutineer), ("obs", StationRole.Observer), ("aud", StationRole.Auditor) })
        {
            station.Store.Accounts.AddUser(name, role, Passwords.Hash(Password));
        }
    }

    /// <summary>A signed-in client (cookies and the antiforgery token kept).</summary>
    public async Task<StationClient> SignInAsync(string name, string password = Password)
    {
        var client = new StationClient(Address);
        var response = await client.SignInAsync(name, password).ConfigureAwait(false);
        Assert.True(response, $"{name} could not sign in");
        return client;
    }

    /// <summary>
    /// A station whose count is done: <paramref name="batch"/> uploaded and read, and every item on the review list decided
    /// (from the generator's truth) by a scrutineer alone (no second-scrutineer setting).
    /// </summary>
    public static async Task<StationServer> DecidedAsync(Storage storage, SyntheticBatch batch)
    {
        var server = await StartAsync(storage, o => o with { SecondScrutineer = false });
        using var op = await server.SignInAsync("op");
        using (var upload = await op.UploadAsync(batch.Files))
        {
            Assert.True(upload.IsSuccessStatusCode);
        }

        await server.ReadAllAsync();
        using var s1 = await server.SignInAsync("s1");
        foreach (var d in batch.Decisions(server.Station))
        {
            using var response = await s1.PostJsonAsync("/api/decisions", new BallotScan.Host.Station.Web.DecisionRequest(d.Sheet, d.Kind, d.BoxId, d.Symbol, d.WriteInName, d.SheetDecision, d.Reason));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(server.Station.Results.Count().Result.ReviewList);

        // The meeting's figures, as the counters wrote them (every voter of this small village came and voted): with them the rules decide who is elected.
        var ballots = server.Station.Results.Count().Result.Adjudicated.BallotsFound;
        var figures = $"项目,职位,姓名,票数\n应到人数,,,{ballots}\n实到人数,,,{ballots}\n发出选票,,,{ballots}\n";
        using (var hand = await s1.PostAsync("/api/hand-tally", new StringContent(figures, System.Text.Encoding.UTF8, "text/csv")))
        {
            Assert.True(hand.IsSuccessStatusCode, await hand.Content.ReadAsStringAsync());
        }

        Assert.Contains(server.Station.Results.Count().Result.Adjudicated.Contests, c => c.Outcome is { Elected.Count: > 0 });
        return server;
    }

    /// <summary>Waits until every file taken in is read.</summary>
    public async Task<IntakeProgress> ReadAllAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var progress = Station.Store.Progress();
            if (progress.Queued == 0)
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < until, $"{progress.Queued} file(s) still queued");
            await Task.Delay(200).ConfigureAwait(false);
        }
    }

    public static (string Database, string Connection) CreatePostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("BALLOTSCAN_TEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "BALLOTSCAN_TEST_POSTGRES is not set: run the tests with ./ballotscan test, which installs and starts PostgreSQL on loopback.");
        var name = $"ballotscan_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }

        return (name, new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString);
    }

    public static void DropPostgresDatabase(string name)
    {
        using var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("BALLOTSCAN_TEST_POSTGRES"));
        admin.Open();
        using var drop = admin.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS {name} WITH (FORCE)";
        // A server process of another role on the database (autovacuum at work on it) cannot be ended by the test role
        // (42501): it finishes on its own, so the drop is tried again a few times before it fails.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                drop.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 10)
            {
                Thread.Sleep(500);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Station.Dispose();
        if (_database is not null)
        {
            DropPostgresDatabase(_database);
        }

        Directory.Delete(Folder, recursive: true);
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BallotScan.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository (BallotScan.slnx) is not above the test binaries.");
    }
}

/// <summary>An HTTP client of the station as a browser or a script uses it: sign in by the form, then JSON with the antiforgery header.</summary>
internal sealed class StationClient : IDisposable
{
    private readonly HttpClient _http;
    private string _token = string.Empty;

    public StationClient(Uri address)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public HttpClient Http => _http;

    public CookieContainer Cookies { get; } = new();

    public async Task RefreshTokenAsync()
    {
        var answer = await _http.GetFromJsonAsync<JsonElement>("/api/antiforgery").ConfigureAwait(false);
        _token = answer.GetProperty("token").GetString()!;
    }

    public async Task<bool> SignInAsync(string name, string password)
    {
        await RefreshTokenAsync().ConfigureAwait(false);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = form };
        request.Headers.Add("X-CSRF-TOKEN", _token);
        using var response = await _http.SendAsync(request).ConfigureAwait(false);
        await RefreshTokenAsync().ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content, bool withToken = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (withToken)
        {
            request.Headers.Add("X-CSRF-TOKEN", _token);
        }

        return await _http.SendAsync(request).ConfigureAwait(false);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object value) =>
        PostAsync(path, JsonContent.Create(value, options: ElectionJson.Options));

    public async Task<HttpResponseMessage> UploadAsync(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            form.Add(new ByteArrayContent(bytes), "files", name);
        }

        return await PostAsync("/api/intake", form).ConfigureAwait(false);
    }

    public async Task<T> GetJsonAsync<T>(string path) =>
        (await _http.GetFromJsonAsync<T>(path, ElectionJson.Options).ConfigureAwait(false))!;

    public void Dispose() => _http.Dispose();
}
