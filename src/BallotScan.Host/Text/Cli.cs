using System.Globalization;

namespace BallotScan.Host.Text;

/// <summary>
/// The command line's language: Chinese unless asked otherwise (<c>--lang en</c>, or <c>BALLOTSCAN_LANG=en</c>, or an
/// English locale in <c>LANG</c>). Every text the command line prints, its help included, is given in both; this picks one.
/// </summary>
internal static class Cli
{
    /// <summary><paramref name="text"/> padded with spaces to <paramref name="columns"/> terminal columns (a Chinese character takes two).</summary>
    public static string Pad(string text, int columns)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = text.EnumerateRunes().Sum(r => r.Value >= 0x1100 && (r.Value <= 0x115F || (r.Value >= 0x2E80 && r.Value <= 0xA4CF) || (r.Value >= 0xAC00 && r.Value <= 0xD7A3) || (r.Value >= 0xF900 && r.Value <= 0xFAFF) || (r.Value >= 0xFF00 && r.Value <= 0xFF60) || r.Value >= 0x20000) ? 2 : 1);
        return text + new string(' ', Math.Max(0, columns - width));
    }

    /// <summary>Whether the command line speaks English (set once, from the arguments and the environment, before anything is printed).</summary>
    public static bool English { get; private set; }

    /// <summary>The global option that chooses the language (parsed early by <see cref="Choose"/>; listed in the help).</summary>
    public static System.CommandLine.Option<string> LanguageOption { get; } = new("--lang")
    {
        Description = "输出语言：zh（中文，默认）或 en（英文）",
        Recursive = true,
        DefaultValueFactory = _ => "zh",
    };

    /// <summary>Chooses the language from <paramref name="args"/> and the environment, and the culture help texts follow.</summary>
    public static void Choose(string[] args)
    {
        string? asked = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--lang" && i + 1 < args.Length)
            {
                asked = args[i + 1];
            }
            else if (args[i].StartsWith("--lang=", StringComparison.Ordinal))
            {
                asked = args[i]["--lang=".Length..];
            }
        }

        asked ??= Environment.GetEnvironmentVariable("BALLOTSCAN_LANG");
        English = asked is not null
            ? asked.StartsWith("en", StringComparison.OrdinalIgnoreCase) || asked.Trim() is "英文" or "英语"
            : (Environment.GetEnvironmentVariable("LC_ALL") ?? Environment.GetEnvironmentVariable("LANG") ?? string.Empty).StartsWith("en", StringComparison.OrdinalIgnoreCase);
        LanguageOption.Description = T("输出语言：zh（中文，默认）或 en（英文）");
        var culture = CultureInfo.GetCultureInfo(English ? "en-US" : "zh-CN");
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>The command line's language as the station's pages and the problem words take it.</summary>
    public static Lang Lang => new(English);

    /// <summary>The text written in Chinese, in the command line's language (<see cref="Texts"/>).</summary>
    public static string T(string chinese) => Lang.T(chinese);

    /// <summary>A text with values (a composite format written in Chinese), in the command line's language.</summary>
    public static string T(string chinese, params object?[] values) => Lang.T(chinese, values);
}
