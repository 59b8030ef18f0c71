using System.CommandLine;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Printing;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan election validate` and `ballotscan ballot print`: what the township election office runs before election day.</summary>
internal static class ElectionCommands
{
    public static Command Election()
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The election definition (JSON; see docs/election-definition.md)." };
        var validate = new Command("validate", "Check an election definition and say what to fix.") { definition };
        validate.SetAction(parse => Validate(parse.GetValue(definition)!));
        return new Command("election", "Election definitions.") { validate };
    }

    public static Command Ballot()
    {
        var definition = new Argument<FileInfo>("definition") { Description = "The election definition (JSON)." };
        var output = new Option<DirectoryInfo>("--output", "-o") { Description = "Folder for the PDF and the layout template.", Required = true };
        var print = new Command("print", "Lay out the ballot and write the PDF for printing plus the layout template the reader uses.") { definition, output };
        print.SetAction(parse => Print(parse.GetValue(definition)!, parse.GetValue(output)!));
        var command = new Command("ballot", "Ballot printing and print proofing.") { print };
        command.Subcommands.Add(ProofCommand.Create());
        return command;
    }

    /// <summary>Loads and validates a definition, printing every problem (with the line and column it is at); null when it has errors.</summary>
    internal static ElectionDefinition? LoadValid(FileInfo file)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.Name}: 找不到文件 / there is no such file.");
            return null;
        }

        var text = File.ReadAllText(file.FullName);
        ElectionDefinition definition;
        IReadOnlyList<DefinitionProblem> notes;
        try
        {
            (definition, notes) = ElectionJson.Read(text);
        }
        catch (ElectionDefinitionException e)
        {
            Report(file, text, e.Problems);
            return null;
        }

        var problems = ElectionValidator.Validate(definition);
        Report(file, text, [.. notes, .. problems]);
        return problems.Any(p => p.Severity == ProblemSeverity.Error) ? null : definition;
    }

    private static void Report(FileInfo file, string text, IReadOnlyList<DefinitionProblem> problems)
    {
        foreach (var p in problems)
        {
            var writer = p.Severity == ProblemSeverity.Error ? Console.Error : Console.Out;
            // A validator's problem names a path: say where that is in the file, as an editor counts lines and columns.
            var at = p.Message.StartsWith('第') || p.Path.StartsWith("line", StringComparison.Ordinal) ? string.Empty
                : DefinitionText.Locate(text, p.Path) is var (line, column) ? $"第 {line} 行第 {column} 列 / line {line}, column {column}: " : string.Empty;
            writer.WriteLine($"{file.Name}: {(p.Severity == ProblemSeverity.Error ? "错误 error" : "注意 warning")} [{p.Code}] {p.Path}: {at}{p.Message}");
        }
    }

    private static int Validate(FileInfo file)
    {
        var definition = LoadValid(file);
        if (definition is null)
        {
            Console.Error.WriteLine($"{file.Name}: not valid; nothing can be printed from it until the errors above are fixed.");
            return 1;
        }

        var seats = definition.Contests.Sum(c => c.Seats);
        var candidates = definition.Contests.Sum(c => c.Candidates.Count);
        Console.WriteLine($"{file.Name}: valid. {definition.Title}: {definition.Contests.Count} contest(s), {seats} seat(s), {candidates} candidate(s); rules '{definition.RuleProfile.Preset}'.");
        return 0;
    }

    private static int Print(FileInfo file, DirectoryInfo output)
    {
        var definition = LoadValid(file);
        if (definition is null)
        {
            return 1;
        }

        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        output.Create();
        var stem = $"{definition.Id}-{definition.BallotStyle}";
        var pdf = Path.Combine(output.FullName, stem + ".pdf");
        var template = Path.Combine(output.FullName, stem + ".layout.json");
        File.WriteAllBytes(pdf, BallotPdfWriter.Write(layout, definition.Title));
        File.WriteAllText(template, LayoutJson.Serialize(layout));
        Console.WriteLine($"Ballot {definition.Title}, style {definition.BallotStyle}: {layout.Pages.Count} page(s), layout {layout.LayoutHash}.");
        foreach (var contest in layout.Contests)
        {
            Console.WriteLine($"  {BallotWording.ContestHeading(contest)}: {string.Join("、", contest.Candidates)}{(contest.WriteIns > 0 ? $"，另选他人 {contest.WriteIns} 格" : string.Empty)}");
        }

        Console.WriteLine($"PDF for printing:   {pdf}");
        Console.WriteLine($"Layout for reading: {template}");
        Console.WriteLine("Before election day, print one ballot, scan or photograph it, and check it with: ./ballotscan ballot proof " + file.Name + " <scan>");
        return 0;
    }
}
