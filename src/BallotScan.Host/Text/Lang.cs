namespace BallotScan.Host.Text;

/// <summary>The reader's language: Chinese first (zh-CN), English as a choice (the station's `lang` cookie, the command line's `--lang`).</summary>
internal readonly record struct Lang(bool English)
{
    /// <summary>The text in the reader's language.</summary>
    public string S(string chinese, string english) => English ? english : chinese;

    /// <summary>A message written Chinese first with the English after " / " (the station's refusals), in the reader's language.</summary>
    public string Say(string message) => message.Split(" / ", 2) is [var chinese, var english] ? S(chinese, english) : message;
}
