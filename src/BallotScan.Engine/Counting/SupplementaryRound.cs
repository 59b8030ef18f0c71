using System.Globalization;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Counting;

/// <summary>Why no 另行选举 can be drawn from a count.</summary>
public enum NextRoundProblemCode
{
    /// <summary>The count is not final: sheets still wait for the scrutineers (<see cref="NextRoundProblem.Figure"/> of them), or the scrutineers' decisions were not applied.</summary>
    StillWaiting,

    /// <summary>The election itself is not valid (turnout, ballots returned, quorum): it is held again, not completed by a 另行选举.</summary>
    ElectionNotValid,

    /// <summary>Every seat is filled: there is nothing to elect.</summary>
    NoSeatLeft,

    /// <summary>
    /// People tied at the cut-off for standing, and the rules leave it to the meeting (<see cref="SupplementaryTies.MeetingDecides"/>):
    /// name who stands among <see cref="NextRoundProblem.Names"/> (<see cref="NextRoundProblem.Figure"/> places).
    /// </summary>
    TieForTheMeeting,

    /// <summary>The names given to stand among those tied are not that many of them (<see cref="NextRoundProblem.Names"/>: those tied).</summary>
    ChosenNotAmongTied,

    /// <summary>The round's id would be longer than an election id may be (40): shorten the first round's id.</summary>
    IdTooLong,

    /// <summary>Already the ninth round.</summary>
    TooManyRounds,
}

/// <summary>A reason no next round is drawn: a code and the facts it needs (the edges give the words).</summary>
/// <param name="Code">What stops it.</param>
/// <param name="Contest">The contest's title, where one is concerned.</param>
/// <param name="Names">The people concerned (those tied).</param>
/// <param name="Figure">A number: sheets waiting, or places to fill among those tied.</param>
public sealed record NextRoundProblem(NextRoundProblemCode Code, string? Contest = null, IReadOnlyList<string>? Names = null, int? Figure = null);

/// <summary>One person standing in a 另行选举, with their approvals in the round before.</summary>
/// <param name="Name">姓名.</param>
/// <param name="Votes">Approvals counted in the round before.</param>
/// <param name="Listed">A listed candidate of the round before (false: written in there).</param>
/// <param name="Tied">Stands as one of several tied at the cut-off.</param>
public sealed record StandingCandidate(string Name, int Votes, bool Listed, bool Tied);

/// <summary>One contest of a 另行选举: its seats left and who stands, in order of their votes.</summary>
/// <param name="ContestId">The contest, as in the round before.</param>
/// <param name="Title">职位.</param>
/// <param name="Seats">The seats left empty, elected now.</param>
/// <param name="WomenOnly">The seat held for a woman (妇女成员): only women stand.</param>
/// <param name="Standing">Who stands, most votes first.</param>
public sealed record NextRoundContest(string ContestId, string Title, int Seats, bool WomenOnly, IReadOnlyList<StandingCandidate> Standing);

/// <summary>The 另行选举 drawn from a result: its definition (printed, proofed and counted like any) and who stands, and why.</summary>
public sealed record NextRound(ElectionDefinition Definition, IReadOnlyList<NextRoundContest> Contests);

/// <summary>
/// The 另行选举 (SupplementaryRound) for the seats a count left empty: its candidates are the people not elected, taken in
/// order of their votes in the round before (one person for one post of the round: the highest they are drawn for), as many as the seats left and the rules' margin
/// (<see cref="RuleProfile.SupplementaryExtraCandidates"/>); a tie at the cut-off stands together or is left to the meeting
/// (<see cref="RuleProfile.SupplementaryTies"/>), never broken here; a seat held for a woman is contested by women. The round
/// has its own election id, so a sheet of the round before is another election's in it.
/// </summary>
public static class SupplementaryRound
{
    /// <summary>The last round a definition may be.</summary>
    public const int LastRound = 9;

