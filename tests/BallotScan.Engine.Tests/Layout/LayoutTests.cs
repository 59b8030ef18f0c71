using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;

namespace BallotScan.Engine.Tests.Layout;

public class LayoutTests
{
    internal static BallotLayout Villagers() => LayoutBuilder.Build(ElectionJson.Load(RepositoryFiles.VillagersExample), SurnameStrokeOrder.Debian);

    private static ElectionDefinition WithMembers(int candidates, int writeIns, PaperSize paper = PaperSize.A4)
    {
        var d = ElectionJson.Load(RepositoryFiles.PartyExample);
        var names = Enumerable.Range(0, candidates).Select(i => new Candidate { Name = "候选" + "甲乙丙丁戊己庚辛壬癸"[i % 10] + "子丑寅卯辰巳午未申酉戌亥"[i / 10] }).ToList();
        return d with { Paper = paper, Contests = [d.Contests[0] with { Seats = Math.Max(1, candidates * 5 / 6), Candidates = names, WriteIns = writeIns }] };
    }

    [Fact]
    public void The_same_definition_gives_the_same_layout_and_hash()
    {
        var a = LayoutJson.Serialize(Villagers());
        var b = LayoutJson.Serialize(Villagers());
        Assert.Equal(a, b);
    }

    [Fact]
    public void Changing_one_printed_name_changes_the_layout_hash()
    {
        var d = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var changed = d with { Contests = [d.Contests[0] with { Candidates = [d.Contests[0].Candidates[0] with { Name = "王建化" }, d.Contests[0].Candidates[1]] }, .. d.Contests.Skip(1)] };
        Assert.NotEqual(LayoutBuilder.Build(d, SurnameStrokeOrder.Debian).LayoutHash, LayoutBuilder.Build(changed, SurnameStrokeOrder.Debian).LayoutHash);
    }

