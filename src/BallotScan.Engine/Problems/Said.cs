using System.Globalization;

namespace BallotScan.Engine.Problems;

/// <summary>
/// A text for a person, as the Engine or a task hands it to the edges: its Chinese as a composite format ("收回选票 {0} 张") and
/// its values (names, figures; a phrase among them is a <see cref="Said"/> itself, a list of phrases or of names a list).
/// The edges translate it by its Chinese (BallotScan.Host's Texts: one resource for every language but Chinese);
/// <see cref="ToString"/> is the Chinese.
/// </summary>
public sealed record Said(string Text, params object?[] Values)
{
    private static readonly CultureInfo s_chinese = CultureInfo.GetCultureInfo("zh-CN");

    public override string ToString() => Values.Length == 0 ? Text : string.Format(s_chinese, Text, [.. Values.Select(Chinese)]);

    private static object? Chinese(object? value) => value switch
    {
        string => value,
        IEnumerable<string> names => string.Join("、", names),
        System.Collections.IEnumerable list => string.Join("；", list.Cast<object?>().Select(Chinese)),
        _ => value,
    };
}

/// <summary>An exception whose message is a <see cref="Problems.Said"/>: the edges say it in the reader's language, a log keeps its Chinese.</summary>
public class SaidException(Said said) : Exception(said?.ToString())
{
    /// <summary>What stands in the way, to be said in the reader's language.</summary>
    public Said Said { get; } = said ?? throw new ArgumentNullException(nameof(said));
}
