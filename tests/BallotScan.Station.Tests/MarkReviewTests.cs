using System.Net;
using System.Text.RegularExpressions;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Recognition;
using BallotScan.Host.Station;

namespace BallotScan.Station.Tests;

/// <summary>
/// 符号汇总审核 (/marks): every box that waits for a person for its mark alone, from every sheet, as crops grouped by what the
/// machine read; alike marks decided at once, each box its own decision with its own audit row, the machine's reading kept.
/// </summary>
public sealed partial class MarkReviewTests
{
    [GeneratedRegex("/sheet/crop\\?id=([^&\"]+)&amp;box=([^\"]+)\"")]
    private static partial Regex CropLink();

    /// <summary>Reads 60 synthetic ballots (seed 7301) at <paramref name="server"/>; the boxes whose readings want a person for the mark alone, by what was read.</summary>
    private static async Task<List<(string Sheet, string Box, MarkSymbol Read)>> UncertainMarksAsync(StationServer server)
    {
        using (var op = await server.SignInAsync("op"))
        using (await op.UploadAsync(SyntheticBatch.Make(seed: 7301, sheets: 60).Files))
        {
        }

        await server.ReadAllAsync();
        return [.. server.Station.Store.Sheets().Select(s => server.Station.Reading.Interpretation(s.SheetId)!).Where(s => s.Accepted)
            .SelectMany(s => s.Positions.Where(p => p.Reasons.Count > 0 && p.Reasons.All(r => r is ReviewReason.MarginalMark or ReviewReason.UnrecognisedSymbol))
                .Select(p => (s.SheetId, p.BoxId, p.Symbol)))];
    }

    private static HashSet<(string Sheet, string Box)> Crops(string page) =>
        [.. CropLink().Matches(page).Select(m => (Uri.UnescapeDataString(m.Groups[1].Value), Uri.UnescapeDataString(m.Groups[2].Value)))];

    [Fact]
    public async Task Every_uncertain_mark_is_shown_once_and_ticked_marks_are_decided_together_each_as_its_own_decision()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var uncertain = await UncertainMarksAsync(server);
        var group = uncertain.GroupBy(u => u.Read).OrderByDescending(g => g.Count()).First();
        Assert.True(group.Count() >= 3, "the batch needs three uncertain marks read alike");

        using var s1 = await server.SignInAsync("s1");
        var page = await s1.Http.GetStringAsync("/marks");
        Assert.Equal(uncertain.Select(u => (u.Sheet, u.Box)).ToHashSet(), Crops(page));
        Assert.Contains($"id=\"read-{Engine.Elections.EnumNames.Name(group.Key)}\"", page, StringComparison.Ordinal);
        Assert.Contains($"按符号汇总审核（{uncertain.Count} 框）", await s1.Http.GetStringAsync("/review"), StringComparison.Ordinal);

