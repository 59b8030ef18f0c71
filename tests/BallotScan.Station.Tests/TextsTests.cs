using System.Text.RegularExpressions;
using System.Xml.Linq;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Host.Text;

namespace BallotScan.Station.Tests;

/// <summary>
/// BallotScan's one way to translate (issue 36): every text is written in Chinese and looked up by it, on the pages
/// (L["…"]), on the command line and in the handlers (T("…")), and in what the Engine and the station's tasks say
/// (new Said("…")); its English is in Resources/Text/Texts.en.resx. Every text asked for has its English, with the same
/// placeholders, and the English resource holds nothing the source does not write.
/// </summary>
public sealed partial class TextsTests
{
    private static readonly string s_src = Path.Combine(StationServer.Repository, "src");

    /// <summary>A lookup with a literal key: a localizer's (L["…"], l["…"]), Lang.T / Cli.T ("T(\"…\""), a Said (new Said("…"), or new("…") in the count notes).</summary>
    [GeneratedRegex("""(?:\b[Ll]\[|\bT\(|\bnew Said\(|\bnew\()"((?:[^"\\]|\\.)+)"[\],)]""")]
    private static partial Regex Lookup();

    /// <summary>Any string literal of the source.</summary>
    [GeneratedRegex(""""((?:[^"\\\n]|\\.)*)"""")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A C# literal's text (a verbatim or regular-expression literal that is not a valid escape stays as written).</summary>
    private static string Unescape(string literal)
    {
        try
        {
            return Regex.Unescape(literal);
        }
        catch (RegexParseException)
        {
            return literal;
        }
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(s_src, "*.*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)));

    /// <summary>Every literal lookup in Host, Lab and the Engine's words, and the report's line names (the reconciliation looks each line up by its name).</summary>
    private static HashSet<string> KeysAskedFor() =>
        [.. SourceFiles()
            .Where(f => !f.Contains("BallotScan.Engine", StringComparison.Ordinal) || File.ReadAllText(f).Contains("Said(", StringComparison.Ordinal))
            .SelectMany(f => Lookup().Matches(File.ReadAllText(f)).Select(m => Unescape(m.Groups[1].Value)))
            .Where(k => k.Any(c => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef'))
            .Concat(Engine.Counting.ResultLines.Chinese.Values)];

    /// <summary>Every string literal the source writes (a key may be written in a table and looked up by a variable).</summary>
    private static HashSet<string> Literals() =>
        [.. SourceFiles().SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => Unescape(m.Groups[1].Value)))];

    private static Dictionary<string, string> English() =>
        XDocument.Load(Path.Combine(s_src, "BallotScan.Host/Resources/Text/Texts.en.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Every_text_asked_for_has_its_english_and_no_english_is_left_unwritten()
    {
        var asked = KeysAskedFor();
        var english = English();
        var literals = Literals();

        Assert.True(asked.Count >= 500, $"only {asked.Count} texts found: is the lookup pattern still right?");
        // Compared with an empty list, so a failure names each text.
        Assert.Equal([], asked.Where(k => !english.ContainsKey(k)).Order());
        Assert.Equal([], english.Keys.Where(k => !asked.Contains(k) && !literals.Contains(k)).Order());
    }

    [Fact]
    public void Each_english_text_is_english_with_the_placeholders_of_its_chinese()
    {
        foreach (var (chinese, english) in English())
        {
            // A key is Chinese, or Chinese punctuation and placeholders ("；", "{0}：").
            Assert.True(chinese.Any(c => c is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef') || !chinese.Any(char.IsLetter), chinese);
            // English (it may name a Chinese term of the law beside its English: 另行选举, 差额).
            Assert.True(!chinese.Any(char.IsLetter) || english.Any(char.IsAsciiLetter) || english.Trim() is "?", english);
            Assert.Equal(Placeholder().Matches(chinese).Select(m => m.Groups[1].Value).Distinct().Order(), Placeholder().Matches(english).Select(m => m.Groups[1].Value).Distinct().Order());
        }
    }

    /// <summary>
    /// No text is written both ways any more (the old S("中文", "English") pairs and "中文 / English" messages split at run
    /// time): a literal that holds Chinese, " / " and English words is one of those, left behind.
    /// </summary>
    [Fact]
    public void No_text_is_written_in_both_languages_in_the_source()
    {
        var both = SourceFiles().Where(f => !f.EndsWith(".razor", StringComparison.Ordinal))
            .SelectMany(f => Literal().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Text: Unescape(m.Groups[1].Value))))
            .Where(x => x.Text.Split(" / ") is [var zh, var en, ..] && zh.Any(c => c is >= '\u4e00' and <= '\u9fff') && en.FirstOrDefault(char.IsLetter) is >= 'A' and <= 'z' && Regex.IsMatch(en, "^[^\u4e00-\u9fff]*[A-Za-z]{3,} [A-Za-z]{2,}"))
            .Select(x => $"{x.File}: {x.Text}");

        Assert.Equal([], both);
    }

    /// <summary>
    /// The count's notes, which the Engine says as Chinese formats with values, read in English with their figures and names
    /// (before, the Engine held a second, English rendering of its own).
    /// </summary>
    [Fact]
    public void The_count_notes_are_said_in_english_with_their_figures_and_names()
    {
        CountNote[] notes =
        [
            CountNote.Returned(within: false, 43, ReturnedLimit.Issued, 42),
            CountNote.Quorum(met: true, 30, 40, new Fraction(2, 3), QuorumComparison.AtLeast),
            CountNote.Turnout(met: true, 800, 1260, ElectionType.ResidentsCommittee),
            CountNote.TiedAtLastSeat("委员", ["李红梅", "吴德明"]),
            CountNote.WomenSeatHeld("委员", "赵四"),
        ];
        var english = new Lang(English: true);
        foreach (var note in notes)
        {
            var said = english.Say(CountNoteText.Said(note));
            var names = note.Values.Where(v => v.Any(c => c is >= '\u4e00' and <= '\u9fff')).SelectMany(v => v.Split('、')).ToList();
            Assert.All(names, n => Assert.Contains(n, said, StringComparison.Ordinal));
            Assert.DoesNotContain(names.Aggregate(said, (text, name) => text.Replace(name, string.Empty, StringComparison.Ordinal)), c => c is >= '\u4e00' and <= '\u9fff');
            Assert.All(note.Values.Where(v => int.TryParse(v, out _)), v => Assert.Contains(v, said, StringComparison.Ordinal));
        }
    }
}
