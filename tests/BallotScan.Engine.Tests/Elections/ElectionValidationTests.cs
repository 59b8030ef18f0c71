using System.Text.Json.Nodes;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Tests.Elections;

public class ElectionValidationTests
{
    private static JsonObject ExampleJson(string path)
    {
        var text = File.ReadAllText(path);
        return JsonNode.Parse(text, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
    }

    private static IReadOnlyList<DefinitionProblem> Problems(JsonObject json)
    {
        try
        {
            return ElectionValidator.Validate(ElectionJson.Parse(json.ToJsonString()));
        }
        catch (ElectionDefinitionException e)
        {
            return e.Problems;
        }
    }

    private static DefinitionProblem SingleError(JsonObject json, DefinitionProblemCode code)
    {
        var problems = Problems(json);
        return Assert.Single(problems, p => p.Severity == ProblemSeverity.Error && p.Code == code);
    }

    [Theory]
    [InlineData("examples/party-committee.json")]
    [InlineData("examples/villagers-committee.json")]
    public void Each_example_definition_is_valid_without_warnings(string path)
    {
        var definition = ElectionJson.Load(RepositoryFiles.Path(path));
        Assert.Empty(ElectionValidator.Validate(definition));
    }

    [Fact]
    public void The_party_example_is_one_contest_of_5_seats_and_7_candidates()
    {
        var d = ElectionJson.Load(RepositoryFiles.PartyExample);
        var contest = Assert.Single(d.Contests);
        Assert.Equal((5, 7), (contest.Seats, contest.Candidates.Count));
        Assert.Equal(RulePresets.PartyCommittee2020, d.RuleProfile.Preset);
    }

    [Fact]
    public void The_villagers_example_has_director_deputy_and_three_members_with_write_ins()
    {
        var d = ElectionJson.Load(RepositoryFiles.VillagersExample);
        Assert.Equal([("主任", 1), ("副主任", 1), ("委员", 3)], d.Contests.Select(c => (c.Title, c.Seats)));
        Assert.All(d.Contests, c => Assert.True(c.WriteIns > 0));
    }

    [Theory]
    [InlineData(5, 6, true)]   // ceil(5 × 1.2) = 6
    [InlineData(5, 5, false)]
    [InlineData(10, 12, true)]
    [InlineData(10, 11, false)]
    [InlineData(1, 2, true)]
    public void Party_差额_needs_at_least_20_percent_more_candidates(int seats, int candidates, bool valid)
    {
        var json = ExampleJson(RepositoryFiles.PartyExample);
        var contest = json["contests"]![0]!.AsObject();
        contest["seats"] = seats;
        var list = new JsonArray();
        for (var i = 0; i < candidates; i++)
        {
            list.Add(new JsonObject { ["name"] = "候选人" + "甲乙丙丁戊己庚辛壬癸子丑"[i] });
        }

        contest["candidates"] = list;
        var problems = Problems(json).Where(p => p.Code == DefinitionProblemCode.TooFewCandidates).ToList();
        Assert.Equal(valid, problems.Count == 0);
    }

    [Fact]
    public void Villagers_差额_needs_more_candidates_than_seats_in_each_contest()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["contests"]![0]!["candidates"]!.AsArray().RemoveAt(1);
        var e = SingleError(json, DefinitionProblemCode.TooFewCandidates);
        Assert.Equal("contests[0].candidates", e.Path);
        Assert.Equal(("1", "1", "2"), (e["candidates"], e["seats"], e["needed"]));
    }

