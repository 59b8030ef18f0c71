using System.Net;
using System.Text.RegularExpressions;

namespace BallotScan.Station.Tests;

/// <summary>
/// Chinese throughout: every page of the station, rendered in zh-CN (the default), holds no English text but the data's
/// own (file names, codes) and the names of formats and tools (PDF, CSV, QR …); and English by choice: rendered in English,
/// no Chinese but the election's own names and what was written down in Chinese.
/// </summary>
public sealed partial class ChineseTextTests
{
    /// <summary>Words that are not English text to a Chinese reader: formats, units, tools, the product's name.</summary>
    private static readonly HashSet<string> s_allowed = new(StringComparer.Ordinal)
    {
        "BallotScan", "PDF", "CSV", "JSON", "QR", "SHA", "Merkle", "OCR", "Excel", "WPS", "xlsx", "xls", "zip", "csv", "json", "pdf", "png", "jpg", "jpeg", "tif", "tiff",
        "English", "dpi", "TIFF", "JPEG", "PNG", "UTC", "GB18030", "UTF", "PostgreSQL", "Tesseract", "BMP",
    };

    [Fact]
    public async Task Every_page_in_zh_CN_has_no_English_but_the_data_s_own()
    {
        var (pages, data) = await EveningAsync(english: false);
        var found = pages.SelectMany(p => EnglishWords(p.Html, data).Select(word => $"{p.Path}: {word}")).Distinct().ToList();
        Assert.True(found.Count == 0, $"{found.Count} English texts on zh-CN pages:\n{string.Join("\n", found)}");
    }

