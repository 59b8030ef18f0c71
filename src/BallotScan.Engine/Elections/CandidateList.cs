using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BallotScan.Engine.Spreadsheets;

namespace BallotScan.Engine.Elections;

/// <summary>The few facts of an election a township office gives beside its candidate list (asked in Chinese by `election new`).</summary>
public sealed record ElectionFacts
{
    public ElectionType Type { get; init; } = ElectionType.VillagersCommittee;

    /// <summary>The title printed on the ballot, e.g. 示例村第十二届村民委员会选举.</summary>
    public required string Title { get; init; }

    public required string Township { get; init; }

    public required string Village { get; init; }

    public required DateOnly Date { get; init; }

    /// <summary>登记选民 (villagers' and residents' committees) or 应到会有选举权的人数 (party committees).</summary>
    public required int Electorate { get; init; }

    /// <summary>The rules preset; the type's default when null.</summary>
    public string? Preset { get; init; }
}

/// <summary>
/// An election definition made from the candidate list an office keeps in Excel, WPS or a CSV (职位, 应选人数, 姓名, 性别, in
/// any column order, the header row wherever it is, UTF-8 or GB18030) and the election's few facts: no JSON typed by hand.
/// JSON stays the stored form.
/// </summary>
public static class CandidateList
{
    private static readonly string[] s_contest = ["职位", "职务", "contest"];
    private static readonly string[] s_seats = ["应选人数", "应选名额", "名额", "seats"];
    private static readonly string[] s_name = ["姓名", "候选人", "候选人姓名", "name"];
    private static readonly string[] s_gender = ["性别", "gender"];
    private static readonly string[] s_writeIns = ["另选他人栏", "另选栏数", "writeins"];
    private static readonly string[] s_born = ["出生年月", "出生日期", "出生年月日", "出生时间", "born", "birth"];
    private static readonly string[] s_age = ["年龄", "age"];
    private static readonly string[] s_education = ["文化程度", "学历", "education"];
    private static readonly string[] s_political = ["政治面貌", "political"];
    private static readonly string[] s_ethnicity = ["民族", "ethnicity"];
    private static readonly string[] s_tenure = ["连任/新任", "新任/连任", "连任或新任", "是否连任", "任职情况", "tenure"];

    /// <summary>The usual posts' ids; any other post is numbered.</summary>
    private static readonly Dictionary<string, string> s_ids = new(StringComparer.Ordinal)
    {
        ["主任"] = "director", ["副主任"] = "deputy", ["委员"] = "member", ["书记"] = "secretary", ["副书记"] = "deputy-secretary",
    };

    /// <summary>The definition from a candidate list file and the facts.</summary>
    /// <exception cref="ElectionDefinitionException">Every problem of the list at once, each with its row.</exception>
    public static ElectionDefinition Read(string path, ElectionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(facts);
        var sheets = Sheets(path);
        var errors = new List<DefinitionProblem>();
        var contests = sheets.Select(s => Contests(s, facts.Date, errors)).FirstOrDefault(c => c.Count > 0);
        if (contests is null)
        {
            throw new ElectionDefinitionException(errors.Count > 0 ? errors
                : [DefinitionProblem.Error(DefinitionProblemCode.NoCandidates, "-", ("file", Path.GetFileName(path)))]);
        }

        if (errors.Count > 0)
        {
            throw new ElectionDefinitionException(errors);
        }

        var kind = facts.Type switch { ElectionType.PartyCommittee => "pc", ElectionType.ResidentsCommittee => "rc", _ => "vc" };
        var place = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{facts.Township}/{facts.Village}")))[..8];
        return new ElectionDefinition
        {
            Schema = ElectionDefinition.CurrentSchema,
            Id = $"{kind}-{facts.Date.Year.ToString(CultureInfo.InvariantCulture)}-{place}",
            Type = facts.Type,
            Title = facts.Title.Trim(),
            Place = new Place { Township = facts.Township.Trim(), Village = facts.Village.Trim() },
            Date = facts.Date,
            Electorate = facts.Type == ElectionType.PartyCommittee ? new Electorate { DueToAttend = facts.Electorate } : new Electorate { Registered = facts.Electorate },
            Rules = new RuleSettings { Preset = facts.Preset ?? RulePresets.DefaultFor(facts.Type) },
            Contests = contests,
        };
    }

