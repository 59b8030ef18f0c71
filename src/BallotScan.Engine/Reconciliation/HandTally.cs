using System.Globalization;
using System.Text.Json;
using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Reconciliation;

/// <summary>A hand-tally file that cannot be used; <see cref="FileProblemException.Problem"/> says where and why.</summary>
public sealed class HandTallyException(FileProblem problem) : FileProblemException(problem)
{
    public HandTallyException(FileProblemCode code, params (string Name, object? Value)[] values)
        : this(FileProblem.Of(code, values))
    {
    }
}

/// <summary>
/// The hand count (唱票/计票), in the shape of the result report: one line per figure or per candidate and kind, as
/// <c>line,contest,name,count</c> (Chinese headers and line names accepted: 项目,职位,姓名,票数; 赞成, 不赞成, 弃权, 另选他人, 发出选票 …).
/// Read from CSV, JSON (<c>{"lines": [{"line": "赞成", "contest": "主任", "name": "王建华", "count": 812}]}</c>) or .xlsx
/// (the first worksheet, the same four columns).
/// </summary>
public static class HandTally
{
    /// <summary>
    /// Reads a hand tally by its file extension (.csv in UTF-8 or GB18030, .json, .xlsx or .xls); contests may be given by id
    /// or by title. A workbook's sheet is the one named <paramref name="sheet"/>, else the one holding most lines of the
    /// report. A file in which no line of the report is found is an error, never an empty tally.
    /// </summary>
    public static IReadOnlyList<TallyLine> Load(string path, ElectionDefinition definition, string? sheet = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFileName(path);
        if (Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return Checked(Lines(JsonRows(SpreadsheetFiles.DecodeText(File.ReadAllBytes(path))), definition, file), file);
        }

        IReadOnlyList<Worksheet>? tables;
        try
        {
            tables = SpreadsheetFiles.Read(path);
        }
        catch (FileProblemException e)
        {
            throw new HandTallyException(e.Problem);
        }

        return tables is null
            ? throw new HandTallyException(FileProblemCode.NotAHandTally, ("file", file))
            : Parse(tables, definition, file, sheet);
    }

    /// <summary>Reads CSV text (a header row somewhere at the top, or the 报告单 layout).</summary>
    public static IReadOnlyList<TallyLine> ParseCsv(string text, ElectionDefinition definition) =>
        Parse([new Worksheet("hand tally", CsvTable.Read(text ?? string.Empty))], definition, string.Empty, null);

    /// <summary>Reads CSV bytes as a station receives them (UTF-8 or GB18030).</summary>
    public static IReadOnlyList<TallyLine> ParseCsv(byte[] bytes, ElectionDefinition definition) => ParseCsv(SpreadsheetFiles.DecodeText(bytes), definition);

    private static List<TallyLine> Parse(IReadOnlyList<Worksheet> tables, ElectionDefinition definition, string file, string? sheet)
    {
        var chosen = sheet is null ? tables : [.. tables.Where(t => t.Name == sheet)];
        if (chosen.Count == 0)
        {
            throw new HandTallyException(FileProblemCode.NoSuchSheet, ("file", file), ("sheet", sheet), ("sheets", string.Join(",", tables.Select(t => t.Name))));
        }

        // Each sheet as read, or why not: the sheet with most lines is the hand tally; if none has any, the first problem is said.
        var read = chosen.Select(t =>
        {
            var name = tables.Count > 1 ? $"{file} [{t.Name}]" : file;
            if (HandTallyTables.Rows(t, definition) is not { } rows)
            {
                return (Lines: (List<TallyLine>?)null, Problem: (HandTallyException?)null);
            }

            try
            {
                return (Lines: Lines(rows, definition, name), Problem: null);
            }
            catch (HandTallyException e)
            {
                return (Lines: null, Problem: e);
            }
        }).ToList();
        var best = read.Select(r => r.Lines).Where(l => l is { Count: > 0 }).OrderByDescending(l => l!.Count).FirstOrDefault();
        if (best is not null)
        {
            return Checked(best, file);
        }

        throw read.Select(r => r.Problem).FirstOrDefault(p => p is not null)
            ?? new HandTallyException(FileProblemCode.NoLines, ("file", file));
    }

