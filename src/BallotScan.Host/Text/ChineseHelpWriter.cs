using System.Text;
using System.Text.RegularExpressions;

namespace BallotScan.Host.Text;

/// <summary>
/// The command line's help in Chinese throughout: System.CommandLine's Chinese resources leave a few of its own words in
/// English (the description's header, an option's default, a required option); this writer, the help's output, says them in
/// Chinese line by line. Everything else passes as written.
/// </summary>
internal sealed partial class ChineseHelpWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            inner.WriteLine(Chinese(_line.ToString().TrimEnd('\r')));
            _line.Clear();
            return;
        }

        _line.Append(value);
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(Chinese(_line.ToString()));
            _line.Clear();
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>One line of help with the library's English words said in Chinese.</summary>
    internal static string Chinese(string line) =>
        Default().Replace(line.Replace("(REQUIRED)", "（必填）", StringComparison.Ordinal), "［默认：$1］") is var said && said.TrimEnd() == "Description:" ? "说明：" : said;

    [GeneratedRegex(@"\[default: ([^\]]*)\]")]
    private static partial Regex Default();
}
