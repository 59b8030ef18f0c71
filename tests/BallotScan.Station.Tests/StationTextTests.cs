using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BallotScan.Station.Tests;

/// <summary>
/// The station's resource texts (issue 19): every text a page asks the localizer for has its English, with the same
/// placeholders, and the English resource holds nothing no page asks for. A missing entry would show Chinese on an English page.
/// </summary>
public sealed partial class StationTextTests
{
    private static readonly string s_web = Path.Combine(StationServer.Repository, "src/BallotScan.Host/Station/Web");

    /// <summary>A localizer lookup with a literal key, in a component (L["…"]) or a handler (l["…"]).</summary>
    [GeneratedRegex("""\b[Ll]\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex Lookup();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    /// <summary>Every literal lookup, and the report's line names (the reconciliation looks each line up by its name on the report).</summary>
    private static HashSet<string> KeysAskedFor() =>
        [.. Directory.EnumerateFiles(s_web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => Lookup().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Concat(Engine.Counting.ResultLines.Chinese.Values)];

    private static Dictionary<string, string> English() =>
        XDocument.Load(Path.Combine(StationServer.Repository, "src/BallotScan.Host/Resources/Station/Web/StationText.en.resx")).Root!
            .Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Every_text_a_page_asks_for_has_its_english_and_no_english_is_left_unused()
    {
        var asked = KeysAskedFor();
        var english = English();

        Assert.True(asked.Count >= 20, $"only {asked.Count} texts found: is the lookup pattern still right?");
        // Compared with an empty list, so a failure names each text.
        Assert.Equal([], asked.Where(k => !english.ContainsKey(k)).Order());
        Assert.Equal([], english.Keys.Where(k => !asked.Contains(k)).Order());
    }

    [Fact]
    public void Each_english_text_is_english_with_the_placeholders_of_its_chinese()
    {
        foreach (var (chinese, english) in English())
        {
            Assert.Contains(chinese, c => c is >= '\u4e00' and <= '\u9fff');
            Assert.DoesNotContain(english, c => c is >= '\u4e00' and <= '\u9fff');
            Assert.Equal(Placeholder().Matches(chinese).Select(m => m.Value).Order(), Placeholder().Matches(english).Select(m => m.Value).Order());
        }
    }
}