    [Fact]
    public void Every_candidate_and_write_in_cell_gets_one_box_in_ballot_order()
    {
        var layout = Villagers();
        var boxes = layout.AllBoxes.ToList();
        Assert.Equal(8 + 5, boxes.Count);
        Assert.Equal(["马晓燕", "李红梅", "吴德明", "张国庆"], boxes.Where(b => b.ContestId == "member" && b.Kind == BoxKind.Candidate).Select(b => b.CandidateName));
        Assert.Equal(["member/w1", "member/w2", "member/w3"], boxes.Where(b => b.ContestId == "member" && b.Kind == BoxKind.WriteIn).Select(b => b.Id));
        Assert.Equal(boxes.Count, boxes.Select(b => b.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(PaperSize.A4)]
    [InlineData(PaperSize.A3)]
    public void Boxes_are_at_least_10_mm_inside_the_paper_clear_of_the_qr_codes_and_of_each_other(PaperSize paper)
    {
        var layout = LayoutBuilder.Build(WithMembers(30, 5, paper), SurnameStrokeOrder.Debian);
        foreach (var page in layout.Pages)
        {
            var qr = page.QrCodes.Select(q => q.Symbol).ToList();
            Assert.Equal(4, qr.Count);
            foreach (var box in page.Boxes)
            {
                Assert.True(box.Box.Width >= 10 && box.Box.Height >= 10);
                Assert.True(box.Box.X > 10 && box.Box.Y > 10 && box.Box.Right < layout.WidthMm - 10 && box.Box.Bottom < layout.HeightMm - 10);
                Assert.DoesNotContain(qr, q => Overlap(q, box.Box, margin: 4));
                Assert.DoesNotContain(page.Boxes, other => other != box && Overlap(other.Box, box.Box, margin: 3));
            }
        }
    }

    [Fact]
    public void A_long_list_flows_onto_further_pages_whose_codes_say_page_k_of_n()
    {
        var layout = LayoutBuilder.Build(WithMembers(80, 10), SurnameStrokeOrder.Debian);
        Assert.True(layout.Pages.Count >= 2);
        Assert.Equal(90, layout.AllBoxes.Count());
        var n = layout.Pages.Count;
        var payloads = layout.Pages.Select(p => QrPayload.TryParse(p.QrCodes[0].Payload)!).ToList();
        Assert.Equal(Enumerable.Range(1, n).Select(k => (k, n, layout.LayoutHash)), payloads.Select(p => (p.Page, p.PageCount, p.LayoutHash)));
    }

    [Fact]
    public void Every_ballot_says_what_its_qr_codes_hold()
    {
        Assert.Contains(BallotWording.QrSentence, string.Concat(Villagers().Pages[0].Texts.Select(t => t.Text)), StringComparison.Ordinal); // printed, wrapped over lines
        Assert.EndsWith(BallotWording.QrSentence, BallotWording.Instructions(ElectionJson.Load(RepositoryFiles.PartyExample))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_corner_code_names_election_style_page_corner_and_layout_and_nothing_else()
    {
        var layout = Villagers();
        var payloads = layout.Pages[0].QrCodes.Select(q => QrPayload.TryParse(q.Payload)).ToList();
        Assert.Equal([Corner.TopLeft, Corner.TopRight, Corner.BottomRight, Corner.BottomLeft], payloads.Select(p => p!.Corner));
        Assert.All(payloads, p => Assert.Equal(new QrPayload("example-village-2026", "A", 1, 1, p!.Corner, layout.LayoutHash), p));
        Assert.Equal("BS1|example-village-2026|A|1|1|TL|" + layout.LayoutHash, layout.Pages[0].QrCodes[0].Payload);
    }

    [Theory]
    [InlineData("")]
    [InlineData("https://example.com/")]
    [InlineData("BS2|e|A|1|1|TL|abc")]
    [InlineData("BS1|e|A|3|2|TL|abc")]
    [InlineData("BS1|e|A|1|1|XX|abc")]
    [InlineData("BS1|e|A|1|1|TL")]
    public void Text_that_is_not_a_version_1_ballot_code_is_not_a_payload(string text) => Assert.Null(QrPayload.TryParse(text));

    [Fact]
    public void The_instructions_follow_the_rule_settings()
    {
        var party = string.Join("", BallotWording.Instructions(ElectionJson.Load(RepositoryFiles.PartyExample)));
        var village = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var villageText = string.Join("", BallotWording.Instructions(village));
        var withTick = string.Join("", BallotWording.Instructions(village with { Rules = village.Rules with { CheckMark = CheckMarkMeaning.Approve } }));

        Assert.Contains("本选票无效", party, StringComparison.Ordinal);        // over-vote voids the whole ballot
        Assert.Contains("该职位选票无效", villageText, StringComparison.Ordinal); // over-vote voids only the contest
        Assert.DoesNotContain("√", villageText, StringComparison.Ordinal);
        Assert.Contains("“○”或“√”", withTick, StringComparison.Ordinal);
    }

    [Fact]
    public void The_title_says_选票_once_and_the_continuation_says_续()
    {
        var layout = LayoutBuilder.Build(WithMembers(80, 10), SurnameStrokeOrder.Debian);
        Assert.Equal("中共示例村支部委员会委员选举选票", layout.Pages[0].Texts[0].Text);
        Assert.Equal("中共示例村支部委员会委员选举选票（续）", layout.Pages[1].Texts[0].Text);
        var already = ElectionJson.Load(RepositoryFiles.VillagersExample) with { Title = "示例村第十二届村民委员会委员选举选票" };
        Assert.Equal("示例村第十二届村民委员会委员选举选票", LayoutBuilder.Build(already, SurnameStrokeOrder.Debian).Pages[0].Texts[0].Text);
    }

    [Fact]
    public void Every_name_is_printed_at_one_size_and_a_long_name_wraps_after_its_middle_dot()
    {
        var d = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var member = d.Contests[2];
        var withLong = d with { Contests = [d.Contests[0], d.Contests[1], member with { Candidates = [.. member.Candidates.Take(3), new Candidate { Name = "热依拉·买买提" }] }] };
        var layout = LayoutBuilder.Build(withLong, SurnameStrokeOrder.Debian);
        var page = layout.Pages[0];
        var names = page.Boxes.Where(b => b.Kind == BoxKind.Candidate)
            .Select(b => (Box: b, Lines: page.Texts.Where(t => Inside(t.Box.Center, b.NameCell)).OrderBy(t => t.Box.Y).ToList())).ToList();

        Assert.Single(names.SelectMany(n => n.Lines).Select(t => t.SizePt).Distinct());
        Assert.Equal(LayoutBuilder.NamePt, names[0].Lines[0].SizePt);
        var longName = names.Single(n => n.Box.CandidateName == "热依拉·买买提");
        Assert.Equal(["热依拉·", "买买提"], longName.Lines.Select(t => t.Text));
        Assert.All(names.Where(n => n != longName), n => Assert.Single(n.Lines));
    }

    [Fact]
    public void An_A3_ballot_is_the_A4_ballot_enlarged_with_its_codes_kept()
    {
        var a4 = Villagers();
        var a3 = LayoutBuilder.Build(ElectionJson.Load(RepositoryFiles.VillagersExample) with { Paper = PaperSize.A3 }, SurnameStrokeOrder.Debian);
        var (box4, box3) = (a4.AllBoxes.First().Box, a3.AllBoxes.First().Box);

        Assert.Equal(box4.Width * LayoutBuilder.A3Scale, box3.Width, 6);
        Assert.Equal(a4.AllBoxes.Select(b => b.Id), a3.AllBoxes.Select(b => b.Id));
        Assert.Equal(a4.Pages[0].QrCodes[0].Symbol.Width, a3.Pages[0].QrCodes[0].Symbol.Width, 6);
        Assert.True(a3.Pages[0].Texts.First(t => t.Text == "王建华").SizePt > a4.Pages[0].Texts.First(t => t.Text == "王建华").SizePt);
    }

    [Fact]
    public void A_seal_area_is_printed_on_every_sheet_when_the_rules_ask_and_not_otherwise()
    {
        // A villagers' committee ballot bears the 村民选举委员会's stamp: its seal area is printed by default (issue 36), not required.
        Assert.All(Villagers().Pages, p => Assert.False(p.Seal!.Required));
        Assert.All(Villagers().Pages, p => Assert.Contains(p.Texts, t => t.Text == "村民选举委员会盖章处" && Inside(t.Box.Center, p.Seal!.Box)));
        var d = WithMembers(80, 10);
        Assert.All(LayoutBuilder.Build(d, SurnameStrokeOrder.Debian).Pages, p => Assert.Null(p.Seal)); // a party ballot: none unless asked
        var sealedLayout = LayoutBuilder.Build(d with { Rules = d.Rules with { RequireSeal = true } }, SurnameStrokeOrder.Debian);
        Assert.True(sealedLayout.Pages.Count >= 2);
        foreach (var page in sealedLayout.Pages)
        {
            var seal = page.Seal!;
            Assert.True(seal.Required);
            Assert.True(seal.Box.Width >= 44 && seal.Box.Height >= 44, "room for a 42 mm seal");
            Assert.DoesNotContain(page.Boxes, b => Overlap(b.Box, seal.Box, margin: 3) || Overlap(b.NameCell, seal.Box, margin: 1));
            Assert.DoesNotContain(page.QrCodes, q => Overlap(q.Symbol, seal.Box, margin: 2));
            Assert.Contains(page.Texts, t => t.Text == "党组织盖章处" && Inside(t.Box.Center, seal.Box));
        }

        var printedOnly = LayoutBuilder.Build(d with { Rules = d.Rules with { SealArea = true } }, SurnameStrokeOrder.Debian);
        Assert.All(printedOnly.Pages, p => Assert.False(p.Seal!.Required));
        Assert.NotEqual(printedOnly.LayoutHash, LayoutBuilder.Build(d, SurnameStrokeOrder.Debian).LayoutHash);
    }

    private static bool Inside(Geometry.PointD p, RectMm r) => p.X > r.X && p.X < r.Right && p.Y > r.Y && p.Y < r.Bottom;

    private static bool Overlap(RectMm a, RectMm b, double margin) =>
        a.X < b.Right + margin && b.X < a.Right + margin && a.Y < b.Bottom + margin && b.Y < a.Bottom + margin;
}