    /// <summary>Where the facts' columns are (-1: not in the list).</summary>
    private sealed record FactColumns(int Born, int Age, int Education, int Political, int Ethnicity, int Tenure);

    /// <summary>
    /// The candidate with the facts its row gives: an empty cell is no fact; a cell that names no value it can be is a problem
    /// at its row (<paramref name="problem"/>, with the cell's text).
    /// </summary>
    private static Candidate Facts(DateOnly date, Candidate candidate, FactColumns columns, Func<int, string> at, Action<DefinitionProblemCode, (string, object?)[]> problem)
    {
        T? Read<T>(int column, DefinitionProblemCode code, Func<string, T?> parse)
            where T : struct
        {
            var text = at(column);
            if (text.Length == 0)
            {
                return null;
            }

            var value = parse(text);
            if (value is null)
            {
                problem(code, [("text", text)]);
            }

            return value;
        }

        var ethnicityText = at(columns.Ethnicity);
        var ethnicity = ethnicityText.Length == 0 ? null : CandidateFacts.Ethnicity(ethnicityText);
        if (ethnicityText.Length > 0 && ethnicity is null)
        {
            problem(DefinitionProblemCode.UnknownEthnicity, [("text", ethnicityText)]);
        }

        var read = candidate with
        {
            Born = Read(columns.Born, DefinitionProblemCode.BadBirth, t => YearMonth.TryParse(t, out var v) ? v : (YearMonth?)null),
            Age = Read(columns.Age, DefinitionProblemCode.BadAge, t => CandidateFacts.Age(t)),
            Education = Read(columns.Education, DefinitionProblemCode.UnknownEducation, t => CandidateFacts.TryEducation(t, out var v) ? v : (Education?)null),
            Political = Read(columns.Political, DefinitionProblemCode.UnknownPolitical, t => CandidateFacts.TryPolitical(t, out var v) ? v : (PoliticalStatus?)null),
            Ethnicity = ethnicity,
            Tenure = Read(columns.Tenure, DefinitionProblemCode.UnknownTenure, t => CandidateFacts.TryTenure(t, out var v) ? v : (Tenure?)null),
        };

        // As a person can be on the election day: born before it, old enough to stand.
        foreach (var (code, _, values) in CandidateFacts.Problems(read, date))
        {
            problem(code, values);
        }

        return read;
    }

