using System.Diagnostics;
using System.Globalization;

namespace BallotScan.Engine.Elections;

/// <summary>Total stroke counts of Chinese characters (Unihan kTotalStrokes, the simplified-form value).</summary>
public sealed class StrokeCounts
{
    /// <summary>Where Debian's unicode-data package puts the Unihan file that holds kTotalStrokes.</summary>
    public const string DebianUnihanFile = "/usr/share/unicode/Unihan_IRGSources.txt.bz2";

    private static readonly Lazy<StrokeCounts> s_unihan = new(() => LoadUnihan(DebianUnihanFile));

    private readonly Dictionary<int, int> _strokes;

    public StrokeCounts(IReadOnlyDictionary<int, int> strokes) => _strokes = new Dictionary<int, int>(strokes);

    /// <summary>The counts from Debian's Unihan data, read once per process.</summary>
    /// <exception cref="FileNotFoundException">unicode-data is not installed; the message says so.</exception>
    public static StrokeCounts Unihan => s_unihan.Value;

    /// <summary>How many characters have a count.</summary>
    public int Count => _strokes.Count;

    /// <summary>The stroke count of the character at code point <paramref name="codePoint"/>, or null when Unihan has none.</summary>
    public int? Of(int codePoint) => _strokes.TryGetValue(codePoint, out var n) ? n : null;

    /// <summary>Reads kTotalStrokes from a Unihan file (.txt, or .bz2 through Debian's bzcat).</summary>
    public static StrokeCounts LoadUnihan(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Unihan stroke data ({path}) is missing. Install the Debian package unicode-data (./ballotscan setup does this).", path);
        }

        var text = path.EndsWith(".bz2", StringComparison.Ordinal) ? Bunzip(path) : File.ReadAllText(path);
        var strokes = new Dictionary<int, int>();
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            // U+738B<TAB>kTotalStrokes<TAB>4 (a second value, for the traditional form, may follow)
            if (!line.StartsWith("U+") || line.IndexOf("\tkTotalStrokes\t") < 0)
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            var value = line[(line.LastIndexOf('\t') + 1)..];
            var space = value.IndexOf(' ');
            if (space >= 0)
            {
                value = value[..space];
            }

            if (int.TryParse(line[2..tab], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint)
                && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                strokes[codePoint] = count;
            }
        }

        return new StrokeCounts(strokes);
    }

    private static string Bunzip(string path)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("bzcat", [path])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("bzcat did not start.");
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? text : throw new InvalidDataException($"bzcat could not read {path}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FileNotFoundException("bzcat is missing: install the Debian package bzip2 (./ballotscan setup does this).", e);
        }
    }
}

/// <summary>
/// 姓氏笔画 order: names compared character by character by stroke count, the surname first (a compound surname such
/// as 欧阳 is simply its first characters); a shorter name first when one is the start of the other.
/// Full ties (different characters with the same counts throughout) are broken by code point, deterministically, and
/// reported so that the election office can confirm the order or give it explicitly.
/// </summary>
public sealed class SurnameStrokeOrder(StrokeCounts strokes) : IComparer<string>
{
    /// <summary>The order with Debian's Unihan data.</summary>
    public static SurnameStrokeOrder Unihan => new(StrokeCounts.Unihan);

    public int Compare(string? x, string? y)
    {
        var byStrokes = CompareStrokes(x ?? string.Empty, y ?? string.Empty);
        return byStrokes != 0 ? byStrokes : string.CompareOrdinal(x, y);
    }

    /// <summary>Whether two different names have exactly the same stroke counts character by character.</summary>
    public bool AreTied(string x, string y) => !string.Equals(x, y, StringComparison.Ordinal) && CompareStrokes(x, y) == 0;

    /// <summary>The characters of <paramref name="name"/> that have no stroke count.</summary>
    public IReadOnlyList<string> Unknown(string name) =>
        name.EnumerateRunes().Where(r => strokes.Of(r.Value) is null && !IsSeparator(r)).Select(r => r.ToString()).ToList();

    private int CompareStrokes(string x, string y)
    {
        var a = Counts(x);
        var b = Counts(y);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i] != b[i])
            {
                return a[i].CompareTo(b[i]);
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private List<int> Counts(string name) =>
        name.EnumerateRunes().Where(r => !IsSeparator(r)).Select(r => strokes.Of(r.Value) ?? int.MaxValue).ToList();

    // The middle dot in names such as 阿依古丽·买买提 separates parts and has no strokes.
    private static bool IsSeparator(System.Text.Rune r) => r.Value is 0x00B7 or 0x30FB or 0x2027 or 0x0020;
}
