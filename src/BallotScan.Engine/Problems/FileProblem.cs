using System.Globalization;

namespace BallotScan.Engine.Problems;

/// <summary>
/// A problem of a file a person wrote (a hand tally 唱票/计票, an auditor's spot-check record) as a code and its values (the
/// file, the row, what was written …), which the edges say in the reader's language; the Engine holds no user's text.
/// </summary>
/// <param name="Code">The kind of problem.</param>
/// <param name="Values">The values it is said with, by name, as text (numbers in invariant form).</param>
public sealed record FileProblem(FileProblemCode Code, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The value <paramref name="name"/>, or empty when the problem has none of that name.</summary>
    public string this[string name] => Values.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>A problem of <paramref name="code"/> with its <paramref name="values"/> (null values left out).</summary>
    public static FileProblem Of(FileProblemCode code, params (string Name, object? Value)[] values) => new(code, ValuesOf(values));

    /// <summary>Named values as text: null ones left out, numbers in invariant form.</summary>
    public static IReadOnlyDictionary<string, string> ValuesOf((string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Where(v => v.Value is not null).ToDictionary(v => v.Name, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty, StringComparer.Ordinal);
    }

    /// <summary>For logs (not for users): "NotAContest (row=2, text=村长)".</summary>
    public override string ToString() => Code + ValuesText(Values);

    /// <summary>Values for logs: " (row=2, text=村长)", or empty when there are none.</summary>
    public static string ValuesText(IReadOnlyDictionary<string, string> values) =>
        values is null || values.Count == 0 ? string.Empty : $" ({string.Join(", ", values.Select(v => $"{v.Key}={v.Value}"))})";
}

/// <summary>
/// A file a person wrote that cannot be used (a workbook that cannot be read, a table not as it should be); <see cref="Problem"/>
/// says where and why. The hand tally's and the spot-check record's own kinds derive from it.
/// </summary>
public class FileProblemException(FileProblem problem, Exception? inner = null) : Exception(problem.ToString(), inner)
{
    public FileProblemException(FileProblemCode code, params (string Name, object? Value)[] values)
        : this(FileProblem.Of(code, values))
    {
    }

    public FileProblem Problem { get; } = problem;
}
