using System.Text.RegularExpressions;

namespace BallotScan.Engine.Elections;

/// <summary>
/// Checks an election definition before anything is printed: each problem a code with its values, which the edges say in
/// the words of the election office (what to fix and where).
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
        void Error(DefinitionProblemCode code, string path, params (string, object?)[] values) => problems.Add(DefinitionProblem.Error(code, path, values));
        void Warn(DefinitionProblemCode code, string path, params (string, object?)[] values) => problems.Add(DefinitionProblem.Warning(code, path, values));

        if (definition.Schema != ElectionDefinition.CurrentSchema)
        {
            Error(DefinitionProblemCode.UnsupportedSchema, "schema", ("schema", definition.Schema), ("reads", ElectionDefinition.CurrentSchema));
        }

        if (!IdPattern().IsMatch(definition.Id ?? string.Empty))
        {
            Error(DefinitionProblemCode.BadId, "id");
        }

        if (!StylePattern().IsMatch(definition.BallotStyle ?? string.Empty))
        {
            Error(DefinitionProblemCode.BadBallotStyle, "ballotStyle");
        }

        // A 另行选举 names its round and the first round's id; a first vote names neither.
        if (definition.Round == ElectionRound.Supplementary
            ? definition.RoundNumber is not (>= 2 and <= 9) || definition.FirstRound is not { } first || !IdPattern().IsMatch(first) || first == definition.Id
            : definition.RoundNumber is not null || definition.FirstRound is not null)
        {
            Error(DefinitionProblemCode.BadRound, "round", ("round", definition.Round), ("number", definition.RoundNumber), ("first", definition.FirstRound));
        }

        CheckText(definition.Title, "title", DefinitionProblemCode.EmptyTitle);

        RuleProfile? rules = null;
        try
        {
            rules = definition.RuleProfile;
        }
        catch (KeyNotFoundException)
        {
            Error(DefinitionProblemCode.UnknownPreset, "rules.preset", ("preset", definition.Rules.Preset), ("known", string.Join(",", RulePresets.All.Keys)));
        }

        CheckElectorate(definition, problems.Add);

        if (definition.Contests.Count == 0)
        {
            Error(DefinitionProblemCode.NoContests, "contests");
        }

        var contestIds = new HashSet<string>(StringComparer.Ordinal);
        var firstContestOfName = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var c = 0; c < definition.Contests.Count; c++)
        {
            var contest = definition.Contests[c];
            var at = $"contests[{c}]";
            if (!ContestIdPattern().IsMatch(contest.Id ?? string.Empty))
            {
                Error(DefinitionProblemCode.BadContestId, at + ".id");
            }
            else if (!contestIds.Add(contest.Id ?? string.Empty))
            {
                Error(DefinitionProblemCode.DuplicateContestId, at + ".id", ("id", contest.Id));
            }

            CheckText(contest.Title, at + ".title", DefinitionProblemCode.EmptyContestTitle);
            if (contest.Seats <= 0)
            {
                Error(DefinitionProblemCode.ZeroSeats, at + ".seats", ("contest", contest.Title), ("seats", contest.Seats));
            }
            else if (contest.OpenNomination)
            {
                // 海选: names written, one cell per seat, nobody listed.
                if (contest.Candidates.Count > 0 || contest.WriteIns != contest.Seats)
                {
                    Error(DefinitionProblemCode.OpenNominationCells, at, ("contest", contest.Title), ("seats", contest.Seats), ("writeIns", contest.WriteIns), ("candidates", contest.Candidates.Count));
                }
            }
            else if (rules is not null)
            {
                CheckMoreCandidatesThanSeats(contest, rules, definition.Round, at, problems.Add);
            }

            if (contest.WriteIns is < 0 or > MaxWriteIns)
            {
                Error(DefinitionProblemCode.BadWriteIns, at + ".writeIns", ("contest", contest.Title), ("writeIns", contest.WriteIns), ("most", MaxWriteIns));
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < contest.Candidates.Count; k++)
            {
                var name = contest.Candidates[k].Name ?? string.Empty;
                var nameAt = $"{at}.candidates[{k}].name";
                if (!CheckText(name, nameAt, DefinitionProblemCode.EmptyName))
                {
                    continue;
                }

                if (name.Length > MaxNameLength)
                {
                    Error(DefinitionProblemCode.NameTooLong, nameAt, ("name", name), ("length", name.Length), ("most", MaxNameLength));
                }

                if (!names.Add(name))
                {
                    Error(DefinitionProblemCode.DuplicateCandidate, nameAt, ("contest", contest.Title), ("name", name));
                }
                else if (firstContestOfName.TryGetValue(name, out var other))
                {
                    Warn(DefinitionProblemCode.SameNameInTwoContests, nameAt, ("name", name), ("first", other), ("contest", contest.Title));
                }
                else
                {
                    firstContestOfName[name] = contest.Title;
                }

                foreach (var unknown in order.Unknown(name))
                {
                    Warn(DefinitionProblemCode.NoStrokeCount, nameAt, ("name", name), ("character", unknown));
                }

                foreach (var (code, field, values) in CandidateFacts.Problems(contest.Candidates[k], definition.Date))
                {
                    Error(code, $"{at}.candidates[{k}].{field}", [("name", name), .. values]);
                }
            }

            if (definition.Order == CandidateOrder.SurnameStrokes)
            {
                ReportTies(contest, order, at, problems.Add);
            }
        }

        if (rules is { WomenSeat: WomenSeatRule.Reserved } && !definition.Contests.SelectMany(c => c.Candidates).Any(x => x.Gender == Gender.Female))
        {
            Warn(DefinitionProblemCode.NoWomanCandidate, "contests");
        }

        if (rules is { SerialNumbers: true })
        {
            Warn(DefinitionProblemCode.SerialNumbers, "rules.serialNumbers");
        }

        return problems;

        bool CheckText(string? text, string path, DefinitionProblemCode emptyCode)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Error(emptyCode, path);
                return false;
            }

            if (firstMissingGlyph(text) is { } missing)
            {
                Error(DefinitionProblemCode.CharacterNotInFont, path, ("text", text), ("character", missing), ("codePoint", $"U+{char.ConvertToUtf32(missing, 0):X4}"));
                return false;
            }

            return true;
        }
    }

    private static void CheckElectorate(ElectionDefinition definition, Action<DefinitionProblem> add)
    {
        var e = definition.Electorate;
        if (definition.Type == ElectionType.PartyCommittee && e.DueToAttend is not > 0)
        {
            add(DefinitionProblem.Error(DefinitionProblemCode.MissingElectorate, "electorate.dueToAttend"));
        }

        if (definition.Type is ElectionType.VillagersCommittee or ElectionType.ResidentsCommittee && e.Registered is not > 0)
        {
            add(DefinitionProblem.Error(DefinitionProblemCode.MissingElectorate, "electorate.registered"));
        }
    }

    /// <summary>
    /// 差额: more candidates than seats, as the rules say. In a 另行选举 the round's own margin
    /// (<see cref="RuleProfile.SupplementaryExtraCandidates"/>), and fewer is a warning: the people left to stand may be fewer.
    /// </summary>
    private static void CheckMoreCandidatesThanSeats(Contest contest, RuleProfile rules, ElectionRound round, string at, Action<DefinitionProblem> add)
    {
        if (round == ElectionRound.Supplementary)
        {
            var wanted = contest.Seats + rules.SupplementaryExtraCandidates;
            if (contest.Candidates.Count < wanted)
            {
                add(DefinitionProblem.Warning(DefinitionProblemCode.TooFewCandidates, at + ".candidates", ("contest", contest.Title), ("candidates", contest.Candidates.Count), ("seats", contest.Seats), ("preset", rules.Preset), ("needed", wanted)));
            }

            return;
        }

        var needed = contest.Seats + rules.MinimumExtraCandidates;
        if (rules.MinimumCandidateRatio is { } ratio)
        {
            // "at least 20 % more": ceil(seats × 6/5)
            var byRatio = ((contest.Seats * ratio.Numerator) + ratio.Denominator - 1) / ratio.Denominator;
            needed = Math.Max(needed, Math.Max(byRatio, contest.Seats + 1));
        }

        if (contest.Candidates.Count < needed)
        {
            add(DefinitionProblem.Error(DefinitionProblemCode.TooFewCandidates, at + ".candidates", ("contest", contest.Title), ("candidates", contest.Candidates.Count), ("seats", contest.Seats), ("preset", rules.Preset), ("needed", needed)));
        }
    }

    private static void ReportTies(Contest contest, SurnameStrokeOrder order, string at, Action<DefinitionProblem> add)
    {
        var names = contest.Candidates.Select(x => x.Name).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                if (order.AreTied(names[i], names[j]))
                {
                    add(DefinitionProblem.Warning(DefinitionProblemCode.StrokeTie, at + ".candidates", ("name", names[i]), ("other", names[j])));
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
