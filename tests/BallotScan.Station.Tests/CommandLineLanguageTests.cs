using System.Text.RegularExpressions;

namespace BallotScan.Station.Tests;

/// <summary>The command line in English by choice: a count's summary says nothing in Chinese but the election's own names.</summary>
public sealed partial class CommandLineLanguageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ballotscan-cli-lang-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] s_venueCommands = ["election", "count", "serve", "archive", "audit"];
    private static readonly string[] s_developerCommands = ["demo", "synth", "evaluate", "calibrate", "real-marks"];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [Fact]
    public async Task A_count_in_English_prints_no_Chinese_but_the_election_s_names()
    {
        // Two ballot boxes (a folder each), so that the summary has its line of batches.
        var batch = SyntheticBatch.Make(seed: 7321, sheets: 12);
        var scans = Path.Combine(_folder, "scans");
        foreach (var (file, i) in batch.Files.Select((f, i) => (f, i)))
        {
            var box = Path.Combine(scans, i % 2 == 0 ? "box-a" : "box-b");
            Directory.CreateDirectory(box);
            await File.WriteAllBytesAsync(Path.Combine(box, file.Name), file.Bytes);
        }

        var (exitCode, printed, errors) = await HostProcess.RunAsync("count", StationServer.VillagersExample, scans, "-o", Path.Combine(_folder, "result"), "--lang", "en");
        Assert.True(exitCode == 0, errors);

        var names = new[] { batch.Definition.Title }.Concat(batch.Definition.Contests.Select(c => c.Title)).Concat(batch.Definition.Contests.SelectMany(c => c.Candidates.Select(x => x.Name)))
            .OrderByDescending(n => n.Length).ToList();
        var lines = printed.Split('\n').Select(line => names.Aggregate(line, (text, name) => text.Replace(name, string.Empty, StringComparison.Ordinal)));
        Assert.Contains("Batches: ", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, line => Han().IsMatch(line));
    }

    /// <summary>Issue 36: the help's own headers, a required option and a default are in Chinese too; and `info` names what it checked in Chinese.</summary>
    [Fact]
    public async Task The_help_and_info_are_in_Chinese_throughout()
    {
        var (exitCode, help, errors) = await HostProcess.RunAsync("count", "--help");
        Assert.True(exitCode == 0, errors);
        Assert.StartsWith("说明：", help, StringComparison.Ordinal);
        Assert.Contains("（必填）", help, StringComparison.Ordinal);
        Assert.Contains("［默认：zh］", help, StringComparison.Ordinal);
        foreach (var english in new[] { "Description:", "(REQUIRED)", "[default:" })
        {
            Assert.DoesNotContain(english, help, StringComparison.Ordinal);
        }

        var (_, info, _) = await HostProcess.RunAsync("info");
        foreach (var english in new[] { "imaging engines", "Chinese font", "Simplified Chinese data" })
        {
            Assert.DoesNotContain(english, info, StringComparison.Ordinal);
        }

        var (_, inEnglish, _) = await HostProcess.RunAsync("count", "--help", "--lang", "en");
        Assert.StartsWith("Description:", inEnglish, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 36: the usage line names the program as people start it (it named the assembly, BallotScan.Lab), and the
    /// developer's commands (synth, evaluate, calibrate…) stand under their own heading after the venue's, in both languages.
    /// </summary>
    [Fact]
    public async Task The_help_names_the_program_and_lists_the_developer_s_commands_apart()
    {
        foreach (var (lang, heading) in new[] { ("zh", "开发者命令"), ("en", "Developer commands") })
        {
            var (exitCode, help, errors) = await HostProcess.RunAsync("--help", "--lang", lang);
            Assert.True(exitCode == 0, errors);
            Assert.DoesNotContain("BallotScan.Lab", help, StringComparison.Ordinal);
            Assert.Contains("  ballotscan [", help, StringComparison.Ordinal);
            var lines = help.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            var apart = lines.FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
            int Line(string command) => lines.FindIndex(l => l.StartsWith($"  {command} ", StringComparison.Ordinal));
            Assert.True(apart > 0, help);
            Assert.All(s_venueCommands, c => Assert.InRange(Line(c), 0, apart));
            Assert.All(s_developerCommands, c => Assert.True(Line(c) > apart, c));
        }
    }

    /// <summary>Issue 36: an option's value as the docs write it or in Chinese; a number standing for an enum's value is refused in words.</summary>
    [Fact]
    public async Task An_option_s_value_is_taken_in_chinese_and_a_number_is_refused()
    {
        var data = Path.Combine(_folder, "accounts");
        var (exitCode, said, errors) = await HostProcess.RunWithInputAsync("a long enough password 1", "station", "user", "add", "张三", "--role", "总监票人", "--password-stdin", "--data", data);
        Assert.True(exitCode == 0, said + errors);
        Assert.Contains("（总监票人）", said, StringComparison.Ordinal);
        (exitCode, said, errors) = await HostProcess.RunWithInputAsync("a long enough password 1", "station", "user", "add", "李四", "--role", "chiefscrutineer", "--password-stdin", "--data", data);
        Assert.True(exitCode == 0, said + errors);

        (exitCode, _, errors) = await HostProcess.RunWithInputAsync("a long enough password 1", "station", "user", "add", "王五", "--role", "3", "--password-stdin", "--data", data);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("「3」不是 --role 可用的值：可写 operator（操作员/收票员/收票）", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_station_that_cannot_start_says_why_in_the_chosen_language()
    {
        // No election yet, and none given.
        var data = Path.Combine(_folder, "station");
        var (exitCode, _, errors) = await HostProcess.RunAsync("serve", "--data", data, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, exitCode);
        Assert.Contains("本次计票还没有选举：第一次启动时用 --election", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("This count", errors, StringComparison.Ordinal);

        // A definition that cannot be used: its problems said, each in the chosen language.
        var definition = Path.Combine(_folder, "bad.json");
        await File.WriteAllTextAsync(definition, (await File.ReadAllTextAsync(StationServer.VillagersExample)).Replace("\"seats\": 1", "\"seats\": 0", StringComparison.Ordinal));
        (exitCode, _, errors) = await HostProcess.RunAsync("serve", "--data", Path.Combine(_folder, "station2"), "--election", definition, "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, exitCode);
        Assert.Contains("bad.json：职位 主任 的应选名额是 0，至少须为 1。", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("ZeroSeats", errors, StringComparison.Ordinal);
        // election validate says where, and what, without the problem's code name (it printed "错误 [ZeroSeats]").
        (exitCode, _, errors) = await HostProcess.RunAsync("election", "validate", definition);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("bad.json：错误（contests[0].seats）：第 18 行第 16 列：职位 主任 的应选名额是 0，至少须为 1。", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("ZeroSeats", errors, StringComparison.Ordinal);

        (exitCode, _, errors) = await HostProcess.RunAsync("serve", "--data", Path.Combine(_folder, "station3"), "--election", definition, "--urls", "http://127.0.0.1:0", "--lang", "en");
        Assert.Equal(1, exitCode);
        Assert.Contains("bad.json: The contest 主任 has 0 seats", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("应选名额是", errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh")]
    [InlineData("en")]
    public async Task Read_says_why_a_sheet_is_not_counted_in_the_chosen_language_only(string language)
    {
        var scans = Directory.CreateDirectory(Path.Combine(_folder, "not-ballots")).FullName;
        var party = Engine.Elections.ElectionJson.Load(Path.Combine(StationServer.Repository, "examples/party-committee.json"));
        using (var other = new Lab.Synthesis.BallotSynthesizer(party, new Lab.Synthesis.SynthesisOptions { Seed = 7341, BilevelTiffShare = 0 }.OnlyBallots()))
        {
            await File.WriteAllBytesAsync(Path.Combine(scans, "other-election.jpg"), other.Generate(0).Bytes);
        }

        using (var blank = Engine.Imaging.GrayImage.Create(1654, 2339))
        {
            await File.WriteAllBytesAsync(Path.Combine(scans, "blank-page.png"), Engine.Imaging.ImageCodec.EncodePng(blank));
        }

        var (exitCode, printed, errors) = await HostProcess.RunAsync("read", scans, "-d", StationServer.VillagersExample, "--lang", language);
        Assert.True(exitCode == 0, errors);

        // Each file named with why it is not counted; the other election is named by its id and this one by its title (their
        // data), nothing else in the other language.
        var title = Engine.Elections.ElectionJson.Load(StationServer.VillagersExample).Title;
        var said = errors.Split('\n', '\r').Where(line => line.Contains("blank-page.png", StringComparison.Ordinal) || line.Contains("other-election.jpg", StringComparison.Ordinal))
            .Select(line => line.Replace(party.Id, string.Empty, StringComparison.Ordinal).Replace(title, string.Empty, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, said.Count);
        var words = said.Select(line => line.Replace("blank-page.png", string.Empty, StringComparison.Ordinal).Replace("other-election.jpg", string.Empty, StringComparison.Ordinal)).ToList();
        if (language == "zh")
        {
            Assert.All(words, line => Assert.Contains("不计入", line, StringComparison.Ordinal));
            Assert.All(words, line => Assert.DoesNotMatch("[A-Za-z]{3,}", line));
            Assert.Contains(words, line => line.Contains("二维码", StringComparison.Ordinal));
        }
        else
        {
            Assert.All(words, line => Assert.Contains("not counted", line, StringComparison.Ordinal));
            Assert.DoesNotContain(words, line => Han().IsMatch(line));
        }

        Assert.DoesNotContain(language == "zh" ? "files/s" : "个文件", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auditor_s_check_of_an_archive_speaks_the_chosen_language_only()
    {
        var batch = SyntheticBatch.Make(seed: 7351, sheets: 10);
        var scans = await batch.WriteScansAsync(Path.Combine(_folder, "audit-scans"));

        var (counted, _, countErrors) = await HostProcess.RunAsync("count", StationServer.VillagersExample, scans, "-o", Path.Combine(_folder, "audit-count"));
        Assert.True(counted is 0 or 3, countErrors);
        var archive = Path.Combine(_folder, "count.zip");
        var (exported, _, exportErrors) = await HostProcess.RunAsync("archive", "export", Path.Combine(_folder, "audit-count"), "-o", archive);
        Assert.True(exported == 0, exportErrors);

        var names = new[] { batch.Definition.Title }.Concat(batch.Definition.Contests.Select(c => c.Title)).Concat(batch.Definition.Contests.SelectMany(c => c.Candidates.Select(x => x.Name)))
            .OrderByDescending(n => n.Length).ToList();
        async Task<string> Say(string language, params string[] arguments)
        {
            var (_, printed, errors) = await HostProcess.RunAsync([.. arguments, "--lang", language]);
            return names.Aggregate(printed + errors, (text, name) => text.Replace(name, string.Empty, StringComparison.Ordinal));
        }

        foreach (var language in new[] { "zh", "en" })
        {
            var verified = await Say(language, "archive", "verify", archive);
            var drawn = await Say(language, "audit", "sample", archive, "--seed", "20261213", "-n", "3", "--record", Path.Combine(_folder, $"spot-{language}.csv"));
            if (language == "zh")
            {
                Assert.Contains("档案完好", verified, StringComparison.Ordinal);
                Assert.Contains("机器读作", drawn, StringComparison.Ordinal);
                Assert.DoesNotContain("The archive is intact", verified, StringComparison.Ordinal);
                Assert.DoesNotContain("machine ", drawn, StringComparison.Ordinal);
                Assert.DoesNotContain("Pull each paper ballot", drawn, StringComparison.Ordinal);
            }
            else
            {
                Assert.Contains("The archive is intact", verified, StringComparison.Ordinal);
                Assert.Contains("machine ", drawn, StringComparison.Ordinal);
                Assert.DoesNotMatch(Han(), verified);
                Assert.DoesNotMatch(Han(), drawn);
            }
        }
    }

    /// <summary>
    /// A calibration never fits on the writers its figures are to be measured on: a writer of the held-out fold, or one the
    /// pack does not have (a typing slip that would fit on no real drawings at all), is refused before anything is drawn.
    /// </summary>
    [Theory]
    [InlineData("u18")] // fold 2, the one held out
    [InlineData("u99")] // no such writer
    public async Task Calibration_refuses_writers_it_must_not_or_cannot_fit_on(string writer)
    {
        var (exitCode, _, errors) = await HostProcess.RunAsync("calibrate", "--hold-out-fold", "2", "--writers", $"aly,{writer}", "--sheets", "1", "-o", Path.Combine(_folder, "fit.json"));

        Assert.Equal(1, exitCode);
        Assert.Contains("拟合的书写者须是真实图形包中的书写者", errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "fit.json")));
    }

    /// <summary>
    /// The shape network's fit takes its seed from the command line (how the networks of other seeds were fitted and compared,
    /// calibration/README.md), says it in the network's provenance, and fits another network with it; the classifier is kept.
    /// </summary>
    [Fact]
    public async Task A_shape_network_fitted_with_another_seed_says_it_and_differs()
    {
        var shipped = Path.Combine(StationServer.Repository, "calibration/mark-classifier.json");
        async Task<System.Text.Json.Nodes.JsonNode> FitAsync(params string[] seed)
        {
            var output = Path.Combine(_folder, $"fit{seed.Length}.json");
            var (exitCode, _, errors) = await HostProcess.RunAsync(["calibrate", "--hold-out-fold", "2", "--writers", "u06", "--sheets", "1", "--shape-net-only", shipped, .. seed, "-o", output]);
            Assert.True(exitCode == 0, errors);
            return System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        }

        var (first, second) = (await FitAsync(), await FitAsync("--shape-net-seed", "2"));
        Assert.Contains("--shape-net-seed 2", second["shape"]!["provenance"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("seed 2;", second["shape"]!["provenance"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("seed 1;", first["shape"]!["provenance"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEqual(first["shape"]!["outputWeights"]!.ToJsonString(), second["shape"]!["outputWeights"]!.ToJsonString());
        var original = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(shipped))!;
        Assert.Equal(original["symbolThresholds"]!.ToJsonString(), second["symbolThresholds"]!.ToJsonString());
        Assert.Equal(original["output"]!.ToJsonString(), second["output"]!.ToJsonString());
    }

    /// <summary>
    /// Packing the hand-drawn shapes says in Chinese what each becomes on a ballot, and finds an ellipse's axes whatever order
    /// its four ends are listed in: writer u01's flat ovals (ends listed top, left, right, bottom) once passed for round ○.
    /// </summary>
    [Fact]
    public async Task Packing_real_marks_leaves_a_flat_oval_off_the_ballots_whatever_order_its_axis_ends_are_listed_in()
    {
        var dataset = Path.Combine(_folder, "shapes");
        async Task Drawing(string shape, string name, Func<int, int, bool> ink, string vertices)
        {
            var pixels = new byte[70 * 70];
            for (var p = 0; p < pixels.Length; p++)
            {
                pixels[p] = ink(p % 70, p / 70) ? (byte)0 : (byte)255;
            }

            using var image = BallotScan.Engine.Imaging.GrayImage.FromPixels(pixels, 70, 70, 70);
            Directory.CreateDirectory(Path.Combine(dataset, "user.t01", "images", shape));
            Directory.CreateDirectory(Path.Combine(dataset, "user.t01", "vertices", shape));
            await File.WriteAllBytesAsync(Path.Combine(dataset, "user.t01", "images", shape, name + ".png"), BallotScan.Engine.Imaging.ImageCodec.EncodePng(image));
            await File.WriteAllTextAsync(Path.Combine(dataset, "user.t01", "vertices", shape, name + ".csv"), vertices);
        }

        static bool Ring(double x, double y, double a, double b) => Math.Abs(Math.Sqrt((x - 35) * (x - 35) / (a * a) + (y - 35) * (y - 35) / (b * b)) - 1) < 0.08;
        // A flat oval (axes 0.76 and 0.24 of the image), its ends listed top, left, right, bottom as u01's are.
        await Drawing("ellipse", "ellipse.t01.0001", (x, y) => Ring(x, y, 26, 8), "0.50,0.38\n0.12,0.50\n0.88,0.50\n0.50,0.62\n");
        // A round one, listed top, right, bottom, left.
        await Drawing("ellipse", "ellipse.t01.0002", (x, y) => Ring(x, y, 24, 22), "0.50,0.19\n0.84,0.50\n0.50,0.81\n0.16,0.50\n");
        await Drawing("rectangle", "rectangle.t01.0001", (x, y) => (x is 12 or 58 && y is >= 20 and <= 50) || (y is 20 or 50 && x is >= 12 and <= 58), "0.17,0.29\n0.83,0.29\n0.83,0.71\n0.17,0.71\n");
        var pack = Path.Combine(_folder, "pack.bin.gz");

        var (exitCode, printed, errors) = await HostProcess.RunAsync("real-marks", "pack", dataset, "--relabelled", Path.Combine(_folder, "none.csv"), "-o", pack);

        Assert.True(exitCode == 0, errors);
        Assert.Contains("已打包 3 个图形（1 位书写者）", printed, StringComparison.Ordinal);
        Assert.Matches(@"椭圆\s+→ （不放在选票上）\s+1", printed);
        Assert.Matches(@"椭圆\s+→ ○（赞成）\s+1", printed);
        Assert.Matches(@"矩形\s+→ 其他符号\s+1", printed);
        Assert.DoesNotContain("Circle", printed, StringComparison.Ordinal);
    }

    /// <summary>
    /// The separability measure of issue 17 on one writer's drawings (elu's: few enough to fit in seconds on their own): it
    /// says in Chinese how many drawings the network fitted and how many of the writer's unseen ○ and other drawings it was
    /// measured on, the pack's own counts, what the scrutineers would pay for counting none of the others, and the same
    /// among the rectangles and triangles alone.
    /// </summary>
    [Fact]
    public async Task A_writer_s_separability_is_measured_on_their_unseen_drawings_and_said_in_Chinese()
    {
        var set = BallotScan.Lab.Synthesis.RealMarkSet.Load(Path.Combine(StationServer.Repository, "calibration/real-marks/hand-drawn-shapes.bin.gz"));
        var elu = set.Drawings.Where(d => d.Writer == "elu" && d.Truth is not null).ToList();
        static bool Odd(BallotScan.Lab.Synthesis.RealDrawing d) => int.Parse(d.Source.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture) % 2 == 1;
        var circles = elu.Count(d => Odd(d) && d.Truth == BallotScan.Engine.Recognition.MarkSymbol.Circle);

        var (exitCode, printed, errors) = await HostProcess.RunAsync("real-marks", "separability", "elu", "--fit", "own");

        Assert.True(exitCode == 0, errors);
        Assert.Contains($"书写者 elu：网络拟合了 {elu.Count(d => !Odd(d))} 个图形；在其 {circles} 个圆 ○ 和 {elu.Count(Odd) - circles} 个其他图形（奇数号，未拟合）上测量。", printed, StringComparison.Ordinal);
        Assert.Matches(@"要不计入任何其他图形（阈值须高于 0\.\d+，\w+\.elu\.\d{4}\.png）：\d+\.\d % 的圆 ○ 须交人工。", printed);
        Assert.Matches(@"只让 3\.0 % 的圆 ○ 交人工（阈值 0\.\d+）：其他图形被计入 \d+ 个", printed);
        var polygons = elu.Count(d => Odd(d) && d.Shape is BallotScan.Lab.Synthesis.RealShape.Rectangle or BallotScan.Lab.Synthesis.RealShape.Triangle);
        Assert.Contains($"其中只看矩形和三角形（{polygons} 个）：", printed, StringComparison.Ordinal);
        Assert.Matches(@"网络最拿不准的圆 ○（最不像 ○ 的在前）：(ellipse\.elu\.\d{4}\.png ?){12}", printed);
    }

    /// <summary>A writer the pack does not have is named as such with the writers it has; a fit is chosen by its name only, never a number.</summary>
    [Theory]
    [InlineData("u99", "both", "没有书写者「u99」；可用的有：aly、")]
    [InlineData("elu", "1", "'other-folds'")] // the parser's own refusal, listing the names (in Chinese on a Chinese console)
    public async Task A_separability_of_no_such_writer_or_fit_is_refused(string writer, string fit, string said)
    {
        var (exitCode, printed, errors) = await HostProcess.RunAsync("real-marks", "separability", writer, "--fit", fit);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(said, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("书写者 ", printed, StringComparison.Ordinal);
    }
}