    [Fact]
    public void A_duplicate_name_in_a_contest_is_an_error()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["contests"]![2]!["candidates"]![1]!["name"] = "李红梅";
        var e = SingleError(json, DefinitionProblemCode.DuplicateCandidate);
        Assert.Equal("李红梅", e["name"]);
    }

    [Fact]
    public void Zero_seats_is_an_error()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["contests"]![1]!["seats"] = 0;
        Assert.Equal("contests[1].seats", SingleError(json, DefinitionProblemCode.ZeroSeats).Path);
    }

    [Fact]
    public void An_unknown_setting_is_an_error_that_lists_the_known_ones()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["rules"]!["tickMark"] = "approve"; // the setting is checkMark
        var e = SingleError(json, DefinitionProblemCode.UnknownSetting);
        Assert.Equal("tickMark", e["name"]);
        Assert.Contains("checkMark", e["known"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_with_a_character_no_print_font_has_is_an_error()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["contests"]![0]!["candidates"]![0]!["name"] = "王\U0003134A"; // CJK Extension G: in no installed face
        var e = SingleError(json, DefinitionProblemCode.CharacterNotInFont);
        Assert.Equal("U+3134A", e["codePoint"]);
    }

    [Theory]
    [InlineData("\U00020BB7明")] // 𠮷 (Extension B): WenQuanYi lacks it, 花園明朝 draws it
    [InlineData("王\U0002C317")] // Extension E
    public void A_legal_name_with_a_rare_character_is_accepted_and_printed_with_the_fallback_face(string name)
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var withRare = definition with { Contests = [definition.Contests[0] with { Candidates = [new Candidate { Name = name }, .. definition.Contests[0].Candidates.Skip(1)] }, .. definition.Contests.Skip(1)] };

        Assert.DoesNotContain(ElectionValidator.Validate(withRare), p => p.Severity == ProblemSeverity.Error);
        var rare = name.EnumerateRunes().First(r => r.Value > 0xFFFF);
        Assert.Null(Engine.Imaging.TextRenderer.FirstMissingGlyph(rare.ToString(), Engine.Fonts.PrintFaces.Faces[Engine.Fonts.PrintFaces.FaceFor(rare)]));
        Assert.NotEqual(0, Engine.Fonts.PrintFaces.FaceFor(rare));
    }

    [Fact]
    public void An_unknown_value_lists_the_allowed_values()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["rules"]!["overVoteScope"] = "wholeSheet";
        var e = SingleError(json, DefinitionProblemCode.BadValue);
        Assert.Contains("wholeBallot", e["known"], StringComparison.Ordinal);
        Assert.Contains("contest", e["known"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json.Remove("id");
        Assert.Equal("id", SingleError(json, DefinitionProblemCode.MissingField)["name"]);
    }

    [Fact]
    public void An_unknown_preset_lists_the_presets()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["rules"]!["preset"] = "villagers-2099";
        Assert.Contains(RulePresets.VillagersCommitteeNational, SingleError(json, DefinitionProblemCode.UnknownPreset)["known"], StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_says_where()
    {
        var e = Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Parse("{\n  \"schema\": \"ballotscan/election/1\",\n  \"id\": \n}"));
        var p = Assert.Single(e.Problems);
        Assert.Equal(DefinitionProblemCode.BadJson, p.Code);
        Assert.Equal(("4", "1"), (p["line"], p["column"]));
    }

    [Fact]
    public void A_party_election_needs_the_number_due_to_attend()
    {
        var json = ExampleJson(RepositoryFiles.PartyExample);
        json["electorate"] = new JsonObject();
        Assert.Equal("electorate.dueToAttend", SingleError(json, DefinitionProblemCode.MissingElectorate).Path);
    }

    [Fact]
    public void An_election_id_unfit_for_the_qr_code_is_an_error()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["id"] = "示例村 2026";
        SingleError(json, DefinitionProblemCode.BadId);
    }

    [Fact]
    public void Serial_numbers_draw_a_secrecy_warning()
    {
        var json = ExampleJson(RepositoryFiles.VillagersExample);
        json["rules"]!["serialNumbers"] = true;
        var p = Assert.Single(Problems(json));
        Assert.Equal((DefinitionProblemCode.SerialNumbers, ProblemSeverity.Warning), (p.Code, p.Severity));
    }

    [Fact]
    public void A_candidates_facts_are_checked_as_a_person_can_have_them_at_their_path()
    {
        var d = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var first = d.Contests[0];
        Candidate With(int k, Candidate c) => c with { Name = first.Candidates[k].Name };
        var edited = d with
        {
            Contests = [first with { Candidates = [With(0, first.Candidates[0] with { Born = new YearMonth(2027, 1) }), With(1, first.Candidates[1] with { Born = null, Age = 16, Ethnicity = "火星族" })] }, .. d.Contests.Skip(1)],
        };
        var problems = ElectionValidator.Validate(edited).Where(p => p.Severity == ProblemSeverity.Error).ToList();
        Assert.Equal(
            [(DefinitionProblemCode.BornAfterElection, "contests[0].candidates[0].born"), (DefinitionProblemCode.TooYoung, "contests[0].candidates[1].age"), (DefinitionProblemCode.UnknownEthnicity, "contests[0].candidates[1].ethnicity")],
            problems.Select(p => (p.Code, p.Path)));
        Assert.Equal(first.Candidates[1].Name, problems[1]["name"]);
        Assert.DoesNotContain(ElectionValidator.Validate(d), p => p.Severity == ProblemSeverity.Error); // the example's own facts hold
    }
}