    /// <summary>The worksheets of a list an office keeps (.xlsx, .xls or a CSV in UTF-8 or GB18030).</summary>
    /// <exception cref="ElectionDefinitionException">Not a list, or a workbook that cannot be read.</exception>
    internal static IReadOnlyList<Worksheet> Sheets(string path)
    {
        IReadOnlyList<Worksheet>? sheets;
        try
        {
            sheets = SpreadsheetFiles.Read(path);
        }
        catch (Problems.FileProblemException e) when (e.Problem.Code == Problems.FileProblemCode.TableTooLarge)
        {
            throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.ListTooLarge, "-", ("file", Path.GetFileName(path)), ("limitMb", e.Problem["limitMb"]))]);
        }
        catch (Problems.FileProblemException e)
        {
            throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.UnreadableList, "-", ("file", Path.GetFileName(path)), ("why", e.Problem["why"]))]);
        }

        if (sheets is null)
        {
            throw new ElectionDefinitionException([DefinitionProblem.Error(DefinitionProblemCode.NotAList, "-", ("file", Path.GetFileName(path)))]);
        }

        return sheets;
    }

    /// <summary>The contests of one worksheet, in the order they first appear; problems are added to <paramref name="errors"/> with their rows.</summary>
    private static List<Contest> Contests(Worksheet sheet, DateOnly date, List<DefinitionProblem> errors)
    {
        var rows = sheet.Rows;
        var header = Enumerable.Range(0, rows.Count).FirstOrDefault(i => SpreadsheetFiles.Column(rows[i], s_contest) >= 0 && SpreadsheetFiles.Column(rows[i], s_name) >= 0, -1);
        if (header < 0)
        {
            return [];
        }

        int Col(string[] names) => SpreadsheetFiles.Column(rows[header], names);
        var (contestCol, seatsCol, nameCol, genderCol, writeInsCol) = (Col(s_contest), Col(s_seats), Col(s_name), Col(s_gender), Col(s_writeIns));
        var facts = new FactColumns(Col(s_born), Col(s_age), Col(s_education), Col(s_political), Col(s_ethnicity), Col(s_tenure));
        var order = new List<string>();
        var candidates = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        var seats = new Dictionary<string, int>(StringComparer.Ordinal);
        var writeIns = new Dictionary<string, int>(StringComparer.Ordinal);
        string? current = null;
        for (var i = header + 1; i < rows.Count; i++)
        {
            var row = rows[i];
            string At(int k) => k >= 0 && k < row.Count ? SpreadsheetFiles.Clean(row[k]) : string.Empty;
            // Where: the worksheet and its row as the spreadsheet numbers them.
            var where = $"{sheet.Name}!{i + 1}";
            (string, object?) sheetName = ("sheet", sheet.Name), rowNumber = ("row", i + 1);
            // A post is named on its first row; the rows below it with an empty 职位 cell belong to it (merged cells).
            current = At(contestCol) is { Length: > 0 } title ? title : current;
            var name = PersonName.Normalise(At(nameCol));
            if (name is null)
            {
                continue;
            }

            if (current is null)
            {
                errors.Add(DefinitionProblem.Error(DefinitionProblemCode.NoContest, where, sheetName, rowNumber, ("name", name)));
                continue;
            }

            if (!candidates.TryGetValue(current, out var list))
            {
                order.Add(current);
                candidates[current] = list = [];
            }

            list.Add(Facts(date, new Candidate
            {
                Name = name,
                Gender = At(genderCol) switch
                {
                    "女" or "female" or "f" => Gender.Female,
                    "男" or "male" or "m" => Gender.Male,
                    _ => Gender.Unspecified,
                },
            }, facts, At, (code, values) => errors.Add(DefinitionProblem.Error(code, where, [sheetName, rowNumber, ("name", name), .. values]))));
            Number(seatsCol, seats, "seats");
            Number(writeInsCol, writeIns, "writeIns");

            // What: the column's meaning, "seats" (应选人数) or "writeIns" (另选他人栏).
            void Number(int column, Dictionary<string, int> into, string what)
            {
                var text = At(column).TrimEnd('名', '人', '个');
                if (text.Length == 0)
                {
                    return;
                }

                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    errors.Add(DefinitionProblem.Error(DefinitionProblemCode.BadNumber, where, sheetName, rowNumber, ("text", At(column)), ("what", what)));
                }
                else if (into.TryGetValue(current!, out var before) && before != n)
                {
                    errors.Add(DefinitionProblem.Error(DefinitionProblemCode.SeatsDiffer, where, sheetName, rowNumber, ("contest", current), ("what", what), ("before", before), ("here", n)));
                }
                else
                {
                    into[current!] = n;
                }
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        return [.. order.Select((title, k) =>
        {
            var id = s_ids.TryGetValue(title, out var known) && used.Add(known) ? known : $"contest-{k + 1}";
            used.Add(id);
            if (!seats.ContainsKey(title))
            {
                errors.Add(DefinitionProblem.Error(DefinitionProblemCode.NoSeats, title, ("contest", title)));
            }

            var n = seats.GetValueOrDefault(title, 1);
            return new Contest { Id = id, Title = title, Seats = n, Candidates = candidates[title], WriteIns = writeIns.GetValueOrDefault(title, n) };
        })];
    }
}
