using System.Security.Cryptography;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Every confident misreading of a real mark found in a leave-writers-out evaluation (calibration/real-marks/evaluate-folds.sh)
/// becomes a fixture: the sheet is made again from its corpus's options and must have the SHA-256 the evaluation read (so no
/// change to the generator or the pack can change what it guards), then the box must be read right or sent to a person.
/// </summary>
public class RealMarkFixtureTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    [Theory]
    [InlineData(6303, "scanner", 1, 543, "member/4", "b0aaa01b4c807d7a95cf6a38f5fee6b17a81a27620dcecb1fd2ba4a3ddfaabcb", "an ℓ-like loop filed as an ellipse read as × at 0.977 (fold 1, 1-bit G4)")]
    [InlineData(6303, "scanner", 1, 661, "member/2", "a630d51658078c1106e0f19178350f63c978690fae562c866357f87d9ba6029a", "a ɤ-like loop filed as an ellipse read as × at 0.990 (fold 1, 1-bit G4)")]
    [InlineData(6303, "scanner", 1, 682, "member/3", "71e615080f2b3277659590fcbae28bca24e9a4ba663b71ceeabe2a882b758f18", "an α-like loop filed as an ellipse read as × at 0.986 (fold 1)")]
    // Held-out writers of the shipped classifier (fold 2) whose drawings it still counts as ○: open in issue 17, each kept
    // here so that the fix that mends it shows (25 such of 1,950 real other marks in the final held-out run).
    [InlineData(6403, "scanner", 2, 50, "member/1", "daa31c617369ba8e277049f4948e989819e557d4c6d6ae2b6afcf3726751bbba", "an \"other\" drawing read as ○ at 0.99986", Skip = "open (issue 17): still read as ○")]
    [InlineData(6403, "scanner", 2, 300, "director/1", "91c656d51361bcd7982f67a6dc0e10cbf8c893df52c7fca5288310d59eb14260", "a rounded rectangle read as ○ at 0.995", Skip = "open (issue 17): still read as ○")]
    [InlineData(6404, "camera", 2, 304, "member/4", "d704c0b953947d5775955ab246fccd63bb04729f59e0e795ecfdcb46d04eb0aa", "a triangle read as ○ at 0.99927 on a camera photo", Skip = "open (issue 17): still read as ○")]
    public void A_real_mark_once_misread_is_now_right_or_sent_to_a_person(int seed, string conditions, int fold, int sheetIndex, string boxId, string sha256, string what)
    {
        var options = new SynthesisOptions
        {
            Seed = seed,
            Conditions = Enum.Parse<CaptureConditions>(conditions, ignoreCase: true),
            RealMarks = RepositoryFiles.Path("calibration/real-marks/hand-drawn-shapes.bin.gz"),
            RealMarkWriters = RealMarkFolds.WritersOf(fold),
            RealMarkRate = 0.8,
            OtherMarkRate = 0.25,
        };
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var sheet = synthesizer.Generate(sheetIndex);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(sheet.Bytes)));
        var truth = sheet.Truth.Boxes.Single(b => b.BoxId == boxId);

        var position = fixture.Reader.ReadFile(sheet.Bytes, sheet.Truth.File).Single().Positions.Single(p => p.BoxId == boxId);

        Assert.True(position.Band == DecisionBand.Review || position.Symbol == truth.Symbol,
            $"{what}: {truth.Source} by {truth.Writer}, truth {truth.Symbol}, read {position.Symbol} at {position.Confidence} with no review");
    }
}