    /// <summary>A file whose lines are all empty is no hand tally: an error, never "agree on 0 lines".</summary>
    private static List<TallyLine> Checked(List<TallyLine> lines, string file) => lines.Count > 0 ? lines
        : throw new HandTallyException(FileProblemCode.NoNumbers, ("file", file));

    /// <summary>The lines as CSV, with Chinese line names: the shape counters fill in and the result CSV has.</summary>
    public static string ToCsv(IEnumerable<TallyLine> lines, ElectionDefinition definition, bool blankCounts = false)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(definition);
        string[] header = ["项目", "职位", "姓名", "票数"];
        return CsvTable.Write([header, .. lines.Select(l => new[]
        {
            ResultLines.Chinese[l.Kind],
            l.Contest is null ? string.Empty : definition.Contests.FirstOrDefault(c => c.Id == l.Contest)?.Title ?? l.Contest,
            l.Name,
            blankCounts ? string.Empty : l.Count.ToString(CultureInfo.InvariantCulture),
        })]);
    }

    /// <summary>
    /// The blank hand-tally form for a count: every figure the report compares (应到, 实到, 发出, 收回, 有效, 无效), then each
    /// contest's candidates and written-in names, with no numbers.
    /// </summary>
    public static string Template(ElectionTally tally, ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(tally);
        LineKind[] figures = [LineKind.Due, LineKind.Present, LineKind.Issued, LineKind.Returned, LineKind.Valid, LineKind.Void];
        return ToCsv([.. figures.Select(k => new TallyLine(k, null, null, 0)), .. ResultLines.Of(tally).Where(l => !figures.Contains(l.Kind))], definition, blankCounts: true);
    }

    /// <summary>
    /// What does not add up inside a hand tally, for the counters to look at before comparing. Every ballot on which a contest
    /// stands gives each of its listed candidates exactly one of 赞成, 不赞成, 弃权 or 无效, so: within a contest, every
    /// candidate whose four lines are entered has the same 赞成 + 不赞成 + 弃权 + 无效 (the contest's valid ballots), and it
    /// is not more than the valid ballots (有效票), nor more than the ballots returned (收回); with 无效 not entered, 赞成 +
    /// 不赞成 + 弃权 is still not more than either.
    /// </summary>
    public static IReadOnlyList<FileProblem> Inconsistencies(IReadOnlyList<TallyLine> lines, ElectionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<FileProblem>();
        var byKey = lines.ToDictionary(l => l.Key);
        int? Figure(LineKind kind) => lines.FirstOrDefault(l => l.Kind == kind && l.Contest is null)?.Count;
        // The figures no candidate's lines may exceed: the valid ballots ("valid"), the ballots returned ("returned").
        var limits = new[] { (Figure(LineKind.Valid), "valid"), (Figure(LineKind.Returned), "returned") }
            .Where(x => x.Item1 is not null).Select(x => (Count: x.Item1!.Value, Figure: x.Item2)).ToList();
        foreach (var contest in definition.Contests)
        {
            var sums = new List<(string Name, int Sum)>();
            foreach (var candidate in contest.Candidates)
            {
                var parts = new[] { LineKind.Approve, LineKind.Disapprove, LineKind.Abstain }.Select(k => byKey.GetValueOrDefault((k, contest.Id, candidate.Name))).ToList();
                if (parts.Any(p => p is null))
                {
                    continue;
                }

                var voidPart = byKey.GetValueOrDefault((LineKind.CandidateVoid, contest.Id, candidate.Name));
                var sum = parts.Sum(p => p!.Count) + (voidPart?.Count ?? 0);
                if (limits.FirstOrDefault(l => sum > l.Count) is { Figure: not null } over)
                {
                    problems.Add(FileProblem.Of(FileProblemCode.MoreThanBallots, ("contest", contest.Title), ("name", candidate.Name), ("withVoid", voidPart is not null), ("sum", sum),
                        ("figure", over.Figure), ("count", over.Count)));
                }

                if (voidPart is not null)
                {
                    sums.Add((candidate.Name, sum));
                }
            }

            if (sums.Select(s => s.Sum).Distinct().Count() > 1)
            {
                problems.Add(FileProblem.Of(FileProblemCode.SumsDiffer, ("contest", contest.Title), ("sums", string.Join(",", sums.Select(s => $"{s.Name} {s.Sum}")))));
            }
        }

        return problems;
    }

    private static List<TallyLine> Lines(IEnumerable<(int Row, string Line, string Contest, string Name, string Count)> rows, ElectionDefinition definition, string file)
    {
        var lines = new List<TallyLine>();
        var seen = new HashSet<(LineKind, string, string)>();
        foreach (var (row, rawLine, rawContest, nameText, countText) in rows)
        {
            var (lineText, contestText) = (SpreadsheetFiles.Clean(rawLine), SpreadsheetFiles.Clean(rawContest));
            if (string.IsNullOrWhiteSpace(lineText) && string.IsNullOrWhiteSpace(countText))
            {
                continue;
            }

            var kind = ResultLines.Parse(lineText) ?? throw new HandTallyException(FileProblemCode.NotALine, ("file", file), ("row", row), ("text", lineText));
            if (!HandTallyTables.TryCount(countText, out var count) || count < 0)
            {
                throw new HandTallyException(FileProblemCode.BadCount, ("file", file), ("row", row), ("text", countText));
            }

            string? contest = null, name = null;
            // 无效 with no contest and name is the ballots' figure (无效票), as some forms write it.
            if (kind == LineKind.CandidateVoid && string.IsNullOrWhiteSpace(contestText) && string.IsNullOrWhiteSpace(nameText))
            {
                kind = LineKind.Void;
            }

            if (kind is LineKind.Approve or LineKind.Disapprove or LineKind.Abstain or LineKind.CandidateVoid or LineKind.WriteIn)
            {
                var c = definition.Contests.FirstOrDefault(c => c.Id == contestText.Trim() || c.Title == contestText.Trim())
                    ?? throw new HandTallyException(FileProblemCode.NotAContest, ("file", file), ("row", row), ("text", contestText), ("contests", string.Join(",", definition.Contests.Select(c => c.Title))));
                contest = c.Id;
                name = PersonName.Normalise(nameText) ?? throw new HandTallyException(FileProblemCode.NameNeeded, ("file", file), ("row", row), ("line", ResultLines.Chinese[kind]));
                if (kind != LineKind.WriteIn && c.Candidates.All(x => x.Name != name))
                {
                    throw new HandTallyException(FileProblemCode.NotACandidate, ("file", file), ("row", row), ("name", name), ("contest", c.Title));
                }
            }

            var line = new TallyLine(kind, contest, name, count);
            if (!seen.Add(line.Key))
            {
                throw new HandTallyException(FileProblemCode.LineTwice, ("file", file), ("row", row));
            }

            lines.Add(line);
        }

        return lines;
    }

    private static List<(int, string, string, string, string)> JsonRows(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new HandTallyException(FileProblemCode.BadJson, ("why", e.Message));
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
            {
                throw new HandTallyException(FileProblemCode.NoLinesArray);
            }

            var result = new List<(int, string, string, string, string)>();
            var i = 0;
            foreach (var l in lines.EnumerateArray())
            {
                i++;
                string Text(string property) => l.TryGetProperty(property, out var v) ? v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString() ?? string.Empty : string.Empty;
                result.Add((i, Text("line"), Text("contest"), Text("name"), Text("count")));
            }

            return result;
        }
    }
}
