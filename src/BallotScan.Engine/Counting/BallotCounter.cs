using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Counting;

/// <summary>
/// Applies the election's rules to one sheet: the machine's confident readings and the scrutineers' decisions become
/// votes, a contest or the whole ballot is void where the rules say so, and anything still undecided keeps the sheet out
/// of the count (<see cref="SheetStatus.Pending"/>). A pure function of its inputs.
/// </summary>
public sealed class BallotCounter
{
    private readonly ElectionDefinition _definition;
    private readonly RuleProfile _rules;
    private readonly BallotLayout _layout;

    public BallotCounter(ElectionDefinition definition, BallotLayout layout)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(layout);
        (_definition, _rules, _layout) = (definition, definition.RuleProfile, layout);
    }

    /// <summary>The cast-vote record of <paramref name="sheet"/> with the decisions about it (in the order they were made).</summary>
    public CastVoteRecord Count(SheetInterpretation sheet, IReadOnlyList<Adjudication> decisions)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(decisions);
        var id = sheet.SheetId;
        var sheetDecision = decisions.LastOrDefault(d => d.Kind == AdjudicationKind.Sheet && d.SheetDecision is not null);
        CastVoteRecord Status(SheetStatus status, SheetStanding reason, IReadOnlyList<string>? waiting = null) =>
            new(id, sheet.Source, status, reason.Format(), [], waiting ?? []);

        switch (sheetDecision?.SheetDecision)
        {
            case SheetDecision.Void:
                return Status(SheetStatus.Void, SheetStanding.ByScrutineers(StandingReason.VoidByScrutineers, sheetDecision.Scrutineer, sheetDecision.Reason));
            case SheetDecision.NotCounted:
                return Status(SheetStatus.NotCounted, SheetStanding.ByScrutineers(StandingReason.NotCountedByScrutineers, sheetDecision.Scrutineer, sheetDecision.Reason));
        }

        if (sheet.SheetReasons.Contains(ReviewReason.Duplicate))
        {
            return Status(SheetStatus.NotCounted, new SheetStanding(StandingReason.SameImageFile));
        }

        // Another election's ballot or no ballot at all is set aside by the machine (and listed for the scrutineers, who may
        // bring it back to count box by box); a sheet whose code names a style or page this election does not have waits
        // for a person: it may be a ballot of this election printed otherwise.
        var counted = sheetDecision?.SheetDecision == SheetDecision.Count;
        if (!sheet.Accepted && !counted && sheet.SheetReasons.Any(r => r is ReviewReason.WrongElection or ReviewReason.NotABallot))
        {
            // A code of the count's own (the edges say it), not the reader's message.
            return Status(SheetStatus.NotCounted, sheet.SheetReasons.Contains(ReviewReason.WrongElection) && !string.IsNullOrWhiteSpace(sheet.ElectionId)
                ? SheetStanding.OtherElection(sheet.ElectionId)
                : new SheetStanding(StandingReason.NotThisElection));
        }

        // A ballot the machine could not place is counted only from the scrutineers' reading of every box.
        if (!sheet.Accepted && !counted)
        {
            return Status(SheetStatus.Pending, new SheetStanding(StandingReason.Unplaced), [new WaitingItem(null, [(WaitingNeed.Unplaced, [])], sheet.Message).Format()]);
        }

        var waiting = new List<string>();
        if (sheet.Accepted && !counted && sheet.SheetReasons.Count > 0)
        {
            waiting.Add(new WaitingItem(null, [(WaitingNeed.Reasons, sheet.SheetReasons)]).Format());
        }

        var page = _layout.PageOf(sheet.Page);
        var readings = sheet.Positions.ToDictionary(p => p.BoxId, StringComparer.Ordinal);
        var contests = new List<ContestRecord>();
        foreach (var group in page.Boxes.GroupBy(b => b.ContestId))
        {
            var contest = _definition.Contests.First(c => c.Id == group.Key);
            var candidates = new List<CandidateMark>();
            var cells = new List<(MarkingBox Box, string? Name, MarkSymbol Symbol, VoteSource Source)>();
            foreach (var box in group)
            {
                readings.TryGetValue(box.Id, out var reading);
                var resolved = Resolve(box, reading, decisions.Where(d => d.BoxId == box.Id && d.Kind != AdjudicationKind.Sheet).ToList(), waiting);
                if (resolved is not { } r)
                {
                    continue;
                }

                if (box.Kind == BoxKind.Candidate)
                {
                    candidates.Add(new CandidateMark(box.CandidateName!, box.Id, reading?.Symbol ?? MarkSymbol.Blank, reading?.Confidence ?? 0, r.Symbol,
                        VoteOf(r.Symbol), r.Source, reading?.Probabilities ?? []));
                }
                else
                {
                    cells.Add((box, r.Name, r.Symbol, r.Source));
                }
            }

            contests.Add(CountContest(contest, candidates, cells));
        }

        if (waiting.Count > 0)
        {
            return Status(SheetStatus.Pending, new SheetStanding(StandingReason.Waiting), waiting);
        }

        var overVoted = contests.Where(c => c.Status == ContestStatus.OverVote).Select(c => c.ContestId).ToList();
        if (overVoted.Count > 0 && _rules.OverVoteScope == OverVoteScope.WholeBallot)
        {
            return new CastVoteRecord(id, sheet.Source, SheetStatus.Void, SheetStanding.OverVote([.. overVoted]).Format(),
                [.. contests.Select(c => c with { Status = ContestStatus.BallotVoid })], []);
        }

        return new CastVoteRecord(id, sheet.Source, SheetStatus.Counted, null, contests, []);
    }

    /// <summary>What a symbol in a candidate's box counts as.</summary>
    public Vote VoteOf(MarkSymbol symbol) => symbol switch
    {
        MarkSymbol.Circle => Vote.Approve,
        MarkSymbol.Cross => Vote.Disapprove,
        MarkSymbol.Blank => Vote.Abstain,
        MarkSymbol.Check => _rules.CheckMark == CheckMarkMeaning.Approve ? Vote.Approve : Vote.Void,
        _ => Vote.Void,
    };

    /// <summary>A box's symbol (and a write-in's name) as counted, or null (noted in <paramref name="waiting"/>) while a decision is missing.</summary>
    private static (MarkSymbol Symbol, string? Name, VoteSource Source)? Resolve(MarkingBox box, PositionReading? reading, List<Adjudication> decisions, List<string> waiting)
    {
        var symbolDecision = decisions.LastOrDefault(d => d.Symbol is not null);
        var nameDecision = decisions.LastOrDefault(d => d.Kind == AdjudicationKind.WriteIn);
        var needsName = reading is null ? box.Kind == BoxKind.WriteIn : reading.Reasons.Contains(ReviewReason.WriteIn);
        var needsSymbol = reading is null || reading.Reasons.Any(r => r != ReviewReason.WriteIn);
        var missing = new List<(WaitingNeed, IReadOnlyList<ReviewReason>)>();
        if (needsSymbol && symbolDecision is null)
        {
            missing.Add(reading is null ? (WaitingNeed.NotRead, []) : (WaitingNeed.Reasons, [.. reading.Reasons.Where(r => r != ReviewReason.WriteIn)]));
        }

        if (needsName && nameDecision is null)
        {
            missing.Add((WaitingNeed.WriteInName, []));
        }

        if (missing.Count > 0)
        {
            waiting.Add(new WaitingItem(box.Id, missing).Format());
            return null;
        }

        var symbol = symbolDecision?.Symbol ?? reading!.Symbol;
        var name = PersonName.Normalise(nameDecision?.WriteInName);
        var source = symbolDecision is not null || nameDecision is not null ? VoteSource.Adjudicated : VoteSource.Machine;
        return (symbol, name, source);
    }

    private ContestRecord CountContest(Contest contest, List<CandidateMark> candidates, List<(MarkingBox Box, string? Name, MarkSymbol Symbol, VoteSource Source)> cells)
    {
        var writeIns = new List<WriteInMark>();
        foreach (var (box, name, symbol, source) in cells)
        {
            var vote = WriteInVote(name, symbol);
            string? countedFor = null;
            var listed = name is null ? -1 : candidates.FindIndex(c => c.Candidate == name);
            if (vote == Vote.Approve && listed >= 0)
            {
                // A listed candidate written in (rule 4): counted for them, or the cell is void, by setting. Never twice, and
                // never against the candidate's own box saying ×.
                var own = candidates[listed];
                if (_rules.ListedCandidateWrittenIn == ListedCandidateWrittenIn.CountForCandidate && own.Vote != Vote.Disapprove)
                {
                    countedFor = name;
                    candidates[listed] = own with { Vote = Vote.Approve, Source = VoteSource.Adjudicated };
                }
                else
                {
                    vote = Vote.Void;
                }
            }

            writeIns.Add(new WriteInMark(box.Id, name, symbol, vote, countedFor, source));
        }

        var approvals = candidates.Count(c => c.Vote == Vote.Approve)
            + (_rules.WriteInsCountAgainstSeats ? writeIns.Count(w => w.Vote == Vote.Approve && w.CountedFor is null) : 0);
        var status = approvals > contest.Seats ? ContestStatus.OverVote : ContestStatus.Valid;
        return new ContestRecord(contest.Id, status, approvals, candidates, writeIns);
    }

    /// <summary>What a write-in cell counts as: approval of the name written, nothing, or void.</summary>
    private Vote WriteInVote(string? name, MarkSymbol symbol)
    {
        if (name is null)
        {
            // A mark with no name approves nobody.
            return symbol == MarkSymbol.Blank ? Vote.Abstain : Vote.Void;
        }

        return symbol switch
        {
            MarkSymbol.Blank => _rules.WriteInWithoutCircle switch
            {
                WriteInWithoutCircle.Approve => Vote.Approve,
                WriteInWithoutCircle.Abstain => Vote.Abstain,
                _ => Vote.Void,
            },
            _ => VoteOf(symbol) == Vote.Approve ? Vote.Approve : Vote.Void,
        };
    }
}
