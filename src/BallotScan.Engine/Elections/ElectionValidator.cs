using System.Text.RegularExpressions;

namespace BallotScan.Engine.Elections;

/// <summary>
/// Checks an election definition before anything is printed, and says what to fix in the words of the election office.
/// Pure: the font coverage and the stroke order are passed in.
/// </summary>
public static partial class ElectionValidator
{
    /// <summary>A candidate name longer than this does not fit its printed cell.</summary>
    public const int MaxNameLength = 12;

    /// <summary>At most this many write-in cells per contest fit on a ballot.</summary>
    public const int MaxWriteIns = 20;

    /// <summary>Every problem in <paramref name="definition"/>, checked against the installed ballot font and Debian's Unihan stroke data.</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(ElectionDefinition definition) =>
        Validate(definition, Fonts.PrintFaces.FirstMissingGlyph, SurnameStrokeOrder.Debian);

    /// <summary>Every problem in <paramref name="definition"/>; an empty list means it can be printed and counted.</summary>
    /// <param name="definition">The definition to check.</param>
    /// <param name="firstMissingGlyph">Given a text, the first character the ballot font cannot print, or null.</param>
    /// <param name="order">The 姓氏笔画 order, for reporting full ties.</param>
    public static IReadOnlyList<DefinitionProblem> Validate(ElectionDefinition definition, Func<string, string?> firstMissingGlyph, SurnameStrokeOrder order)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(firstMissingGlyph);
        ArgumentNullException.ThrowIfNull(order);
        var problems = new List<DefinitionProblem>();
        void Error(string code, string path, string message) => problems.Add(new(code, path, message));
        void Warn(string code, string path, string message) => problems.Add(new(code, path, message, ProblemSeverity.Warning));

        if (definition.Schema != ElectionDefinition.CurrentSchema)
        {
            Error("UnsupportedSchema", "schema", $"此文件的格式是「{definition.Schema}」，本程序读「{ElectionDefinition.CurrentSchema}」。 / This file is of schema '{definition.Schema}'; this BallotScan reads '{ElectionDefinition.CurrentSchema}'.");
        }

        if (!IdPattern().IsMatch(definition.Id ?? string.Empty))
        {
            Error("BadId", "id", "选举编号须是 1 到 40 个英文字母、数字、「-」或「.」，例如 \"xx-town-yy-village-2026-vc\"（印在二维码里）。 / The election id must be 1 to 40 letters, digits, '-' or '.', e.g. \"xx-town-yy-village-2026-vc\" (it is printed in the QR codes).");
        }

        if (!StylePattern().IsMatch(definition.BallotStyle ?? string.Empty))
        {
            Error("BadBallotStyle", "ballotStyle", "选票式样须是 1 到 8 个英文字母或数字，例如 \"A\"。 / The ballot style must be 1 to 8 letters or digits, e.g. \"A\".");
        }

        CheckText(definition.Title, "title", "EmptyTitle", "选票要有标题，例如 某某村第十二届村民委员会选举。 / The ballot needs a title, e.g. 某某村第十二届村民委员会选举.");

        RuleProfile? rules = null;
        try
        {
            rules = definition.RuleProfile;
        }
        catch (KeyNotFoundException e)
        {
            Error("UnknownPreset", "rules.preset", $"没有这个计票规则预设（preset）：可用的有 {string.Join("、", RulePresets.All.Keys)}。 / {e.Message}");
        }

        CheckElectorate(definition, Error);

        if (definition.Contests.Count == 0)
        {
            Error("NoContests", "contests", "没有任何职位：至少加一个，例如 委员，写明应选人数和候选人。 / The election has no contest (职位): add at least one, e.g. 委员 with its seats and candidates.");
        }

