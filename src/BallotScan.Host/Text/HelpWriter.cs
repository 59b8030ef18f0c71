using System.Text;
using System.Text.RegularExpressions;

namespace BallotScan.Host.Text;

/// <summary>
/// The command line's output as people read it, line by line: the program named as they start it (ballotscan, not the
/// assembly's name), the developer's commands under their own heading after the venue's, and in Chinese System.CommandLine's
/// few words its Chinese resources leave in English (the description's header, an option's default, a required option).
/// Everything else passes as written.
/// </summary>
internal sealed partial class HelpWriter(TextWriter inner, IReadOnlySet<string> developerCommands, bool chinese) : TextWriter
{
    private readonly StringBuilder _line = new();
    private bool _developerHeading;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            WriteLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
            return;
        }

        _line.Append(value);
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            inner.Write(Said(_line.ToString()));
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

    private new void WriteLine(string line)
    {
        if (!_developerHeading && CommandLine().Match(line) is { Success: true } m && developerCommands.Contains(m.Groups[1].Value))
        {
            _developerHeading = true;
            inner.WriteLine();
            inner.WriteLine(chinese ? "开发者命令（合成、评估、拟合；计票现场不用）：" : "Developer commands (synthesis, evaluation, fitting; not used at the venue):");
        }

        inner.WriteLine(Said(line));
    }

    /// <summary>One line with the program's name as it is started, and, in Chinese, the library's English words said in Chinese.</summary>
    internal string Said(string line)
    {
        line = Program().Replace(line, "ballotscan");
        return chinese ? Chinese(line) : line;
    }

    /// <summary>One line of help with the library's English words said in Chinese.</summary>
    internal static string Chinese(string line) =>
        Default().Replace(line.Replace("(REQUIRED)", "（必填）", StringComparison.Ordinal).Replace("[command]", "[命令]", StringComparison.Ordinal).Replace("[options]", "[选项]", StringComparison.Ordinal), "［默认：$1］") is var said && said.TrimEnd() == "Description:" ? "说明：" : said;

    [GeneratedRegex(@"\[default: ([^\]]*)\]")]
    private static partial Regex Default();

    /// <summary>The assembly's name where the library prints the program's (the usage line).</summary>
    [GeneratedRegex(@"\bBallotScan\.(?:Lab|Host)\b")]
    private static partial Regex Program();

    /// <summary>A command's line in a help's list of commands: two spaces, its name, then its arguments or its description.</summary>
    [GeneratedRegex(@"^  ([a-z][a-z-]*)(?:\s|$)")]
    private static partial Regex CommandLine();
}