    /// <summary>
    /// The count's tables that the township office and the auditors open in Excel or WPS (the cast-vote records the result
    /// report points to, the review list, the reconciliation) are in Chinese, and name contests and boxes as printed.
    /// </summary>
    [Fact]
    public async Task The_count_s_tables_are_in_Chinese_and_name_contests_as_printed()
    {
        var (pages, data) = await EveningAsync(english: false, downloads: true);
        var tables = pages.Where(p => p.Path.StartsWith("/downloads/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, tables.Count);
        var found = tables.SelectMany(p => EnglishWords(p.Html.Replace(',', '\n'), data).Select(word => $"{p.Path}: {word}")).Distinct().ToList();
        Assert.True(found.Count == 0, $"{found.Count} English texts in the count's tables:\n{string.Join("\n", found.Take(40))}");
    }

    [Fact]
    public async Task Every_page_in_English_has_no_Chinese_but_the_data_s_own()
    {
        var (pages, data) = await EveningAsync(english: true);
        Assert.All(pages, p => Assert.Contains("<html lang=\"en\">", p.Html, StringComparison.Ordinal));
        // The link back to Chinese is the one Chinese text an English page has of its own.
        var found = pages.SelectMany(p => ChineseLines(p.Html, [.. data, "中文"]).Select(line => $"{p.Path}: {line}")).Distinct().ToList();
        Assert.True(found.Count == 0, $"{found.Count} Chinese texts on English pages:\n{string.Join("\n", found)}");
    }

    /// <summary>Issue 36: before the first ballot the results page says there are none yet, not "all counted" nor "not valid".</summary>
    [Fact]
    public async Task An_empty_station_says_it_has_no_ballots_yet()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var s1 = await server.SignInAsync("s1");
        var results = await s1.Http.GetStringAsync("/results");
        Assert.Contains("还没有选票", results, StringComparison.Ordinal);
        Assert.DoesNotContain("所有选票均已计入或裁定", results, StringComparison.Ordinal);
        Assert.DoesNotContain("无效", string.Join("\n", VisibleLines(results, [])), StringComparison.Ordinal);
        Assert.Contains("数据文件 ", await s1.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    /// <summary>
    /// An evening at the station in one language: a batch read with another election's ballot and a blank page beside it,
    /// some decisions made and others left, a hand tally that differs, a file uploaded through the page; every page as the
    /// operator or a scrutineer sees it, and the data's own words (which may be in any language).
    /// </summary>
    private static async Task<(List<(string Path, string Html)> Pages, List<string> Data)> EveningAsync(bool english, bool downloads = false)
    {
        var batch = SyntheticBatch.Make(seed: 7311, sheets: 40);
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        using var op = await server.SignInAsync("op");
        var party = Engine.Elections.ElectionJson.Load(Path.Combine(StationServer.Repository, "examples/party-committee.json"));
        using var other = new Lab.Synthesis.BallotSynthesizer(party, new Lab.Synthesis.SynthesisOptions { Seed = 7312, BilevelTiffShare = 0 }.OnlyBallots());
        using var blank = Engine.Imaging.GrayImage.Create(1654, 2339);
        (string, byte[])[] foreign = [("other-election.jpg", other.Generate(0).Bytes), ("blank-page.png", Engine.Imaging.ImageCodec.EncodePng(blank))];
        using (await op.UploadAsync(batch.Files.Skip(2).Concat(foreign)))
        {
        }

        // Two scans come through the scanner's folder (issue 36: the intake list said "scanner folder").
        var watched = Directory.CreateDirectory(Path.Combine(server.Folder, "scanner-out")).FullName;
        foreach (var (name, bytes) in batch.Files.Take(2))
        {
            await File.WriteAllBytesAsync(Path.Combine(watched, name), bytes);
            File.SetLastWriteTimeUtc(Path.Combine(watched, name), DateTime.UtcNow.AddMinutes(-1));
        }

        new BallotScan.Host.Station.Intake.WatchedFolder(server.Station, Microsoft.Extensions.Logging.Abstractions.NullLogger<BallotScan.Host.Station.Intake.WatchedFolder>.Instance).Scan(watched);
        await server.ReadAllAsync();
        using var s1 = await server.SignInAsync("s1");
        if (english)
        {
            op.Cookies.Add(server.Address, new Cookie("lang", "en"));
            s1.Cookies.Add(server.Address, new Cookie("lang", "en"));
        }

        // Some decisions made, so that 复核 has items; others left, so that 审核 has.
        foreach (var d in batch.Decisions(server.Station).Take(6))
        {
            using var response = await s1.PostJsonAsync("/api/decisions", new BallotScan.Host.Station.Web.DecisionRequest(d.Sheet, d.Kind, d.BoxId, d.Symbol, d.WriteInName, d.SheetDecision, d.Reason));
        }

        // A hand tally that differs from the machine's, so that 核对 lists the differences and the sheets behind them, and that
        // does not add up in itself (a candidate's lines more than the ballots returned), so that 核对 says so; a file
        // uploaded through the page, so that its result page is seen too.
        var machine = server.Station.Results.Count().Result.Adjudicated;
        var first = machine.Contests[0].Candidates[0];
        var title = machine.Contests[0].Title;
        var hand = $"项目,职位,姓名,票数\n发出选票,,,{machine.BallotsFound + 2}\n收回选票,,,1\n赞成,{title},{first.Name},{first.Approve + 1}\n不赞成,{title},{first.Name},{first.Disapprove}\n弃权,{title},{first.Name},{first.Abstain}\n另选他人,{title},钱六,3\n";
        using (await s1.PostAsync("/api/hand-tally", new StringContent(hand, System.Text.Encoding.UTF8, "text/csv")))
        {
        }

        var form = new MultipartFormDataContent { { new ByteArrayContent("not an image"u8.ToArray()), "files", "notes.txt" }, { new ByteArrayContent(batch.Sheets[0].Bytes), "files", "again-" + batch.Files.First().Name } };
        using var uploaded = await op.PostAsync("/intake/upload", form);
        var pages = new List<(string Path, string Html)> { ("/intake/upload", await uploaded.Content.ReadAsStringAsync()) };

        var sheet = server.Station.Store.Sheets().First().SheetId;
        foreach (var (client, path) in new[] { (op, "/"), (s1, "/review"), (s1, "/marks"), (s1, "/write-ins"), (s1, "/set-aside"), (s1, "/confirmations"), (s1, "/hand-tally"), (s1, "/reconciliation"),
            (s1, "/results"), (s1, "/spot-check"), (s1, "/audit"), (op, "/election"), (s1, $"/sheet?id={Uri.EscapeDataString(sheet)}"), (s1, "/review/next") })
        {
            using var response = await client.Http.GetAsync(path);
            var html = response.StatusCode == HttpStatusCode.Redirect
                ? await client.Http.GetStringAsync(response.Headers.Location!.OriginalString)
                : await response.Content.ReadAsStringAsync();
            pages.Add((path, html));
        }

        foreach (var table in downloads ? ["cast-vote-records.csv", "review-list.csv", "reconciliation.csv"] : Array.Empty<string>())
        {
            pages.Add(($"/downloads/{table}", await s1.Http.GetStringAsync($"/downloads/{table}")));
        }

        // The data's own words: file names, sheet ids, the reasons the scrutineers typed, the folder the station keeps its data
        // in, another election's id (named by the id its QR codes carry); the election's own names (its title, contests,
        // candidates, the names written in and tallied by hand, "另选1" as an auditor names a write-in cell).
        var definition = server.Station.Definition;
        var data = batch.Files.Select(f => f.Name).Concat(server.Station.Store.Sheets().Select(s => s.SheetId))
            .Concat(batch.Decisions(server.Station).Select(d => d.Reason)).Append(server.Folder).Append("again-" + batch.Files.First().Name).Concat(foreign.Select(f => f.Item1)).Append(party.Id)
            .Concat(english
                ? [definition.Title, .. definition.Contests.Select(c => c.Title), .. definition.Contests.SelectMany(c => c.Candidates.Select(x => x.Name)),
                    .. batch.Decisions(server.Station).Select(d => d.WriteInName ?? string.Empty), "钱六", "另选1"]
                : [])
            .Where(d => d.Length > 0).ToList();
        return (pages, data);
    }

    /// <summary>The visible text's lines that hold Chinese once the data's own words are taken out.</summary>
    private static IEnumerable<string> ChineseLines(string html, IReadOnlyList<string> data) =>
        VisibleLines(html, data).Where(line => Han().IsMatch(line)).Select(line => line.Length > 160 ? line[..160] + "…" : line);

    /// <summary>The visible text (tags, scripts and the title removed, entities decoded) by line, with the data's own words taken out.</summary>
    private static IEnumerable<string> VisibleLines(string html, IReadOnlyList<string> data)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(Hidden().Replace(html, " "), "\n"));
        foreach (var d in data.OrderByDescending(d => d.Length))
        {
            text = text.Replace(d, " ", StringComparison.Ordinal);
        }

        return text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);
    }

    /// <summary>The visible text's Latin words of three letters or more that are neither data nor allowed.</summary>
    internal static IEnumerable<string> EnglishWords(string html, IReadOnlyList<string> data)
    {
        foreach (var line in VisibleLines(html, data))
        {
            // A file's name (result.pdf) and a code's hex digits (1c8bb88c7dcf…) are data.
            var cleaned = FileName().Replace(HexCode().Replace(line, " "), " ");
            var words = Word().Matches(cleaned).Select(m => m.Value).Where(w => !s_allowed.Contains(w)).ToList();
            if (words.Count > 0)
            {
                yield return line.Length > 160 ? line[..160] + "…" : line;
            }
        }
    }

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>|<title>.*?</title>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Word();

    [GeneratedRegex("\\b[0-9a-f]{8,}\\b")]
    private static partial Regex HexCode();

    [GeneratedRegex("[\\w.-]+\\.(pdf|csv|xlsx|json|jsonl|zip|txt|png|jpg|tif|db)\\b")]
    private static partial Regex FileName();
}
