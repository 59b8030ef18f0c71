using System.Globalization;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Tests.Elections;

/// <summary>Issue 20: a definition typed with a Chinese input method: every problem at the line and column of its character (said in Chinese at the edges: ProblemWordsTests).</summary>
public class DefinitionTextTests
{
    private static readonly string s_example = File.ReadAllText(RepositoryFiles.VillagersExample);

    /// <summary>Line and column (1 first, in characters) of the first occurrence of <paramref name="what"/>.</summary>
    private static (int Line, int Column) Where(string text, string what)
    {
        var index = text.IndexOf(what, StringComparison.Ordinal);
        var before = text[..index];
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    [Fact]
    public void Full_width_punctuation_outside_strings_is_read_as_meant_and_said_where()
    {
        var text = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", "\"title\"：\"示例村第十二届村民委员会选举\"，", StringComparison.Ordinal);
        var (definition, notes) = ElectionJson.Read(text);
        Assert.Equal("示例村第十二届村民委员会选举", definition.Title);
        Assert.Equal(2, notes.Count);
        var (line, column) = Where(text, "：");
        Assert.Equal((DefinitionProblemCode.FullWidthPunctuation, line.ToString(CultureInfo.InvariantCulture), column.ToString(CultureInfo.InvariantCulture), "：", ":"),
            (notes[0].Code, notes[0]["line"], notes[0]["column"], notes[0]["found"], notes[0]["meant"]));
        Assert.All(notes, n => Assert.Equal(ProblemSeverity.Warning, n.Severity));
    }

    [Fact]
    public void A_comment_in_chinese_keeps_its_punctuation_and_is_no_note()
    {
        var text = s_example.Replace("{\n  //", "{\n  // 说明：主任、副主任，各一名；“海选”不列候选人。\n  /* 另一种注释：（全角）｛｝［］ */\n  //", StringComparison.Ordinal);
        Assert.NotEqual(s_example, text);
        var (definition, notes) = ElectionJson.Read(text);
        Assert.Empty(notes);
        Assert.Equal(ElectionJson.Serialize(ElectionJson.Parse(s_example)), ElectionJson.Serialize(definition));

        // Outside the comment, the same punctuation is still read as meant, and said.
        Assert.Single(ElectionJson.Read(text.Replace("\"title\": \"示例村", "\"title\"： \"示例村", StringComparison.Ordinal)).Notes);
    }

    [Fact]
    public void A_definition_saved_with_a_byte_order_mark_is_read_as_without()
    {
        // Notepad's "UTF-8" writes EF BB BF first; decoded as bytes (a count folder, an archive) it is U+FEFF before the brace.
        var withMark = System.Text.Encoding.UTF8.GetString([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(s_example)]);
        Assert.StartsWith("\uFEFF", withMark, StringComparison.Ordinal);
        Assert.Equal(ElectionJson.Serialize(ElectionJson.Parse(s_example)), ElectionJson.Serialize(ElectionJson.Parse(withMark)));
    }

    [Fact]
    public void A_title_in_chinese_quotes_keeps_its_full_width_punctuation_inside()
    {
        var text = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\"", "“title”: “示例村：第十二届，村民委员会选举”", StringComparison.Ordinal);
        Assert.Equal("示例村：第十二届，村民委员会选举", ElectionJson.Read(text).Definition.Title);
    }

    [Theory]
    [InlineData("2026/12/13")]
    [InlineData("2026年12月13日")]
    [InlineData("２０２６年１２月１３日")]
    [InlineData("2026.12.13")]
    public void Dates_as_offices_write_them_are_accepted(string written)
    {
        var text = s_example.Replace("\"2026-12-13\"", $"\"{written}\"", StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 13), ElectionJson.Read(text).Definition.Date);
    }

    [Fact]
    public void A_date_that_is_no_date_is_named_at_its_line()
    {
        var text = s_example.Replace("\"2026-12-13\"", "\"13日12月\"", StringComparison.Ordinal);
        var problem = Assert.Single(Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Read(text)).Problems);
        Assert.Equal(DefinitionProblemCode.BadDate, problem.Code);
        var (line, _) = Where(text, "13日12月");
        Assert.Equal(line.ToString(CultureInfo.InvariantCulture), problem["line"]);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var text = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", string.Empty, StringComparison.Ordinal);
        var problem = Assert.Single(Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Read(text)).Problems);
        Assert.Equal(DefinitionProblemCode.MissingField, problem.Code);
        Assert.Equal("title", problem["name"]);
    }

    [Fact]
    public void A_syntax_error_after_chinese_text_is_placed_by_characters_not_bytes()
    {
        // A stray letter after a value on a line that starts with Chinese: the column counts characters, as an editor does.
        var text = s_example.Replace("\"title\": \"示例村第十二届村民委员会选举\",", "\"title\": \"示例村第十二届村民委员会选举\" x,", StringComparison.Ordinal);
        var problem = Assert.Single(Assert.Throws<ElectionDefinitionException>(() => ElectionJson.Read(text)).Problems);
        var (line, column) = Where(text, " x,");
        Assert.Equal((DefinitionProblemCode.BadJson, line.ToString(CultureInfo.InvariantCulture), (column + 1).ToString(CultureInfo.InvariantCulture)), (problem.Code, problem["line"], problem["column"]));
    }

    [Fact]
    public void An_unknown_preset_is_named_and_located_where_it_is_written()
    {
        var text = s_example.Replace("villagers-committee-national", "villagers-committee-nationl", StringComparison.Ordinal);
        var problem = Assert.Single(ElectionValidator.Validate(ElectionJson.Read(text).Definition), p => p.Code == DefinitionProblemCode.UnknownPreset);
        Assert.Equal("villagers-committee-nationl", problem["preset"]);
        var (line, column) = Where(text, "\"villagers-committee-nationl\"");
        Assert.Equal((line, column), DefinitionText.Locate(text, problem.Path));
        Assert.Equal(Where(text, "\"王建华\""), DefinitionText.Locate(text, "contests[0].candidates[0].name"));
    }
}
