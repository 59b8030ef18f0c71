using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// A second image of the same paper is suspected; other voters' ballots with the same marks are not. Seed 77101 was never
/// used to choose the threshold (that was 77001 and 77002).
/// </summary>
public sealed class RescanDetectorTests
{
    [Fact]
    public void A_paper_fed_again_is_matched_to_its_first_image_and_no_other_ballot_is()
    {
        var definition = ElectionJson.Load(RepositoryFiles.VillagersExample);
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        var options = new SynthesisOptions { Seed = 77101, RescanRate = 0.08 }.OnlyBallots() with { RescanRate = 0.08 };
        using var synthesizer = new BallotSynthesizer(definition, options);
        var reader = new BallotReader([layout], MarkClassifier.Shipped);
        var sheets = Enumerable.Range(0, 160).AsParallel().AsOrdered()
            .Select(i => (Sheet: synthesizer.Generate(i), Index: i))
            .Select(x => (x.Index, x.Sheet.Truth, Reading: reader.ReadFile(x.Sheet.Bytes, $"{x.Index}")[0]))
            .ToList();

        var earlier = new List<SheetFingerprint>();
        var paperOf = new Dictionary<string, int>();
        int rescans = 0, found = 0;
        foreach (var (index, truth, reading) in sheets)
        {
            var fingerprint = RescanDetector.Of(reading);
            if (fingerprint is null)
            {
                continue;
            }

            var paper = truth.RepeatOf ?? index;
            var match = RescanDetector.SamePaperAs(fingerprint, earlier);
            if (match is not null)
            {
                Assert.True(paperOf[match] == paper, $"sheet {index} was taken for a rescan of sheet {match}, which is another voter's ballot");
                found++;
            }

            var inked = fingerprint.Shapes.Count(s => s.Count > 0);
            if (truth.Kind == SheetKind.Rescan && inked >= 2 && earlier.Any(e => paperOf[e.Sheet] == paper && e.Key == fingerprint.Key))
            {
                rescans++;
                Assert.True(match is not null, $"sheet {index}, a rescan of sheet {truth.RepeatOf}, was not suspected");
            }

            paperOf[fingerprint.Sheet] = paper;
            earlier.Add(fingerprint);
        }

        Assert.True(rescans >= 5, $"the corpus should hold several rescans with marks; it held {rescans}");
        Assert.Equal(rescans, found);

        // The same, over the batch in reading order, as `count` does it: exactly those sheets wait for the scrutineers as possible rescans.
        var flagged = RescanDetector.FlagRescans(sheets.Select(s => s.Reading));
        Assert.Equal(found, flagged.Count(s => s.SheetReasons.Contains(ReviewReason.PossibleRescan)));
        Assert.All(flagged.Where(s => s.SheetReasons.Contains(ReviewReason.PossibleRescan)), s => Assert.Equal(SheetKind.Rescan, sheets.Single(x => x.Reading.SheetId == s.SheetId).Truth.Kind));
    }

    [Fact]
    public void Blank_ballots_are_never_taken_for_each_other()
    {
        var positions = Enumerable.Range(0, 4).Select(i => new PositionReading($"b{i}", "c", BoxKind.Candidate, MarkSymbol.Blank, 0.99, DecisionBand.Confident, [], [], [.. new double[MarkFeatures.Count]], [0, 0], 1, null, false)).ToList();
        var a = new SheetInterpretation { Sha256 = "a", Accepted = true, BallotStyle = "s", Page = 1, Positions = positions };
        var b = a with { Sha256 = "b" };
        Assert.Null(RescanDetector.SamePaperAs(RescanDetector.Of(b)!, [RescanDetector.Of(a)!]));
    }
}
