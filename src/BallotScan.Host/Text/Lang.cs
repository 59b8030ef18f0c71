using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;

namespace BallotScan.Host.Text;

/// <summary>The reader's language: Chinese first (zh-CN), English as a choice (the station's `lang` cookie, the command line's `--lang`).</summary>
internal readonly record struct Lang(bool English)
{
    /// <summary>The text written in Chinese, in the reader's language (<see cref="Texts"/>).</summary>
    public string T(string chinese) => English ? Texts.English(chinese) : chinese;

    /// <summary>A text with values (a composite format written in Chinese, "共 {0} 张"), in the reader's language.</summary>
    public string T(string chinese, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var lang = this;
        return string.Format(English ? Texts.EnglishCulture : Texts.ChineseCulture, T(chinese), [.. values.Select(v => Value(lang, v))]);
    }

    /// <summary>
    /// A value as it goes into a text: a phrase and a problem in the reader's words; names joined by 、, any other list (of
    /// phrases, of problems) by ；, each of its items said as a value.
    /// </summary>
    private static object? Value(Lang lang, object? value) => value switch
    {
        string => value,
        Said said => lang.Say(said),
        FileProblem problem => ProblemWords.Say(lang, problem),
        DefinitionProblem problem => ProblemWords.Say(lang, problem),
        NextRoundProblem problem => ProblemWords.Say(lang, problem),
        IEnumerable<string> names => string.Join(lang.T("、"), names),
        System.Collections.IEnumerable list => string.Join(lang.T("；"), list.Cast<object?>().Select(v => Value(lang, v))),
        _ => value,
    };

    /// <summary>What the Engine or a task of the station says (a Chinese text and its values, phrases among them), in the reader's language.</summary>
    public string Say(Said said)
    {
        ArgumentNullException.ThrowIfNull(said);
        return T(said.Text, [.. said.Values]);
    }
}
