using BallotScan.Engine.Elections;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>An A3 ballot (the A4 one enlarged 1.4 times, its codes kept) is read as an A4 one is: nothing confidently wrong.</summary>
public class A3BallotTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Seeds of this test, used nowhere else.</summary>
    private const int TestSeed = 5280;

    [Theory]
    [InlineData(CaptureConditions.Scanner)]
    [InlineData(CaptureConditions.Camera)]
    public void Marks_on_an_A3_ballot_are_read_right_or_sent_to_a_person(CaptureConditions conditions)
    {
        var definition = fixture.Definition with { Paper = PaperSize.A3 };
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = TestSeed, Conditions = conditions }.OnlyBallots());
        var reader = new BallotReader([synthesizer.Layout], MarkClassifier.Shipped);
        var (marked, confident) = (0, 0);
        for (var index = 0; index < 8; index++)
        {
            var sheet = synthesizer.Generate(index);
            var read = reader.ReadFile(sheet.Bytes, sheet.Truth.File).Single();
            Assert.True(read.Accepted, $"sheet {index}: {read.Message}");
            foreach (var truth in sheet.Truth.Boxes)
            {
                var position = read.Positions.Single(p => p.BoxId == truth.BoxId);
                marked += truth.Symbol == MarkSymbol.Blank ? 0 : 1;
                if (position.Band == DecisionBand.Confident && read.SheetReasons.Count == 0)
                {
                    confident++;
                    Assert.True(position.Symbol == truth.Symbol, $"sheet {index} {truth.BoxId}: truth {truth.Symbol}, read {position.Symbol} at {position.Confidence}");
                }
            }
        }

        Assert.True(marked > 40 && confident > 60, $"{marked} marks, {confident} read confidently: too few to say anything");
    }
}
