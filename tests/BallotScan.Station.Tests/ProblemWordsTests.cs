using System.Text.Json.Nodes;
using BallotScan.Engine.Audit;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Proofing;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Reconciliation;
using BallotScan.Host.Text;

namespace BallotScan.Station.Tests;

/// <summary>
/// A definition's problems come from the Engine as codes with values; the edges say them, each in one language, Chinese
/// first: where (line and column, row), what is wrong and how to fix it, and never a code or a "中文 / English" pair.
/// </summary>
public sealed class ProblemWordsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bs-problem-words-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string s_example = File.ReadAllText(StationServer.VillagersExample);
    private static readonly Lang s_chinese = new(English: false);
    private static readonly Lang s_english = new(English: true);

    private static (int Line, int Column) Where(string text, string what)
    {
        var index = text.IndexOf(what, StringComparison.Ordinal);
        var before = text[..index];
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    private static DefinitionProblem ReadError(string text) =>
        Assert.Single(Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Read(text)).Problems);

    private static void SaidInOneLanguage(DefinitionProblem p)
    {
        var (zh, en) = (ProblemWords.Say(s_chinese, p), ProblemWords.Say(s_english, p));
        Assert.DoesNotContain(" / ", zh, StringComparison.Ordinal);
        Assert.DoesNotContain(p.Code.ToString(), zh, StringComparison.Ordinal);
        Assert.DoesNotContain(p.Code.ToString(), en, StringComparison.Ordinal);
        Assert.NotEqual(zh, en);
    }

    [Fact]
    public void Full_width_punctuation_is_said_in_chinese_at_its_line_and_column()
    {
        var text = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", "\"title\"：\"示例村第十二届村民委员会选举\"，", StringComparison.Ordinal);
        var note = ElectionJson.Read(text).Notes[0];
        var (line, column) = Where(text, "：");
        Assert.Equal($"第 {line} 行第 {column} 列是全角的「：」，已按半角「:」读取（JSON 的标点须是半角）。", ProblemWords.Say(s_chinese, note));
        Assert.StartsWith($"Line {line}, column {column}: the full-width", ProblemWords.Say(s_english, note), StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_errors_are_said_in_chinese_where_an_editor_shows_them()
    {
        var date = s_example.Replace("\"2026-12-13\"", "\"13日12月\"", StringComparison.Ordinal);
        var said = ProblemWords.Say(s_chinese, ReadError(date));
        Assert.StartsWith($"第 {Where(date, "13日12月").Line} 行第 ", said, StringComparison.Ordinal);
        Assert.Contains("日期写作 2026-12-20", said, StringComparison.Ordinal);

        var missing = ProblemWords.Say(s_chinese, ReadError(s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", string.Empty, StringComparison.Ordinal)));
        Assert.Contains("缺少必填字段：title", missing, StringComparison.Ordinal);

        var broken = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", "\"title\": \"示例村第十二届村民委员会选举\" x,", StringComparison.Ordinal);
        var (line, column) = Where(broken, " x,");
        var syntax = ReadError(broken);
        Assert.StartsWith($"第 {line} 行第 {column + 1} 列：文件不是有效的 JSON：", ProblemWords.Say(s_chinese, syntax), StringComparison.Ordinal);
        Assert.StartsWith($"Line {line}, column {column + 1}: the file is not valid JSON", ProblemWords.Say(s_english, syntax), StringComparison.Ordinal);
    }

    [Fact]
    public void A_validators_problems_name_the_contest_by_its_title_and_the_values_in_words()
    {
        var json = JsonNode.Parse(s_example, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        json["contests"]![0]!["candidates"]!.AsArray().RemoveAt(1);
        json["contests"]![2]!["candidates"]![1]!["name"] = "李红梅";
        json["rules"]!["preset"] = "villagers-2099";
        var problems = ElectionValidator.Validate(ElectionJson.Parse(json.ToJsonString()));

        var duplicate = ProblemWords.Say(s_chinese, Assert.Single(problems, p => p.Code == DefinitionProblemCode.DuplicateCandidate));
        Assert.Equal("职位 委员 列了两次「李红梅」：若两人同名，请加区分（例如 王芳(东组)）。", duplicate);
        var preset = ProblemWords.Say(s_chinese, Assert.Single(problems, p => p.Code == DefinitionProblemCode.UnknownPreset));
        Assert.StartsWith("没有这个计票规则预设（preset）「villagers-2099」：可用的有 ", preset, StringComparison.Ordinal);
        Assert.Contains(RulePresets.VillagersCommitteeNational, preset, StringComparison.Ordinal);
        Assert.All(problems, SaidInOneLanguage);
    }

    [Fact]
    public void A_candidate_lists_problems_are_said_with_their_sheet_and_row()
    {
        var path = Path.Combine(_folder, "名单.csv");
        File.WriteAllText(path, "职位,应选人数,姓名\n主任,一,王建华\n主任,1,李明\n委员,3,张伟\n");
        var facts = new ElectionFacts { Title = "某村选举", Township = "某镇", Village = "某村", Date = new DateOnly(2026, 12, 13), Electorate = 100 };
        var problems = Assert.Throws<ElectionDefinitionException>(() => CandidateList.Read(path, facts)).Problems;
        var bad = Assert.Single(problems, p => p.Code == DefinitionProblemCode.BadNumber);
        Assert.EndsWith(" 第 2 行：「一」不是整数（应选人数）。", ProblemWords.Say(s_chinese, bad), StringComparison.Ordinal);
        Assert.EndsWith(", row 2: '一' is not a whole number (seats).", ProblemWords.Say(s_english, bad), StringComparison.Ordinal);
        Assert.All(problems, SaidInOneLanguage);
    }

    [Fact]
    public void A_hand_tallys_mistakes_are_said_in_chinese_with_their_row()
    {
        var definition = ElectionJson.Parse(s_example);
        var notAContest = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n赞成,村长,王建华,3\n", definition)).Problem;
        Assert.Equal("第 2 行：「村长」不是本次选举的职位（主任、副主任、委员）。", ProblemWords.Say(s_chinese, notAContest));
        Assert.Equal("Row 2: '村长' is not a contest of this election (主任, 副主任, 委员).", ProblemWords.Say(s_english, notAContest));

        var count = Assert.Throws<HandTallyException>(() => HandTally.ParseCsv("项目,职位,姓名,票数\n赞成,主任,王建华,三\n", definition)).Problem;
        Assert.Equal("第 2 行：票数「三」不是整数。", ProblemWords.Say(s_chinese, count));

        var lines = HandTally.ParseCsv("项目,职位,姓名,票数\n收回选票,,,700\n赞成,主任,王建华,403\n不赞成,主任,王建华,200\n弃权,主任,王建华,98\n", definition);
        var over = Assert.Single(HandTally.Inconsistencies(lines, definition));
        Assert.Equal("主任 王建华：赞成+不赞成+弃权 = 701，多于收回选票 700。", ProblemWords.Say(s_chinese, over));
        Assert.Equal("主任 王建华: approve + disapprove + abstain = 701, more than the 700 ballots returned.", ProblemWords.Say(s_english, over));
    }

    [Fact]
    public void An_auditors_record_that_cannot_be_read_is_said_in_chinese_with_its_row_or_draw()
    {
        var finding = Assert.Throws<SpotCheckException>(() => SpotCheck.Parse(SpotCheck.Header + "\n1,aaa,a.jpg,也许,\n"));
        Assert.Equal("第 2 行：「也许」既不是 一致 也不是 不一致。", ProblemWords.Say(s_chinese, finding));
        Assert.Equal("Row 2: '也许' is neither agree nor disagree.", ProblemWords.Say(s_english, finding));

        var layout = BallotScan.Engine.Layout.LayoutBuilder.Build(ElectionJson.Parse(s_example), BallotScan.Engine.Elections.SurnameStrokeOrder.Debian);
        var entry = new SpotCheckEntry(3, "sheet", "a.jpg", SpotCheckFinding.Disagree, string.Empty, "委员 李四=×");
        var box = Assert.Throws<SpotCheckException>(() => SpotCheck.AuditedDecisions(entry, layout, "审计员"));
        Assert.StartsWith("第 3 张：「委员 李四=×」不是这张选票上的框", ProblemWords.Say(s_chinese, box), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_of_ballots_issued_or_a_workbook_that_cannot_be_read_is_said_in_chinese()
    {
        var issued = Path.Combine(_folder, "发票记录.csv");
        File.WriteAllText(issued, "批次,发出\n中心会场,六\n");
        var count = Assert.Throws<FileProblemException>(() => BallotsIssued.Read(issued));
        Assert.Equal("发票记录.csv 第 2 行：「六」不是票数。", ProblemWords.Say(s_chinese, count));

        var workbook = Path.Combine(_folder, "手工计票.xlsx");
        File.WriteAllText(workbook, "not a workbook");
        var tally = Assert.Throws<HandTallyException>(() => HandTally.Load(workbook, ElectionJson.Parse(s_example)));
        Assert.StartsWith("手工计票.xlsx 不是可读的 Excel 工作簿：文件已损坏，或并不是 Excel 文件", ProblemWords.Say(s_chinese, tally), StringComparison.Ordinal);
    }

    [Fact]
    public void An_exception_of_an_unusable_definition_is_said_by_its_problems()
    {
        var e = Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Load(Path.Combine(Path.GetTempPath(), "no-such-definition.json")));
        Assert.StartsWith("没有文件 ", ProblemWords.Say(s_chinese, e), StringComparison.Ordinal);
        // What a task says is said in the reader's language, its phrases too; any other exception as it is.
        var said = new SaidException(new Said("还不能确认为正式结果：{0}。", new List<Said> { new("尚未录入手工计票"), new("还有 {0} 张选票待裁定", 3) }));
        Assert.Equal("还不能确认为正式结果：尚未录入手工计票；还有 3 张选票待裁定。", ProblemWords.Say(s_chinese, said));
        Assert.Equal("Not yet official: no hand tally entered; 3 sheet(s) wait for the scrutineers.", ProblemWords.Say(s_english, said));
        Assert.Equal("机器坏了", ProblemWords.Say(s_chinese, new InvalidOperationException("机器坏了")));
        // An image that cannot be read is said by what is wrong with it, not by the decoder's English (it was printed as it came).
        var image = new BallotScan.Engine.Imaging.ImageDecodeException(BallotScan.Engine.Imaging.ImageProblem.Truncated, "JPEG data ends before its end-of-image marker");
        Assert.Equal("图像文件不完整（复制或传输时中断）：请重新复制或重新扫描。", ProblemWords.Say(s_chinese, image));
        Assert.StartsWith("The image file is incomplete", ProblemWords.Say(s_english, image), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_code_has_its_words_in_both_languages()
    {
        foreach (var code in Enum.GetValues<DefinitionProblemCode>())
        {
            var p = DefinitionProblem.Error(code, "contests[0]");
            Assert.NotEqual(p.ToString(), ProblemWords.Say(s_chinese, p));
            Assert.NotEqual(p.ToString(), ProblemWords.Say(s_english, p));
        }

        foreach (var code in Enum.GetValues<FileProblemCode>())
        {
            var p = FileProblem.Of(code);
            Assert.NotEqual(p.ToString(), ProblemWords.Say(s_chinese, p));
            Assert.NotEqual(p.ToString(), ProblemWords.Say(s_english, p));
        }
    }

    [Fact]
    public void Every_proof_finding_and_every_reason_a_print_cannot_be_placed_is_said_in_each_language_with_its_facts()
    {
        var findings = Enum.GetValues<LocateFailure>().Select(f => new ProofFinding(ProofFindingCode.NotLocated) { Image = 2, Failure = f, ElectionRead = "pc-2026-other" })
            .Append(new ProofFinding(ProofFindingCode.LayoutMismatch) { Page = 1, LayoutPrinted = "aaaa1111", LayoutDefined = "bbbb2222" })
            .Append(new ProofFinding(ProofFindingCode.MissingPage) { Page = 2, Pages = 2 })
            .Append(new ProofFinding(ProofFindingCode.NamesSwapped) { Page = 1, Contest = "委员", Position = 2, Expected = "李红梅", OtherPosition = 4, OtherExpected = "张国庆" })
            .Append(new ProofFinding(ProofFindingCode.NameMismatch) { Page = 1, Contest = "主任", Position = 1, Expected = "马晓燕", Read = "马小燕", Confidence = 91 })
            .Append(new ProofFinding(ProofFindingCode.NameMismatch) { Page = 1, Contest = "主任", Position = 1, Expected = "马晓燕", Read = string.Empty });
        Assert.All(Enum.GetValues<ProofFindingCode>(), code => Assert.Contains(findings, f => f.Code == code));
        foreach (var f in findings)
        {
            var (zh, en) = (ProblemWords.Say(s_chinese, f), ProblemWords.Say(s_english, f));
            Assert.DoesNotContain(f.Code.ToString(), zh + en, StringComparison.Ordinal);
            Assert.DoesNotContain(f.Failure?.ToString() ?? "-", zh + en, StringComparison.Ordinal);
            Assert.Matches("[\\u4e00-\\u9fff]{4}", zh);
            Assert.DoesNotMatch("[a-z]{4} [a-z]{4}", zh);
            Assert.NotEqual(zh, en);
            foreach (var fact in new[] { f.Expected, f.OtherExpected, f.Read, f.LayoutPrinted, f.Failure == LocateFailure.WrongElection ? f.ElectionRead : null }.Where(x => !string.IsNullOrEmpty(x)))
            {
                Assert.Contains(fact!, zh, StringComparison.Ordinal);
                Assert.Contains(fact!, en, StringComparison.Ordinal);
            }
        }
    }
}
