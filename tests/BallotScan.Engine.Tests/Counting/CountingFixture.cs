using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Counting;

/// <summary>
/// A small election and ballots marked by hand for the rule tests: each ballot says, per candidate, the symbol the machine
/// read (confidently, unless said otherwise). Candidates not named are blank.
/// </summary>
internal sealed class CountingFixture
{
    public CountingFixture(ElectionType type, RuleSettings rules, params Contest[] contests)
    {
        Definition = new ElectionDefinition
        {
            Schema = ElectionDefinition.CurrentSchema,
            Id = "rule-test",
            Type = type,
            Title = "规则测试选举",
            Electorate = new Electorate { DueToAttend = type == ElectionType.PartyCommittee ? 100 : null, Registered = type == ElectionType.PartyCommittee ? null : 100 },
            Rules = rules,
            Order = CandidateOrder.AsListed,
            Contests = contests,
        };
        Layout = LayoutBuilder.Build(Definition, SurnameStrokeOrder.Debian);
    }

    /// <summary>The ballots of <paramref name="definition"/> (a round drawn from another's result).</summary>
    public CountingFixture(ElectionDefinition definition)
    {
        Definition = definition;
        Layout = LayoutBuilder.Build(Definition, SurnameStrokeOrder.Debian);
    }

    public ElectionDefinition Definition { get; private set; }

    public BallotLayout Layout { get; }

    public RuleProfile Rules => Definition.RuleProfile;

    public static Contest Contest(string id, int seats, int writeIns, params string[] candidates) => new()
    {
        Id = id,
        Title = id,
        Seats = seats,
        WriteIns = writeIns,
        Candidates = candidates.Select(n => new Candidate { Name = n, Gender = n.StartsWith('女') ? Gender.Female : Gender.Male }).ToList(),
    };

    public CountingFixture With(Func<ElectionDefinition, ElectionDefinition> change)
    {
        Definition = change(Definition);
        return this;
    }

    private int _serial;

    /// <summary>A sheet: candidate name (or "contest/wN" for a write-in box) → symbol; names in <paramref name="review"/> were marginal.</summary>
    public SheetInterpretation Ballot(IReadOnlyDictionary<string, MarkSymbol> marks, params string[] review)
    {
        var page = Layout.Pages[0];
        var id = $"sheet-{++_serial:D4}";
        var positions = page.Boxes.Select(b =>
        {
            var key = b.Kind == BoxKind.Candidate ? b.CandidateName! : b.Id;
            if (marks.ContainsKey($"{b.ContestId}:{key}"))
            {
                key = $"{b.ContestId}:{key}";
            }

            var symbol = marks.TryGetValue(key, out var s) ? s : MarkSymbol.Blank;
            var reasons = new List<ReviewReason>();
            if (review.Contains(key))
            {
                reasons.Add(ReviewReason.MarginalMark);
            }

            if (b.Kind == BoxKind.WriteIn && symbol != MarkSymbol.Blank)
            {
                reasons.Add(ReviewReason.WriteIn);
            }

            var probabilities = Enumerable.Range(0, 5).Select(k => k == (int)symbol ? (reasons.Count > 0 ? 0.6 : 0.99) : 0.0).ToList();
            return new PositionReading(b.Id, b.ContestId, b.Kind, symbol, probabilities[(int)symbol], reasons.Count == 0 ? DecisionBand.Confident : DecisionBand.Review,
                reasons, probabilities, [], [0, 0], 1, null, false);
        }).ToList();
        return new SheetInterpretation { Source = id + ".png", Sha256 = id, Accepted = true, ElectionId = Definition.Id, Page = 1, Positions = positions };
    }

    public SheetInterpretation Ballot(params (string Key, MarkSymbol Symbol)[] marks) => Ballot(marks.ToDictionary(m => m.Key, m => m.Symbol));

    /// <summary><paramref name="count"/> ballots marked alike.</summary>
    public IEnumerable<SheetInterpretation> Ballots(int count, params (string Key, MarkSymbol Symbol)[] marks) => Enumerable.Range(0, count).Select(_ => Ballot(marks)).ToList();

    public string BoxOf(string candidate) => Layout.Pages[0].Boxes.First(b => b.CandidateName == candidate).Id;

    public CountResult Count(IReadOnlyList<SheetInterpretation> sheets, MeetingFigures? figures = null, params Adjudication[] decisions) =>
        ElectionCount.Run(Definition, Layout, sheets, decisions, figures ?? new MeetingFigures { Due = 100, Present = 100, Issued = 100, Returned = sheets.Count });

    public static Adjudication Decide(SheetInterpretation sheet, string boxId, MarkSymbol? symbol, string? name = null) => new()
    {
        Sheet = sheet.SheetId,
        Kind = name is null ? AdjudicationKind.Box : AdjudicationKind.WriteIn,
        BoxId = boxId,
        Symbol = symbol,
        WriteInName = name,
        Scrutineer = "监票人甲",
        Reason = "seen on the image",
    };

    public static CandidateTally Line(CountResult result, string contest, string name) =>
        result.Adjudicated.Contests.First(c => c.ContestId == contest).Candidates.Concat(result.Adjudicated.Contests.First(c => c.ContestId == contest).WriteIns).First(c => c.Name == name);
}
