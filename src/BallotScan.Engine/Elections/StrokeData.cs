using System.Globalization;
using BallotScan.Engine.Platform;

namespace BallotScan.Engine.Elections;

/// <summary>
/// Stroke data of Chinese characters: the total stroke count (Unihan kTotalStrokes, the simplified form) and the
/// stroke sequence (笔顺) as h s p n z, that is 横 竖 撇 点 折 (Debian's rime-data-stroke).
/// </summary>
public sealed class StrokeData
{
    /// <summary>Debian's unicode-data: Unihan with kTotalStrokes.</summary>
    public const string DebianUnihanFile = "/usr/share/unicode/Unihan_IRGSources.txt.bz2";

    /// <summary>Debian's rime-data-stroke: one line per character and stroke sequence.</summary>
    public const string DebianStrokeSequenceFile = "/usr/share/rime-data/stroke.dict.yaml";

    private static readonly Lazy<StrokeData> s_debian = new(() => Load(DebianUnihanFile, DebianStrokeSequenceFile));

    private readonly Dictionary<int, int> _counts;
    private readonly Dictionary<int, string> _sequences;

    public StrokeData(IReadOnlyDictionary<int, int> counts, IReadOnlyDictionary<int, string> sequences)
    {
        _counts = new Dictionary<int, int>(counts);
        _sequences = new Dictionary<int, string>(sequences);
    }

    /// <summary>The data Debian ships, read once per process.</summary>
    /// <exception cref="FileNotFoundException">A package is missing; the message names it.</exception>
    public static StrokeData Debian => s_debian.Value;

    /// <summary>The stroke count of a character, or null when Unihan has none.</summary>
    public int? Count(int codePoint) => _counts.TryGetValue(codePoint, out var n) ? n : null;

    /// <summary>The stroke sequence (h s p n z) of a character, or null when none is known.</summary>
    public string? Sequence(int codePoint) => _sequences.TryGetValue(codePoint, out var s) ? s : null;

    /// <summary>Reads Unihan (.txt, or .bz2 through bzcat) and a rime stroke dictionary.</summary>
    public static StrokeData Load(string unihanPath, string strokeSequencePath)
    {
        var counts = new Dictionary<int, int>();
        foreach (var line in ReadText(unihanPath, "unicode-data").AsSpan().EnumerateLines())
        {
            // U+738B<TAB>kTotalStrokes<TAB>4 (a second value, for the traditional form, may follow)
            if (!line.StartsWith("U+") || line.IndexOf("\tkTotalStrokes\t") < 0)
            {
                continue;
            }

            var value = line[(line.LastIndexOf('\t') + 1)..];
            var space = value.IndexOf(' ');
            value = space >= 0 ? value[..space] : value;
            if (int.TryParse(line[2..line.IndexOf('\t')], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                counts[codePoint] = count;
            }
        }

        // A character may have several sequences (variant forms); keep the one as long as its simplified stroke count.
        var sequences = new Dictionary<int, string>();
        foreach (var line in ReadText(strokeSequencePath, "rime-data-stroke").AsSpan().EnumerateLines())
        {
            var tab = line.IndexOf('\t');
            if (tab <= 0 || !System.Text.Rune.TryGetRuneAt(line.ToString(), 0, out var rune) || rune.Utf16SequenceLength != tab)
            {
                continue;
            }

            var rest = line[(tab + 1)..];
            var end = rest.IndexOf('\t');
            var sequence = (end >= 0 ? rest[..end] : rest).ToString();
            if (sequence.Length == 0 || sequence.AsSpan().IndexOfAnyExcept("hspnz") >= 0)
            {
                continue;
            }

            var fits = counts.TryGetValue(rune.Value, out var n) && sequence.Length == n;
            if (!sequences.TryGetValue(rune.Value, out var existing) || (fits && (!counts.TryGetValue(rune.Value, out var m) || existing.Length != m)))
            {
                sequences[rune.Value] = sequence;
            }
        }

        return new StrokeData(counts, sequences);
    }

    private static string ReadText(string path, string package)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The stroke data {path} is missing. Install the Debian package {package} (./ballotscan setup does this).", path);
        }

        if (!path.EndsWith(".bz2", StringComparison.Ordinal))
        {
            return File.ReadAllText(path);
        }

        var result = DebianTool.Run("bzcat", "bzip2", path);
        return result.ExitCode == 0 ? result.Output : throw new InvalidDataException($"bzcat could not read {path}: {result.Error.Trim()}");
    }
}

/// <summary>
/// 姓氏笔画 order, character by character starting with the surname: fewer strokes first; at equal count, by the
/// strokes in writing order, 横 before 竖 before 撇 before 点 before 折 (so all names of one surname stay together);
/// then the next character. Names that still tie are put in code-point order and reported, so that the election
/// office can confirm the order or give it explicitly.
/// </summary>
public sealed class SurnameStrokeOrder(StrokeData strokes) : IComparer<string>
{
    private const string StrokeShapes = "hspnz";

    /// <summary>The order with the data Debian ships.</summary>
    public static SurnameStrokeOrder Debian => new(StrokeData.Debian);

    public int Compare(string? x, string? y)
    {
        var byStrokes = CompareStrokes(x ?? string.Empty, y ?? string.Empty);
        return byStrokes != 0 ? byStrokes : string.CompareOrdinal(x, y);
    }

    /// <summary>Whether two different names cannot be told apart by strokes (count and sequence) at all.</summary>
    public bool AreTied(string x, string y) => !string.Equals(x, y, StringComparison.Ordinal) && CompareStrokes(x, y) == 0;

    /// <summary>The characters of <paramref name="name"/> with no stroke count or no stroke sequence.</summary>
    public IReadOnlyList<string> Unknown(string name) =>
        Characters(name).Where(r => strokes.Count(r.Value) is null || strokes.Sequence(r.Value) is null).Select(r => r.ToString()).ToList();

    private int CompareStrokes(string x, string y)
    {
        var a = Characters(x).ToList();
        var b = Characters(y).ToList();
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var c = CompareCharacter(a[i].Value, b[i].Value);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private int CompareCharacter(int a, int b)
    {
        if (a == b)
        {
            return 0;
        }

        var byCount = (strokes.Count(a) ?? int.MaxValue).CompareTo(strokes.Count(b) ?? int.MaxValue);
        if (byCount != 0)
        {
            return byCount;
        }

        var (sa, sb) = (strokes.Sequence(a) ?? string.Empty, strokes.Sequence(b) ?? string.Empty);
        for (var i = 0; i < Math.Min(sa.Length, sb.Length); i++)
        {
            var c = StrokeShapes.IndexOf(sa[i], StringComparison.Ordinal).CompareTo(StrokeShapes.IndexOf(sb[i], StringComparison.Ordinal));
            if (c != 0)
            {
                return c;
            }
        }

        return sa.Length.CompareTo(sb.Length);
    }

    // The middle dot in names such as 阿依古丽·买买提 separates parts and has no strokes.
    private static IEnumerable<System.Text.Rune> Characters(string name) =>
        name.EnumerateRunes().Where(r => r.Value is not (0x00B7 or 0x30FB or 0x2027 or 0x0020));
}
