namespace BallotScan.Engine.Elections;

/// <summary>How serious a problem in a definition is.</summary>
public enum ProblemSeverity
{
    /// <summary>Worth a look; printing may go ahead.</summary>
    Warning,

    /// <summary>The definition cannot be used until it is fixed.</summary>
    Error,
}

/// <summary>
/// One problem found in an election definition or a candidate list: a code and its values, which the edges say in the
/// reader's language (the Host's <c>ProblemWords</c>); the Engine holds no user's text.
/// </summary>
/// <param name="Code">A stable name for the kind of problem (e.g. TooFewCandidates): what the edges say it by.</param>
/// <param name="Path">Where in the file, e.g. contests[1].candidates[2].name.</param>
/// <param name="Severity">An error stops printing and counting; a warning does not.</param>
public sealed record DefinitionProblem(DefinitionProblemCode Code, string Path, ProblemSeverity Severity = ProblemSeverity.Error)
{
    private static readonly IReadOnlyDictionary<string, string> s_none = new Dictionary<string, string>();

    /// <summary>The values the problem is said with (a name, a count, a line), by name, as text (numbers in invariant form).</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = s_none;

    /// <summary>The value <paramref name="name"/>, or empty when the problem has none of that name.</summary>
    public string this[string name] => Values.TryGetValue(name, out var value) ? value : string.Empty;

    /// <summary>An error of <paramref name="code"/> at <paramref name="path"/> with its <paramref name="values"/>.</summary>
    public static DefinitionProblem Error(DefinitionProblemCode code, string path, params (string Name, object? Value)[] values) => Of(code, path, ProblemSeverity.Error, values);

    /// <summary>A warning of <paramref name="code"/> at <paramref name="path"/> with its <paramref name="values"/>.</summary>
    public static DefinitionProblem Warning(DefinitionProblemCode code, string path, params (string Name, object? Value)[] values) => Of(code, path, ProblemSeverity.Warning, values);

    private static DefinitionProblem Of(DefinitionProblemCode code, string path, ProblemSeverity severity, (string Name, object? Value)[] values) =>
        new(code, path, severity) { Values = Problems.FileProblem.ValuesOf(values) };

    /// <summary>For logs and exceptions (not for users): "error TooFewCandidates at contests[0].candidates (have=2, needed=3)".</summary>
    public override string ToString() =>
        $"{(Severity == ProblemSeverity.Error ? "error" : "warning")} {Code} at {Path}{Problems.FileProblem.ValuesText(Values)}";
}

/// <summary>An election definition that cannot be read or used; <see cref="Problems"/> lists every reason.</summary>
public sealed class ElectionDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