    /// <summary>
    /// The next round after <paramref name="round"/>, counted as <paramref name="tally"/> (with the scrutineers' decisions,
    /// final). <paramref name="chosen"/>: who stands among those tied, where the meeting decides.
    /// </summary>
    public static (NextRound? Round, IReadOnlyList<NextRoundProblem> Problems) From(ElectionDefinition round, ElectionTally tally, IReadOnlyCollection<string>? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(tally);
        if (!tally.Adjudicated || tally.Provisional)
        {
            return (null, [new NextRoundProblem(NextRoundProblemCode.StillWaiting, Figure: tally.PendingSheets)]);
        }

        if (!tally.ElectionValid)
        {
            return (null, [new NextRoundProblem(NextRoundProblemCode.ElectionNotValid)]);
        }

        var open = tally.Contests.Where(c => c.Outcome is { SeatsLeft: > 0 }).ToList();
        if (open.Count == 0)
        {
            return (null, [new NextRoundProblem(NextRoundProblemCode.NoSeatLeft)]);
        }

        var number = (round.RoundNumber ?? 1) + 1;
        var first = round.FirstRound ?? round.Id;
        var id = $"{first}-r{number.ToString(CultureInfo.InvariantCulture)}";
        if (number > LastRound)
        {
            return (null, [new NextRoundProblem(NextRoundProblemCode.TooManyRounds)]);
        }

        if (id.Length > 40)
        {
            return (null, [new NextRoundProblem(NextRoundProblemCode.IdTooLong)]);
        }

        var rules = round.RuleProfile;
        var elected = tally.Contests.SelectMany(c => c.Outcome?.Elected ?? []).ToHashSet(StringComparer.Ordinal);
        var heldForWomen = tally.Notes.Where(n => n.Code == CountNoteCode.WomenSeatHeld).Select(n => n.Fields.Contest).ToHashSet(StringComparer.Ordinal);
        var people = round.Contests.SelectMany(c => c.Candidates).DistinctBy(c => c.Name, StringComparer.Ordinal).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var problems = new List<NextRoundProblem>();
        var contests = new List<NextRoundContest>();
        // One person stands for one post of a round: the highest (first on the ballot) they are drawn for.
        var standing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contest in open)
        {
            standing.UnionWith(contests.SelectMany(c => c.Standing).Select(x => x.Name));
            var seats = contest.Outcome!.SeatsLeft;
            var womenOnly = seats == 1 && heldForWomen.Contains(contest.Title);
            // Not elected, most votes first; a listed candidate before a name written in at the same votes, then the ballot's order.
            var pool = contest.Candidates.Select((c, i) => (c, i)).Concat(contest.WriteIns.Select((c, i) => (c, i: 1000 + i)))
                .Where(x => !elected.Contains(x.c.Name) && !standing.Contains(x.c.Name) && (x.c.Listed || x.c.Total > 0))
                .Where(x => !womenOnly || (people.TryGetValue(x.c.Name, out var p) && p.Gender == Gender.Female))
                .OrderByDescending(x => x.c.Total).ThenBy(x => x.i).Select(x => x.c).ToList();
            var wanted = seats + rules.SupplementaryExtraCandidates;
            if (pool.Count <= wanted)
            {
                contests.Add(new NextRoundContest(contest.ContestId, contest.Title, seats, womenOnly, [.. pool.Select(c => Standing(c, tied: false))]));
                continue;
            }

            var cut = pool[wanted - 1].Total;
            var above = pool.Where(c => c.Total > cut).ToList();
            var atCut = pool.Where(c => c.Total == cut).ToList();
            if (above.Count + atCut.Count == wanted)
            {
                contests.Add(new NextRoundContest(contest.ContestId, contest.Title, seats, womenOnly, [.. pool.Take(wanted).Select(c => Standing(c, tied: false))]));
                continue;
            }

            var places = wanted - above.Count;
            var tiedNames = atCut.Select(c => c.Name).ToList();
            if (rules.SupplementaryTies == SupplementaryTies.AllStand)
            {
                contests.Add(new NextRoundContest(contest.ContestId, contest.Title, seats, womenOnly, [.. above.Select(c => Standing(c, false)), .. atCut.Select(c => Standing(c, true))]));
            }
            else if (chosen is null || chosen.Count == 0)
            {
                problems.Add(new NextRoundProblem(NextRoundProblemCode.TieForTheMeeting, contest.Title, tiedNames, places));
            }
            else if (atCut.Where(c => chosen.Contains(c.Name)).ToList() is { } picked && picked.Count == places)
            {
                contests.Add(new NextRoundContest(contest.ContestId, contest.Title, seats, womenOnly, [.. above.Select(c => Standing(c, false)), .. picked.Select(c => Standing(c, true))]));
            }
            else
            {
                problems.Add(new NextRoundProblem(NextRoundProblemCode.ChosenNotAmongTied, contest.Title, tiedNames, places));
            }
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var definition = round with
        {
            Id = id,
            Title = round.Title.Contains("另行选举", StringComparison.Ordinal) ? round.Title : round.Title + "（另行选举）",
            Round = ElectionRound.Supplementary,
            RoundNumber = number,
            FirstRound = first,
            Contests = [.. contests.Select(c =>
            {
                var before = round.Contests.First(x => x.Id == c.ContestId);
                // Without candidates before, the top vote-getters now stand, listed.
                return before with
                {
                    OpenNomination = false,
                    Seats = c.Seats,
                    WriteIns = Math.Min(before.WriteIns, c.Seats),
                    Candidates = [.. c.Standing.Select(s => people.GetValueOrDefault(s.Name) ?? new Candidate { Name = s.Name })],
                };
            })],
        };
        return (new NextRound(definition, contests), []);
    }

    private static StandingCandidate Standing(CandidateTally c, bool tied) => new(c.Name, c.Total, c.Listed, tied);
}