        var contestIds = new HashSet<string>(StringComparer.Ordinal);
        var firstContestOfName = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < definition.Contests.Count; c++)
        {
            var contest = definition.Contests[c];
            var at = $"contests[{c}]";
            if (!ContestIdPattern().IsMatch(contest.Id ?? string.Empty))
            {
                Error("BadContestId", at + ".id", "职位编号须是 1 到 24 个小写英文字母、数字或「-」，例如 \"director\"。 / A contest id must be 1 to 24 lower-case letters, digits or '-', e.g. \"director\".");
            }
            else if (!contestIds.Add(contest.Id ?? string.Empty))
            {
                Error("DuplicateContestId", at + ".id", $"两个职位的编号都是「{contest.Id}」。 / Two contests have the id '{contest.Id}'.");
            }

            CheckText(contest.Title, at + ".title", "EmptyContestTitle", "职位要有印在选票上的名称，例如 主任。 / The contest needs its title as printed, e.g. 主任.");
            if (contest.Seats <= 0)
            {
                Error("ZeroSeats", at + ".seats", $"{Name(contest)} 的应选名额是 {contest.Seats}，至少须为 1。 / {Name(contest)} has {contest.Seats} seats (应选名额); it must have at least 1.");
            }
            else if (rules is not null)
            {
                CheckMoreCandidatesThanSeats(contest, rules, at, Error);
            }

            if (contest.WriteIns is < 0 or > MaxWriteIns)
            {
                Error("BadWriteIns", at + ".writeIns", $"{Name(contest)} 要 {contest.WriteIns} 个另选他人栏，只能是 0 到 {MaxWriteIns} 个。 / {Name(contest)} asks for {contest.WriteIns} write-in cells (另选他人); 0 to {MaxWriteIns} fit.");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < contest.Candidates.Count; k++)
            {
                var name = contest.Candidates[k].Name ?? string.Empty;
                var nameAt = $"{at}.candidates[{k}].name";
                if (!CheckText(name, nameAt, "EmptyName", "候选人没有姓名。 / A candidate has no name."))
                {
                    continue;
                }

                if (name.Length > MaxNameLength)
                {
                    Error("NameTooLong", nameAt, $"姓名「{name}」有 {name.Length} 个字，姓名栏至多容 {MaxNameLength} 个。 / The name '{name}' has {name.Length} characters; at most {MaxNameLength} fit in a name cell.");
                }

                if (!names.Add(name))
                {
                    Error("DuplicateCandidate", nameAt, $"{Name(contest)} 列了两次「{name}」：若两人同名，请加区分（例如 王芳(东组)）。 / {Name(contest)} lists '{name}' twice. If two people share a name, tell them apart (e.g. 王芳(东组)).");
                }
                else if (firstContestOfName.TryGetValue(name, out var other))
                {
                    Warn("SameNameInTwoContests", nameAt, $"「{name}」同时是 {other} 和 {Name(contest)} 的候选人：请确认无误，以及适用哪条规则。 / '{name}' is a candidate in {other} and in {Name(contest)}. Check this is intended and which rule applies.");
                }
                else
                {
                    firstContestOfName[name] = Name(contest);
                }

                foreach (var unknown in order.Unknown(name))
                {
                    Warn("NoStrokeCount", nameAt, $"「{name}」中的「{unknown}」没有笔画数据，按姓氏笔画排在最后；可改为按名单顺序（order: asListed）。 / '{unknown}' in '{name}' has no stroke count in the Unihan data: its place in 姓氏笔画 order is last. Give the order explicitly (order: asListed).");
                }
            }

            if (definition.Order == CandidateOrder.SurnameStrokes)
            {
                ReportTies(contest, order, at, Warn);
            }
        }

        if (rules is { WomenSeat: WomenSeatRule.Reserved } && !definition.Contests.SelectMany(c => c.Candidates).Any(x => x.Gender == Gender.Female))
        {
            Warn("NoWomanCandidate", "contests", "规则要求有妇女名额，但没有候选人标为女性（gender: female）。 / The rules reserve a seat for a woman but no candidate is marked gender: female.");
        }

        if (rules is { SerialNumbers: true })
        {
            Warn("SerialNumbers", "rules.serialNumbers", "选票编号可能破坏无记名投票，有的地方规定编号的选票无效。 / Serial numbers on ballots can break the secret ballot (无记名投票), and some local rules void numbered ballots.");
        }

        return problems;

        bool CheckText(string? text, string path, string emptyCode, string emptyMessage)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(emptyCode, path, emptyMessage);
                return false;
            }

            if (firstMissingGlyph(text) is { } missing)
            {
                Error("CharacterNotInFont", path, $"「{text}」中的「{missing}」（U+{char.ConvertToUtf32(missing, 0):X4}）选票字体（含罕用字字体 fonts-hanazono）都印不出：请检查是否打错，或用该字的规范字形。 / '{text}' has the character '{missing}' (U+{char.ConvertToUtf32(missing, 0):X4}), which none of the ballot's fonts (the rare-character font fonts-hanazono included) can print. Check for a typing error, or use the standard form of the character.");
                return false;
            }

            return true;
        }
    }

    private static string Name(Contest contest) => $"职位 {contest.Title}";

    private static void CheckElectorate(ElectionDefinition definition, Action<string, string, string> error)
    {
        var e = definition.Electorate;
        if (definition.Type == ElectionType.PartyCommittee && e.DueToAttend is not > 0)
        {
            error("MissingElectorate", "electorate.dueToAttend", "党组织选举须写明应到会有选举权的人数（electorate.dueToAttend）：到会人数和过半数以此计算。 / A party committee election needs the number of members due to attend (应到会有选举权的人数): quorum and majority count against it.");
        }

        if (definition.Type is ElectionType.VillagersCommittee or ElectionType.ResidentsCommittee && e.Registered is not > 0)
        {
            error("MissingElectorate", "electorate.registered", "此选举须写明登记选民数（electorate.registered）：参选率以此计算。 / This election needs the number of registered voters (登记选民): turnout counts against it.");
        }
    }

    private static void CheckMoreCandidatesThanSeats(Contest contest, RuleProfile rules, string at, Action<string, string, string> error)
    {
        var needed = contest.Seats + rules.MinimumExtraCandidates;
        if (rules.MinimumCandidateRatio is { } ratio)
        {
            // "at least 20 % more": ceil(seats × 6/5)
            var byRatio = ((contest.Seats * ratio.Numerator) + ratio.Denominator - 1) / ratio.Denominator;
            needed = Math.Max(needed, Math.Max(byRatio, contest.Seats + 1));
        }

        if (contest.Candidates.Count < needed)
        {
            error("TooFewCandidates", at + ".candidates",
                $"{Name(contest)} 有 {contest.Candidates.Count} 名候选人、应选 {contest.Seats} 名；预设「{rules.Preset}」的差额规则至少要 {needed} 名。 / {Name(contest)} has {contest.Candidates.Count} candidates for {contest.Seats} seat(s); the 差额 rule of preset '{rules.Preset}' needs at least {needed}.");
        }
    }

    private static void ReportTies(Contest contest, SurnameStrokeOrder order, string at, Action<string, string, string> warn)
    {
        var names = contest.Candidates.Select(x => x.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                if (order.AreTied(names[i], names[j]))
                {
                    warn("StrokeTie", at + ".candidates", $"「{names[i]}」与「{names[j]}」笔画完全相同，暂按编码顺序排列：请与选举委员会确认，或按名单顺序（order: asListed）。 / '{names[i]}' and '{names[j]}' have the same stroke counts throughout; BallotScan puts them in code-point order. Confirm with the election committee, or give the order explicitly (order: asListed).");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]{0,39}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,23}$")]
    private static partial Regex ContestIdPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex StylePattern();
}
