using System.Globalization;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Reconciliation;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station;
using Microsoft.Playwright;

namespace BallotScan.Station.Tests;

/// <summary>Debian's chromium, headless, driven by Playwright (its own browser download is never used).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./ballotscan setup installs Debian's chromium package.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root, without a GPU, and without the background connections a closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>
/// The venue's whole evening in a browser: an operator uploads a batch; a scrutineer works through the review queue by
/// keyboard (and slips once); a second scrutineer confirms; the hand tally is entered; the one difference is traced to its
/// sheet and put right; the result equals the truth of the synthetic batch. Screenshots of the review and reconciliation
/// pages go to BALLOTSCAN_SCREENSHOTS (the README's pictures) or the test output.
/// </summary>
public sealed class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<MarkSymbol, string> s_keys = new()
    {
        [MarkSymbol.Circle] = "1", [MarkSymbol.Cross] = "2", [MarkSymbol.Blank] = "3", [MarkSymbol.Check] = "4", [MarkSymbol.Other] = "5",
    };

    private static readonly Dictionary<SheetDecision, string> s_sheetKeys = new()
    {
        [SheetDecision.Count] = "q", [SheetDecision.Void] = "w", [SheetDecision.NotCounted] = "e",
    };

    internal static string Screenshots { get; } = Environment.GetEnvironmentVariable("BALLOTSCAN_SCREENSHOTS") is { Length: > 0 } folder
        ? folder : Path.Combine(StationServer.Repository, "out", "screenshots");

    /// <summary>The evening at a laptop's 1366 px by keyboard (a write-in name composed with a Chinese input method), and on
    /// a phone's 390 px by touch alone.</summary>
    [Theory]
    [InlineData(1366, false)]
    [InlineData(390, true)]
    public async Task Upload_review_confirm_hand_tally_and_trace_the_one_difference_to_its_sheet(int width, bool touch)
    {
        var batch = SyntheticBatch.Make(seed: 7302, sheets: 40);
        var files = Directory.CreateTempSubdirectory("ballotscan-batch-");
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        try
        {
            foreach (var (name, bytes) in batch.Files)
            {
                await File.WriteAllBytesAsync(Path.Combine(files.FullName, name), bytes);
            }

            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.Address.ToString(), ViewportSize = new() { Width = width, Height = touch ? 844 : 900 }, Locale = "zh-CN", HasTouch = touch, IsMobile = touch,
            });
            var page = await context.NewPageAsync();
            Task Press(ILocator target) => touch ? target.TapAsync() : target.ClickAsync();
            string Shot(string name) => Path.Combine(Screenshots, $"{name}-{width}px.png");

            // The operator uploads the batch and watches it being read.
            await SignInAsync(page, "op");
            await page.Locator("#upload input[type=file]").SetInputFilesAsync(Directory.GetFiles(files.FullName).Order(StringComparer.Ordinal));
            await Press(page.Locator("#upload button"));
            await Assertions.Expect(page.Locator("#taken tbody tr")).ToHaveCountAsync(batch.Sheets.Count);
            await page.GotoAsync("/");
            await Assertions.Expect(page.Locator("[data-progress=queued]")).ToHaveTextAsync("0", new() { Timeout = 120_000 });
            // The list of files received follows without a reload: no file still says 待读 once the queue is empty (issue 36).
            await Assertions.Expect(page.Locator("#recent")).Not.ToContainTextAsync("待读", new() { Timeout = 10_000 });
            await Assertions.Expect(page.Locator("[data-progress=files]")).ToHaveTextAsync(N(batch.TruthBySha256.Count));
            await page.ScreenshotAsync(new() { Path = Shot("intake-page"), FullPage = true });
            await SignOutAsync(page);

            // The first scrutineer works through the queue by keyboard, deciding from the image (here: from the truth).
            var decisions = batch.Decisions(server.Station).GroupBy(d => d.Sheet).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var queue = server.Station.Results.Count().Result.ReviewList.Select(r => r.Sheet).ToList();
            Assert.Equal(decisions.Keys.Order(StringComparer.Ordinal), queue.Order(StringComparer.Ordinal));
            await SignInAsync(page, "s1");
            await page.GotoAsync("/write-ins");
            await EveryImageShowsAsync(page);
            await page.ScreenshotAsync(new() { Path = Shot("write-ins-page"), FullPage = true });
            await page.GotoAsync("/marks");
            await Assertions.Expect(page.Locator(".mark-cell")).ToHaveCountAsync(UncertainMarks(server.Station));
            await EveryImageShowsAsync(page);
            await page.ScreenshotAsync(new() { Path = Shot("marks-page"), FullPage = true });
            var group = page.Locator("[data-tick-all]").First;
            var ticks = page.Locator($"input[form=\"{await group.GetAttributeAsync("data-tick-all")}\"]");
            Assert.True(await ticks.CountAsync() > 0, "the batch has uncertain marks to tick");
            foreach (var ticked in new[] { true, false })
            {
                await Press(group); // one press ticks the whole group, a second clears it: nothing is recorded without the symbol's button
                foreach (var tick in await ticks.AllAsync())
                {
                    Assert.Equal(ticked, await tick.IsCheckedAsync());
                }
            }
            await page.GotoAsync("/review");
            await NavigatesAsync(page, () => Press(page.Locator("#start-review")));
            (string Sheet, string Box)? slip = null;
            var visitedSheets = new HashSet<string>(StringComparer.Ordinal);
            for (var visited = 0; visited < queue.Count; visited++)
            {
                var sheet = await page.Locator(".sheet-head").GetAttributeAsync("data-sheet");
                Assert.NotNull(sheet);
                Assert.True(visitedSheets.Add(sheet), $"the queue came back to sheet {sheet} before the others");
                if (visited == 0)
                {
                    await page.ScreenshotAsync(new() { Path = Shot("review-page"), FullPage = true });
                }

                foreach (var d in decisions[sheet])
                {
                    var symbol = d.Symbol;
                    // One slip: a ○ keyed as ×. The hand count will not agree, and the slip must be found from there.
                    if (slip is null && d.Kind == AdjudicationKind.Box && symbol == MarkSymbol.Circle)
                    {
                        symbol = MarkSymbol.Cross;
                        slip = (sheet, d.BoxId!);
                    }

                    await DecideAsync(page, d with { Symbol = symbol }, touch);
                }

                await NavigatesAsync(page, () => touch ? page.Locator("#next-sheet").TapAsync() : page.Keyboard.PressAsync("n"));
            }

            Assert.NotNull(slip);
            await SignOutAsync(page);

            // The second scrutineer confirms every decision that changes a count.
            await SignInAsync(page, "s2");
            await page.GotoAsync("/confirmations");
            await EveryImageShowsAsync(page);
            await page.ScreenshotAsync(new() { Path = Shot("confirmations-page"), FullPage = true });
            await ConfirmAllAsync(page, touch);

            // The hand tally (唱票/计票), as the counters wrote it, entered in the shape of the result report.
            var truth = batch.Truth().Adjudicated;
            await page.GotoAsync("/hand-tally");
            var blankWriteIns = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var line in ResultLines.Of(truth).Where(l => l.Kind is not (LineKind.Due or LineKind.Present or LineKind.Issued)))
            {
                if (line.Kind == LineKind.WriteIn)
                {
                    // A written-in name goes into one of the contest's empty name rows.
                    var free = blankWriteIns.GetValueOrDefault(line.Contest!);
                    blankWriteIns[line.Contest!] = free + 1;
                    var empty = page.Locator($"input[data-line='WriteIn|{line.Contest}|']");
                    if (await empty.CountAsync() <= free)
                    {
                        await page.Locator($"[data-add-write-in='{line.Contest}']").ClickAsync();
                    }

                    var row = empty.Nth(free);
                    await row.Locator("xpath=ancestor::tr//input[starts-with(@name,'n')]").FillAsync(line.Name!);
                    await row.FillAsync(N(line.Count));
                    continue;
                }

                await page.Locator($"input[data-line='{line.Kind}|{line.Contest}|{line.Name}']").FillAsync(N(line.Count));
            }

            await page.ScreenshotAsync(new() { Path = Shot("hand-tally-page"), FullPage = true });
            await NavigatesAsync(page, () => Press(page.Locator("#hand-tally button[type=submit]")));

            // The reconciliation shows where the counts differ and which sheet to look at first: the slip.
            await Assertions.Expect(page.Locator("#reconciliation-summary")).ToHaveClassAsync("differ");
            await page.ScreenshotAsync(new() { Path = Shot("reconciliation-page"), FullPage = true });
            await Assertions.Expect(page.Locator("#differences tbody tr")).ToHaveCountAsync(2);
            await Assertions.Expect(page.Locator("p.problem")).ToHaveCountAsync(0);
            await NavigatesAsync(page, () => Press(page.Locator("#differences tbody tr").First.Locator("ol.suspects a").First));
            Assert.Equal(slip.Value.Sheet, await page.Locator(".sheet-head").GetAttributeAsync("data-sheet"));

            // Put right on the image: the box holds a ○. A second scrutineer confirms if that changes the count.
            await DecideAsync(page, new Adjudication { Sheet = slip.Value.Sheet, Kind = AdjudicationKind.Box, BoxId = slip.Value.Box, Symbol = MarkSymbol.Circle, Scrutineer = "s2", Reason = "核对图像" }, touch);
            await SignOutAsync(page);
            await SignInAsync(page, "s1");
            await ConfirmAllAsync(page, touch);

            await page.GotoAsync("/reconciliation");
            await Assertions.Expect(page.Locator("#reconciliation-summary")).ToHaveClassAsync("agree");
            await page.GotoAsync("/results");
            await Assertions.Expect(page.Locator("#result-state")).ToHaveClassAsync("agree");
            await page.ScreenshotAsync(new() { Path = Shot("results-page"), FullPage = true });

            // The result the station reports is the truth of the batch, line by line.
            var csv = await page.APIRequest.GetAsync("/downloads/result.csv");
            var lines = HandTally.ParseCsv(await csv.TextAsync(), batch.Definition);
            Assert.Equal(SyntheticBatch.VoteLines(ResultLines.Of(truth)), SyntheticBatch.VoteLines(lines));
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_auditor_draws_sheets_from_a_public_seed_records_findings_and_reads_the_risk_of_each_outcome()
    {
        // Months later: the count's archive is taken into a fresh station for the auditor.
        var batch = SyntheticBatch.Make(seed: 7302, sheets: 40);
        var folder = Directory.CreateTempSubdirectory("ballotscan-audit-").FullName;
        try
        {
            await using (var venue = await StationServer.DecidedAsync(Storage.Sqlite, batch))
            {
                var file = Path.Combine(folder, "count.zip");
                venue.Station.Results.ExportArchive(file);
                using var imported = CountingStation.Import(new StationOptions { DataFolder = Path.Combine(folder, "station") }, ArchivedCount.Load(file), "test");
            }

            await using var server = await StationServer.StartAsync(Storage.Sqlite, folder: Path.Combine(folder, "station"));
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address.ToString(), ViewportSize = new() { Width = 1400, Height = 1000 } });
            var page = await context.NewPageAsync();
            await SignInAsync(page, "aud");
            await page.GotoAsync("/spot-check");
            const string seed = "20261213";
            await page.Locator("#draw input[name=seed]").FillAsync(seed);
            await page.Locator("#draw input[name=n]").FillAsync("6");
            await NavigatesAsync(page, () => page.Locator("#draw button").ClickAsync());

            // The draw is the documented sampler's: anyone can recompute it from the seed.
            var expectedDraw = SpotCheckSampler.Draw(seed, server.Station.Store.Sheets().Select(s => s.SheetId), 6);
            // Against paper they are listed for pulling paper: by batch, in scan order (the retrieval list).
            var rows = page.Locator("#drawn tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(6);
            var retrieval = RetrievalList.Of(expectedDraw, [.. server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!)]);
            Assert.Equal(retrieval.Select(r => r.Sheet), await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.sheet)"));

            // Every paper agrees but one: there the auditor sees × where ○ was counted for someone elected (one vote less
            // for the outcome; a ○ found for someone not elected could instead over-vote the contest and void it).
            var count = server.Station.Results.Count();
            var records = count.Result.Records.ToDictionary(r => r.Sheet, StringComparer.Ordinal);
            var elected = count.Result.Adjudicated.Contests.Where(c => c.Outcome is not null).ToDictionary(c => c.ContestId, c => c.Outcome!.Elected, StringComparer.Ordinal);
            var (wrongSheet, wrongBox) = expectedDraw
                .SelectMany(id => records[id].Status != SheetStatus.Counted ? [] : records[id].Contests.Where(c => c.Status == ContestStatus.Valid && elected.ContainsKey(c.ContestId))
                    .SelectMany(c => c.Candidates.Where(m => m.Vote == Vote.Approve && elected[c.ContestId].Contains(m.Candidate)).Select(m => (Id: id, m.BoxId))))
                .First();
            const string seen = "×";
            var entries = new List<SpotCheckEntry>();
            for (var i = 0; i < expectedDraw.Count; i++)
            {
                var row = page.Locator($"#draw-{i + 1}");
                var disagree = expectedDraw[i] == wrongSheet;
                await row.Locator($"input[name=finding][value={(disagree ? "disagree" : "agree")}]").CheckAsync();
                await row.Locator("input[name=image][value=yes]").CheckAsync();
                if (disagree)
                {
                    await row.Locator("input[name=note]").FillAsync($"纸上是 {seen}");
                    await row.Locator("input[name=marks]").FillAsync($"{wrongBox}={seen}");
                }

                await NavigatesAsync(page, () => row.Locator("button[type=submit]").ClickAsync());
                entries.Add(new SpotCheckEntry(i + 1, expectedDraw[i], string.Empty, disagree ? SpotCheckFinding.Disagree : SpotCheckFinding.Agree, disagree ? $"纸上是 {seen}" : string.Empty, disagree ? $"{wrongBox}={seen}" : string.Empty, true));
            }

            await Assertions.Expect(page.Locator("#spot-summary")).ToContainTextAsync("不一致 1");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "spot-check-page.png"), FullPage = true });

            // The risk shown for each contest is the Kaplan-Markov P-value of these findings; the disagreement is a one-vote overstatement.
            var sheets = server.Station.Store.Sheets().ToDictionary(s => s.SheetId, s => server.Station.Reading.Interpretation(s.SheetId)!, StringComparer.Ordinal);
            var (risks, unmeasured) = SpotCheck.Risks(entries, batch.Definition, batch.Layout, sheets, count.Decisions, count.Result.Adjudicated);
            Assert.Empty(unmeasured);
            foreach (var risk in risks)
            {
                await Assertions.Expect(page.Locator($"[data-risk='{risk.ContestId}']")).ToHaveTextAsync(risk.Risk.ToString("0.0000", CultureInfo.InvariantCulture));
            }

            var wrongContest = records[wrongSheet].Contests.First(c => c.Candidates.Any(m => m.BoxId == wrongBox)).ContestId;
            Assert.Contains(risks, r => r.Note is null && r.ContestId == wrongContest);
            Assert.All(risks.Where(r => r.Note is null), r => Assert.Equal(r.ContestId == wrongContest ? 1 : 0, r.OneOver + r.TwoOver));
            Assert.Contains(server.Station.Store.AuditLog(50), a => a.Action == "spot-check" && a.Actor == "aud");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task On_a_phone_a_scrutineer_decides_by_touch_and_keys_do_nothing_while_an_input_method_composes()
    {
        // Issue 19: at 390 px, by touch only: the sheet fills the width, each box has its buttons, the next item follows.
        var batch = SyntheticBatch.Make(seed: 7301, sheets: 60);
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(batch.Files.Take(20)))
        {
        }

        await server.ReadAllAsync();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(), ViewportSize = new() { Width = 390, Height = 844 }, HasTouch = true, IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "s1");
        await NavigatesAsync(page, () => page.GotoAsync("/review/next"));
        var image = await page.Locator("#sheet-image").BoundingBoxAsync();
        Assert.True(image!.Width >= 360, $"the sheet is {image.Width:0} px wide on a 390 px screen");
        // Issue 36: the boxes the machine settled are folded away; the doubtful ones show; one tap unfolds the rest.
        var settled = page.Locator("#boxes tr.settled");
        Assert.True(await settled.CountAsync() > 0);
        await Assertions.Expect(settled.First).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#boxes tr.attention").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "review-page-390px-folded.png"), FullPage = true });
        await page.Locator("[data-show-settled]").TapAsync();
        await Assertions.Expect(settled.First).ToBeVisibleAsync();

        var row = page.Locator("tr.item.attention:not(.decided)").First;
        var box = await row.GetAttributeAsync("data-box");
        var kind = await row.GetAttributeAsync("data-kind");
        var sheet = await page.Locator(".sheet-head").GetAttributeAsync("data-sheet");
        await NavigatesAsync(page, () => row.Locator("button[data-symbol=cross]").TapAsync());

        var decision = Assert.Single(server.Station.Results.Decisions(), d => d.Decision.Sheet == sheet && d.Decision.BoxId == box);
        Assert.Equal(MarkSymbol.Cross, decision.Decision.Symbol);
        Assert.Equal(kind == "WriteIn" ? AdjudicationKind.WriteIn : AdjudicationKind.Box, decision.Decision.Kind);
        // Focus moved on: not the row just decided.
        Assert.NotEqual(box, await page.EvaluateAsync<string?>("() => document.activeElement?.closest('tr.item')?.dataset.box ?? null"));

        // A key pressed while an input method composes a name is the input method's, never a decision.
        var before = server.Station.Results.Decisions().Count;
        await page.EvaluateAsync("() => document.dispatchEvent(new KeyboardEvent('keydown', { code: 'Digit1', key: '1', isComposing: true, bubbles: true }))");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(before, server.Station.Results.Decisions().Count);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "review-page-390px.png"), FullPage = true });
    }

    /// <summary>
    /// Issue 35: where nobody is listed (无候选人选举), about 500 written names of 12 villagers go to their decisions with one
    /// typing per distinct name: its cells ticked in every post, the name typed once (at 1366 px by keyboard, composed with an
    /// input method; at 390 px by touch); every cell then holds the name its voter wrote.
    /// </summary>
    [Theory]
    [InlineData(1366, false)]
    [InlineData(390, true)]
    public async Task Where_nobody_is_listed_each_name_written_is_typed_once_for_all_its_cells(int width, bool touch)
    {
        var open = Path.Combine(StationServer.Repository, "examples/villagers-committee-open.json");
        var definition = Engine.Elections.ElectionJson.Load(open);
        using var synthesizer = new Lab.Synthesis.BallotSynthesizer(definition, new Lab.Synthesis.SynthesisOptions { Seed = 7411, RescanRate = 0, DuplicateFileRate = 0 }.OnlyBallots());
        var made = Enumerable.Range(0, 120).AsParallel().AsOrdered().Select(synthesizer.Generate).ToList();
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { DefinitionFile = open, SecondScrutineer = false });
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(made.Select(m => (Path.GetFileName(m.Truth.File), m.Bytes))))
        {
        }

        await server.ReadAllAsync();
        var sheetOf = server.Station.Store.Sheets().ToDictionary(x => x.SheetId.Split('/')[0], x => x.SheetId, StringComparer.Ordinal);
        var written = made.SelectMany(m => m.Truth.Boxes.Where(b => b.WriteInName is not null).Select(b => (Sheet: sheetOf[m.Truth.Sha256], b.BoxId, Name: b.WriteInName!))).ToList();
        Assert.InRange(written.Count, 400, 600);
        var names = written.Select(w => w.Name).Distinct().ToList();
        Assert.Equal(12, names.Count);

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(), ViewportSize = new() { Width = width, Height = touch ? 844 : 900 }, Locale = "zh-CN", HasTouch = touch, IsMobile = touch,
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, "s1");
        await page.GotoAsync("/write-ins");
        // A group of like ink is ticked with one press (and cleared with another), the name field then ready to type in.
        var group = page.Locator(".ink-group").Filter(new() { Has = page.Locator("[data-tick-group]") }).First;
        var tickGroup = group.Locator("[data-tick-group]");
        await (touch ? tickGroup.TapAsync() : tickGroup.ClickAsync());
        Assert.Equal(await group.Locator("input[name=cells]").CountAsync(), await group.Locator("input[name=cells]:checked").CountAsync());
        Assert.True(await page.Locator("form#many input[name=name]").EvaluateAsync<bool>("e => e === document.activeElement"));
        await (touch ? tickGroup.TapAsync() : tickGroup.ClickAsync());
        Assert.Equal(0, await page.Locator("input[name=cells]:checked").CountAsync());
        var typings = 0;
        foreach (var name in names)
        {
            foreach (var (sheet, box, _) in written.Where(w => w.Name == name))
            {
                var tick = page.Locator($"input[name=cells][value='{sheet}|{box}']");
                if (touch)
                {
                    await tick.TapAsync();
                }
                else
                {
                    await tick.CheckAsync();
                }
            }

            var field = page.Locator("form#many input[name=name]");
            if (touch)
            {
                await field.TapAsync();
                await field.FillAsync(name);
            }
            else
            {
                await field.FocusAsync();
                await field.DispatchEventAsync("compositionstart");
                await field.FillAsync(name);
                await field.DispatchEventAsync("compositionend");
            }

            typings++;
            await NavigatesAsync(page, () => touch ? page.Locator("form#many button.primary").TapAsync() : page.Keyboard.PressAsync("Enter"));
        }

        Assert.Equal(names.Count, typings);
        var recorded = server.Station.Results.Decisions().Where(d => d.Effective).Select(d => (d.Decision.Sheet, d.Decision.BoxId!, d.Decision.WriteInName!)).ToHashSet();
        Assert.Equal(written.Count, recorded.Count);
        Assert.All(written, w => Assert.Contains(w, recorded));
        Assert.Equal(0, await page.Locator(".write-in-cell:not(.decided)").CountAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"write-ins-open-{width}px.png") });
    }

    /// <summary>How many boxes of the station's sheets want a person for the mark alone (what the 符号 page shows, one crop each).</summary>
    private static int UncertainMarks(CountingStation station) => station.Store.Sheets().Select(s => station.Reading.Interpretation(s.SheetId)!).Where(s => s.Accepted)
        .Sum(s => s.Positions.Count(p => p.Reasons.Count > 0 && p.Reasons.All(r => r is ReviewReason.MarginalMark or ReviewReason.UnrecognisedSymbol)));

    /// <summary>
    /// Every image of the page loaded and drawn (crops load lazily, as a scrutineer scrolls to them: here all at once), so
    /// that what the page shows, and its screenshot, has no empty crop.
    /// </summary>
    private static async Task EveryImageShowsAsync(IPage page)
    {
        await page.EvaluateAsync("() => { for (const image of document.images) image.loading = 'eager'; }");
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete)", null, new() { Timeout = 30_000 });
        var broken = await page.EvaluateAsync<string[]>("() => Array.from(document.images).filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src'))");
        Assert.True(broken.Length == 0, $"images not shown: {string.Join(", ", broken)}");
    }

    /// <summary>Does <paramref name="action"/> and waits for the page it leads to (a link, a form, or the page reloading after a decision).</summary>
    internal static async Task NavigatesAsync(IPage page, Func<Task> action)
    {
        var loaded = new TaskCompletionSource();
        void OnLoad(object? sender, IPage p) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await action();
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timeout)
        {
            // No page came: say where the browser was and what the page says (a refused decision shows its reason, no reload).
            var shown = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('.problem')].filter(e => !e.hidden).map(e => e.textContent).join(' | ')");
            throw new TimeoutException($"no page loaded within 60 s at {page.Url}; the page shows: {(shown.Length == 0 ? "no problem" : shown)}", timeout);
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    internal static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/login");
        await page.Locator("input[name=name]").FillAsync(name);
        await page.Locator("input[name=password]").FillAsync(StationServer.Password);
        await NavigatesAsync(page, () => page.Locator("form button[type=submit]").ClickAsync());
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync(name);
    }

    private static async Task SignOutAsync(IPage page) =>
        await NavigatesAsync(page, () => page.Locator("header form[action='/logout'] button").ClickAsync());

    /// <summary>
    /// One decision as a scrutineer makes it: by touch, the row's button (the sheet's button for a sheet decision); by
    /// keyboard, the row focused and its key, a written-in name composed first with an input method whose keys decide nothing.
    /// </summary>
    private static async Task DecideAsync(IPage page, Adjudication d, bool touch)
    {
        if (d.Kind == AdjudicationKind.Sheet)
        {
            await NavigatesAsync(page, () => touch
                ? page.Locator($"button[data-sheet-decision={d.SheetDecision}]").TapAsync()
                : page.Keyboard.PressAsync(s_sheetKeys[d.SheetDecision!.Value]));
            return;
        }

        var row = page.Locator($"[id='row-{d.BoxId}']");
        if (d.Kind == AdjudicationKind.WriteIn)
        {
            var name = row.Locator("input.write-in");
            if (!touch)
            {
                // A Chinese input method composing the name: its keystrokes (pinyin letters, the candidate number) reach the
                // page marked isComposing, and none of them may decide anything.
                await name.FocusAsync();
                await name.DispatchEventAsync("compositionstart");
                foreach (var (code, key) in new[] { ("KeyQ", "q"), ("KeyW", "w"), ("Digit1", "1"), ("KeyN", "n") })
                {
                    await page.EvaluateAsync("([code, key]) => document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { code, key, isComposing: true, bubbles: true }))", new[] { code, key });
                }

                await name.FillAsync(d.WriteInName ?? string.Empty);
                await name.DispatchEventAsync("compositionend");
            }
            else
            {
                await name.FillAsync(d.WriteInName ?? string.Empty);
            }
        }

        if (touch)
        {
            await NavigatesAsync(page, () => row.Locator($"button[data-symbol={d.Symbol!.Value.ToString().ToLowerInvariant()}]").TapAsync());
        }
        else
        {
            await row.FocusAsync();
            await NavigatesAsync(page, () => page.Keyboard.PressAsync(s_keys[d.Symbol!.Value]));
        }

        await Assertions.Expect(page.Locator("#decision-problem")).ToBeHiddenAsync();
    }

    private static async Task ConfirmAllAsync(IPage page, bool touch)
    {
        await page.GotoAsync("/confirmations");
        while (await page.Locator("#confirmations button[value=yes]").CountAsync() > 0)
        {
            var yes = page.Locator("#confirmations button[value=yes]").First;
            await NavigatesAsync(page, () => touch ? yes.TapAsync() : yes.ClickAsync());
        }

        await Assertions.Expect(page.Locator("#confirmations tbody tr")).ToHaveCountAsync(0);
    }
}
