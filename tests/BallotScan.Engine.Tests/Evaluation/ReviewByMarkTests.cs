using BallotScan.Lab.Evaluation;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Evaluation;

/// <summary>
/// The review of real ○ that `evaluate` reports against issue 17's figure counts only what the mark itself sent to a person:
/// a ○ beside stray ink, corrected, or in a write-in box goes to a person whatever the reader makes of the ○.
/// </summary>
public sealed class ReviewByMarkTests
{
    [Fact]
    public void Stray_ink_a_correction_and_a_write_in_need_a_person_by_their_truth_a_plain_circle_does_not()
    {
        var circle = new BoxTruth("member/1", MarkSymbol.Circle);
        Assert.False(CorpusEvaluation.NeedsPersonByTruth(circle, writeInBox: false));
        Assert.True(CorpusEvaluation.NeedsPersonByTruth(circle with { Strays = true }, writeInBox: false));
        Assert.True(CorpusEvaluation.NeedsPersonByTruth(circle with { Corrected = true }, writeInBox: false));
        Assert.True(CorpusEvaluation.NeedsPersonByTruth(circle, writeInBox: true));
        Assert.True(CorpusEvaluation.NeedsPersonByTruth(new BoxTruth("member/2", MarkSymbol.Other), writeInBox: false));
        Assert.False(CorpusEvaluation.NeedsPersonByTruth(new BoxTruth("member/w1", MarkSymbol.Blank), writeInBox: true));
    }

    [Fact]
    public void A_groups_review_for_the_mark_alone_counts_only_positions_whose_truth_needs_no_person()
    {
        MarkGroupResult[] positions =
        [
            new(1, 1, 0, 0, ReviewByMark: 0, ByMarkPositions: 1), // counted
            new(1, 0, 0, 1, ReviewByMark: 1, ByMarkPositions: 1), // a plain ○ sent to a person
            new(1, 0, 0, 1, ReviewByMark: 0, ByMarkPositions: 0), // a ○ beside stray ink, sent to a person
            new(1, 0, 0, 1, ReviewByMark: 0, ByMarkPositions: 0), // a ○ in a write-in box
        ];

        var group = positions.Aggregate((a, b) => a + b);

        Assert.Equal(0.75, group.ReviewRate, 6);
        Assert.Equal(0.5, group.ReviewByMarkRate, 6);
    }
}
