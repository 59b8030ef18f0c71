using System.Globalization;
using System.Resources;

namespace BallotScan.Host.Text;

/// <summary>
/// BallotScan's one way to translate: every text is written in Chinese (zh-CN shows it as written) and keyed by it; its
/// English is in Resources/Text/Texts.en.resx. The pages ask through <c>IStringLocalizer&lt;Texts&gt;</c>; the command line,
/// the words for the Engine's codes and the station's handlers through <see cref="Lang.T(string)"/> and <see cref="Cli.T(string)"/>,
/// which read the same resources. A text with values is a composite format ("共 {0} 张"), its English with the same placeholders.
/// </summary>
public sealed class Texts
{
    private static readonly ResourceManager s_resources = new("BallotScan.Host.Resources.Text.Texts", typeof(Texts).Assembly);

    /// <summary>The culture of the English texts.</summary>
    public static CultureInfo EnglishCulture { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The culture of the Chinese texts (and of the figures formatted into them).</summary>
    public static CultureInfo ChineseCulture { get; } = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The English of <paramref name="chinese"/>; the Chinese itself where none is written (a test keeps that from happening).</summary>
    public static string English(string chinese)
    {
        ArgumentNullException.ThrowIfNull(chinese);
        try
        {
            return s_resources.GetString(chinese, EnglishCulture) ?? chinese;
        }
        catch (MissingManifestResourceException)
        {
            return chinese; // no neutral resources: the Chinese is the key
        }
    }
}