        var ticked = group.Take(3).ToList();
        var fields = ticked.Select(c => new KeyValuePair<string, string>("boxes", $"{c.Sheet}|{c.Box}")).Append(new("symbol", "other"));
        using (var response = await s1.PostAsync("/marks/decide-many", new FormUrlEncodedContent(fields)))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        // Each box its own decision by s1, beside the machine's reading, and its own audit row; decided, it leaves the page
        // and its sheet's waiting list.
        var decisions = server.Station.Results.Decisions().Where(d => d.Decision.Reason.Contains("符号汇总", StringComparison.Ordinal)).ToList();
        Assert.Equal(ticked.Select(c => (c.Sheet, c.Box)).Order(), decisions.Select(d => (d.Decision.Sheet, d.Decision.BoxId!)).Order());
        Assert.All(decisions, d => Assert.True(d.Decision is { Kind: AdjudicationKind.Box, Symbol: MarkSymbol.Other, Scrutineer: "s1" } && d.Effective));
        Assert.Equal(ticked.Count, server.Station.Audit.AuditLog(100, null).Count(e => AuditFacts.Read(e.Event, e.Detail) is DecisionMade d && d.Reason.Contains("符号汇总", StringComparison.Ordinal)));
        Assert.All(ticked, c => Assert.Equal(group.Key, server.Station.Reading.Interpretation(c.Sheet)!.Positions.Single(p => p.BoxId == c.Box).Symbol));
        var after = Crops(await s1.Http.GetStringAsync("/marks"));
        Assert.Equal(uncertain.Select(u => (u.Sheet, u.Box)).Except(ticked.Select(c => (c.Sheet, c.Box))).ToHashSet(), after);
        var records = server.Station.Results.Count().Result.Records;
        Assert.All(ticked, c => Assert.DoesNotContain(records.Single(r => r.Sheet == c.Sheet).Waiting, w => WaitingItem.Parse(w).BoxId == c.Box));
    }

    [Fact]
    public async Task A_symbol_not_named_as_defined_or_a_box_of_no_sheet_is_said_in_words_and_the_rest_is_recorded()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var uncertain = await UncertainMarksAsync(server);
        Assert.NotEmpty(uncertain);
        var (sheet, box, _) = uncertain[0];
        using var s1 = await server.SignInAsync("s1");

        foreach (var symbol in new[] { "CIRCLE", "approve", "1", "circle,cross", string.Empty })
        {
            using var refused = await s1.PostAsync("/marks/decide-many", new FormUrlEncodedContent([new("boxes", $"{sheet}|{box}"), new("symbol", symbol)]));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("请选择勾选的各框是什么符号", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Empty(server.Station.Results.Decisions());
        using var mixed = await s1.PostAsync("/marks/decide-many", new FormUrlEncodedContent([new("boxes", "no-such-sheet|member/1"), new("boxes", $"{sheet}|{box}"), new("symbol", "circle")]));
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        var said = await mixed.Content.ReadAsStringAsync();
        Assert.Contains("1 框已记录，1 框未能记录", said, StringComparison.Ordinal);
        Assert.Contains("没有这张选票", said, StringComparison.Ordinal);
        Assert.Contains(server.Station.Results.Decisions(), d => d.Decision.Sheet == sheet && d.Decision.BoxId == box && d.Decision.Symbol == MarkSymbol.Circle);
    }

    [Fact]
    public async Task A_box_decided_otherwise_than_the_machine_read_it_waits_for_the_second_scrutineer()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite);
        var uncertain = await UncertainMarksAsync(server);
        Assert.True(uncertain.Count >= 2, "the batch needs two uncertain marks");
        var (sheet, box, read) = uncertain[0];
        var (sameSheet, sameBox, sameRead) = uncertain[1];
        var otherwise = read == MarkSymbol.Cross ? "circle" : "cross";
        using var s1 = await server.SignInAsync("s1");
        using (await s1.PostAsync("/marks/decide-many", new FormUrlEncodedContent([new("boxes", $"{sheet}|{box}"), new("symbol", otherwise)])))
        using (await s1.PostAsync("/marks/decide-many", new FormUrlEncodedContent([new("boxes", $"{sameSheet}|{sameBox}"), new("symbol", Engine.Elections.EnumNames.Name(sameRead))])))
        {
        }

        var changed = server.Station.Results.Decisions().Single(d => d.Decision.BoxId == box && d.Decision.Sheet == sheet);
        var kept = server.Station.Results.Decisions().Single(d => d.Decision.BoxId == sameBox && d.Decision.Sheet == sameSheet);
        Assert.True(changed.AwaitingConfirmation);
        Assert.True(kept.Effective);

        // Awaiting its second scrutineer the box is off the page (it is decided), and on 复核 with its crop.
        var page = Crops(await s1.Http.GetStringAsync("/marks"));
        Assert.DoesNotContain((sheet, box), page);
        Assert.DoesNotContain((sameSheet, sameBox), page);
        using var s2 = await server.SignInAsync("s2");
        Assert.Contains((sheet, box), Crops(await s2.Http.GetStringAsync("/confirmations")));
    }

    [Fact]
    public async Task The_page_speaks_english_when_chosen_the_names_on_the_ballot_as_printed()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var uncertain = await UncertainMarksAsync(server);
        Assert.Contains(uncertain, u => u.Read == MarkSymbol.Other);
        using var s1 = await server.SignInAsync("s1");
        s1.Cookies.Add(server.Address, new System.Net.Cookie("lang", "en"));
        var page = await s1.Http.GetStringAsync("/marks");
        Assert.Contains("<title>Marks to decide · BallotScan</title>", page, StringComparison.Ordinal);
        Assert.Contains("Read by the machine as ?", page, StringComparison.Ordinal);
        Assert.Contains("not ○ or ×", page, StringComparison.Ordinal);
        Assert.Contains(">Tick all<", page, StringComparison.Ordinal);
        foreach (var chinese in new[] { "符号汇总审核", "机器识别为", "勾选", "非○×符号", "符号不确定", "赞成", "框" })
        {
            Assert.DoesNotContain(chinese, page, StringComparison.Ordinal);
        }

        Assert.Equal(uncertain.Count, Crops(page).Count);
    }

    [Fact]
    public async Task A_counter_sees_the_marks_but_cannot_decide_them()
    {
        await using var server = await StationServer.StartAsync(Storage.Sqlite, o => o with { SecondScrutineer = false });
        var uncertain = await UncertainMarksAsync(server);
        Assert.NotEmpty(uncertain);
        using var op = await server.SignInAsync("op");
        var page = await op.Http.GetStringAsync("/marks");
        Assert.NotEmpty(Crops(page));
        Assert.DoesNotContain("name=\"boxes\"", page, StringComparison.Ordinal);
        using var refused = await op.PostAsync("/marks/decide-many", new FormUrlEncodedContent([new("boxes", $"{uncertain[0].Sheet}|{uncertain[0].Box}"), new("symbol", "circle")]));
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.OriginalString.Contains("/denied", StringComparison.Ordinal) == true, $"{refused.StatusCode} {refused.Headers.Location}");
        Assert.Empty(server.Station.Results.Decisions());
    }
}
