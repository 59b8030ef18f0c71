using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Every confident misreading found in an evaluation becomes a fixture: the very sheet the evaluation misread, kept as its
/// file in tests/fixtures/misreadings (with its truth), so that no change to the generator can change what a fixture
/// guards. The reader must now read the box right or send it to a person.
/// </summary>
public class RegressionFixtureTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    [Theory]
    [InlineData("1001-3049", "director/2", "× pushed up across the top border, read as √ from the part inside")]
    [InlineData("1001-633", "director/2", "a single slash (a degenerate scribble) read as ×")]
    [InlineData("1001-1325", "member/3", "a zigzag scribble read as ×")]
    [InlineData("1001-5886", "deputy/1", "stray × read as √")]
    [InlineData("1003-476", "deputy/2", "× whose crossing lies on the right border, upside-down sheet, read as √")]
    [InlineData("3003-402", "director/1", "a flat pencil scribble read as √ (held-out evaluation, issue 5)")]
    [InlineData("3005-3805", "deputy/1", "× across the top border, its crossing on the line, read as √ (second held-out evaluation, issue 5)")]
    [InlineData("4001-3200", "member/3", "an empty box on a camera photo, border remnants read as √ (held-out evaluation, issue 5)")]
    [InlineData("3030-1873", "member/2", "a pale-pen ○ on a 1-bit G4 scan, broken into dots, read as blank (fifth held-out evaluation, issue 5)")]
    [InlineData("3030-1873", "deputy/2", "a pale-pen × on a 1-bit G4 scan, broken into dots, read as blank (fifth held-out evaluation, issue 5)")]
    [InlineData("3030-1873", "member/1", "a pale-pen × on a 1-bit G4 scan, broken into dots, read as √ (fifth held-out evaluation, issue 5)")]
    [InlineData("3034-1123", "director/1", "a scribble retraced into two thick strokes, more ink than any √ the classifier was fitted on, read as √ (sixth held-out evaluation, issue 5)")]
    [InlineData("4008-2393", "member/2", "× at the right border of its box, its crossing on the line, read as √ on a camera photo (fifth held-out evaluation, issue 5)")]
    public void A_box_once_misread_is_now_right_or_sent_to_a_person(string sheetName, string boxId, string what)
    {
        var (bytes, truth) = PinnedSheets.Load(sheetName);
        var expected = truth.Boxes.Single(b => b.BoxId == boxId);

        var position = fixture.PinnedReader.ReadFile(bytes, sheetName).Single().Positions.Single(p => p.BoxId == boxId);

        Assert.True(position.Band == DecisionBand.Review || position.Symbol == expected.Symbol,
            $"{what}: truth {expected.Symbol}, read {position.Symbol} at {position.Confidence} with no review");
    }

    [Fact]
    public void A_pale_pen_mark_is_never_read_confidently_as_blank()
    {
        var options = new SynthesisOptions { Seed = 31337, LightPenShare = 1, GelShare = 0, PencilShare = 0, BlankBallotRate = 0 }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var marked = 0;
        for (var index = 0; index < 6; index++)
        {
            var sheet = synthesizer.Generate(index);
            using var image = ImageCodec.Decode(sheet.Bytes);
            var read = fixture.Reader.Read(image);
            foreach (var truth in sheet.Truth.Boxes.Where(b => b.Symbol != MarkSymbol.Blank))
            {
                marked++;
                var position = read.Positions.Single(p => p.BoxId == truth.BoxId);
                Assert.False(position.Band == DecisionBand.Confident && position.Symbol == MarkSymbol.Blank, $"sheet {index} {truth.BoxId}: a {truth.Symbol} in pale ink read as blank");
            }
        }

        Assert.True(marked > 20);
    }
}
