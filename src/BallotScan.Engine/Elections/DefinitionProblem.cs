namespace BallotScan.Engine.Elections;

/// <summary>How serious a problem in a definition is.</summary>
public enum ProblemSeverity
{
    /// <summary>Worth a look; printing may go ahead.</summary>
    Warning,

    /// <summary>The definition cannot be used until it is fixed.</summary>
    Error,
}

/// <summary>One problem found in an election definition, said for the person who wrote it.</summary>
/// <param name="Code">A stable name for the kind of problem (e.g. TooFewCandidates), for tests and tools.</param>
/// <param name="Path">Where in the file, e.g. contests[1].candidates[2].name.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Severity">An error stops printing and counting; a warning does not.</param>
public sealed record DefinitionProblem(string Code, string Path, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public override string ToString() => $"{(Severity == ProblemSeverity.Error ? "error" : "warning")} {Code} at {Path}: {Message}";
}

/// <summary>An election definition that cannot be read or used; <see cref="Problems"/> lists every reason.</summary>
public sealed class ElectionDefinitionException(IReadOnlyList<DefinitionProblem> problems)
    : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}
