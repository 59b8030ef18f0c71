using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Lab.Evaluation;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BallotScan.Lab.Fitting;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>The election, its layout and a reader with the shipped classifier, shared by the reader tests.</summary>
public sealed class ReaderFixture
{
    public ElectionDefinition Definition { get; } = ElectionJson.Load(RepositoryFiles.VillagersExample);

    public BallotLayout Layout { get; }

    public BallotReader Reader { get; }

    /// <summary>The layout the pinned sheets (tests/fixtures/misreadings) were printed with: the example's ballot as laid
    /// out before its title said 选票. Their QR codes carry its hash, so they are read against it.</summary>
    public BallotLayout PinnedLayout { get; } = LayoutJson.Load(RepositoryFiles.Path("tests/fixtures/misreadings/layout-04a827bfb800.json"));

    /// <summary>The shipped reader on <see cref="PinnedLayout"/>.</summary>
    public BallotReader PinnedReader { get; }

    public ReaderFixture()
    {
        Layout = LayoutBuilder.Build(Definition, SurnameStrokeOrder.Debian);
        Reader = new BallotReader([Layout], MarkClassifier.Shipped);
        PinnedReader = new BallotReader([PinnedLayout], MarkClassifier.Shipped);
    }
}

public class BallotReaderTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Evaluation seeds for these tests: below the calibration seeds, and used nowhere else.</summary>
    private const int TestSeed = 4242;

    [Theory]
    [InlineData(CaptureConditions.Scanner, 60)]
    [InlineData(CaptureConditions.Camera, 25)]
    public void On_held_apart_sheets_nothing_is_read_confidently_wrong_and_foreign_sheets_are_rejected_for_their_reason(CaptureConditions conditions, int sheets)
    {
        var folder = Directory.CreateTempSubdirectory("reader-eval-");
        try
        {
            var options = new SynthesisOptions { Seed = TestSeed, Conditions = conditions, OtherElectionRate = 0.05, BlankSheetRate = 0.03, NotABallotRate = 0.03, DuplicateFileRate = 0.03 };
            CorpusWriter.Write(fixture.Definition, options, sheets, folder.FullName);

            var report = CorpusEvaluation.Run(folder.FullName, fixture.Reader);

            Assert.Empty(report.Errors);
            var result = Assert.Single(report.Conditions);
            Assert.True(result.Positions > 0);
            Assert.Equal(0, result.ForeignAccepted);
            Assert.Equal(result.ForeignSheets, result.ForeignRejectedRightReason);
            Assert.Equal(result.DuplicateFiles, result.DuplicateFilesFlagged);
            Assert.True(result.ConfidentlyRight > result.Positions * 0.8, $"only {result.ConfidentlyRight} of {result.Positions} positions were read confidently");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_plainly_marked_clean_ballot_is_read_exactly_and_confidently()
    {
        var options = SynthesizerFixtureOptions() with { Seed = TestSeed + 1 };
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        for (var index = 0; index < 10; index++)
        {
            var sheet = synthesizer.Generate(index);
            using var image = ImageCodec.Decode(sheet.Bytes);
            var read = fixture.Reader.Read(image);
            Assert.True(read.Accepted, read.Message);
            foreach (var truth in sheet.Truth.Boxes.Where(b => b.WriteInName is null && b.Symbol is not MarkSymbol.Other))
            {
                var position = Assert.Single(read.Positions, p => p.BoxId == truth.BoxId);
                Assert.Equal(truth.Symbol, position.Symbol);
            }
        }
    }

    [Fact]
    public void A_ballot_turned_upside_down_reads_the_same_as_upright()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, SynthesizerFixtureOptions() with { Seed = TestSeed + 2 });
        var sheet = synthesizer.Generate(3);
        using var image = ImageCodec.Decode(sheet.Bytes);
        using var turned = ImageOps.Warp(image, Geometry.Homography.Rotation(180, new Geometry.PointD(image.Width / 2.0, image.Height / 2.0)), image.Width, image.Height);

        var upright = fixture.Reader.Read(image);
        var upsideDown = fixture.Reader.Read(turned);

        Assert.Equal(upright.Positions.Select(p => (p.BoxId, p.Symbol)), upsideDown.Positions.Select(p => (p.BoxId, p.Symbol)));
        var turn = Math.Abs(upsideDown.RotationDegrees!.Value - upright.RotationDegrees!.Value);
        Assert.InRange(turn, 179, 181);
    }

    [Fact]
    public void A_scanner_streak_through_a_column_of_boxes_is_recognised_and_does_not_change_the_reading()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, SynthesizerFixtureOptions() with { Seed = TestSeed + 5, ScannerMaxSkewDegrees = 0, UpsideDownRate = 0 });
        var sheet = synthesizer.Generate(1);
        using var image = ImageCodec.Decode(sheet.Bytes);
        var clean = fixture.Reader.Read(image);

        // Dirty glass: a dark line, 2 px wide, down the whole image through the middle of the second column of boxes.
        var box = fixture.Layout.AllBoxes.Single(b => b.Id == "director/2").Box;
        var m = sheet.Truth.LayoutToImage!;
        var x = (int)Math.Round(new Geometry.Homography(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]).Map(box.Center).X);
        for (var y = 0; y < image.Height; y++)
        {
            image[x, y] = image[x + 1, y] = 60;
        }

        var streaked = fixture.Reader.Read(image);

        var crossed = streaked.Positions.Where(p => p.StreakRemoved).Select(p => p.BoxId).ToList();
        Assert.Contains("director/2", crossed);
        Assert.Contains("deputy/2", crossed);
        Assert.Equal(clean.Positions.Select(p => (p.BoxId, p.Symbol)), streaked.Positions.Select(p => (p.BoxId, p.Symbol)));
    }

    [Fact]
    public void Every_reading_keeps_its_raw_scores_in_the_interpretation()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 3 });
        var read = fixture.Reader.ReadFile(synthesizer.Generate(0).Bytes, "sheet.jpg")[0];
        var json = JsonSerializer.Serialize(read, ElectionJson.Options);
        Assert.Contains("\"speckPixels\"", json, StringComparison.Ordinal);
        Assert.Contains("\"borderTouchPixels\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<SheetInterpretation>(json, ElectionJson.Options)!;

        Assert.Equal(64, back.Sha256!.Length);
        Assert.All(back.Positions, p =>
        {
            Assert.Equal(MarkFeatures.Count, p.Features.Count);
            Assert.Equal(5, p.Probabilities.Count);
            Assert.Equal(2, p.SnapMm.Count);
        });
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "PDF")]
    public void A_bad_file_gives_a_rejected_sheet_with_a_message_and_no_exception(byte[] bytes, string expected)
    {
        var read = Assert.Single(fixture.Reader.ReadFile(bytes, "bad"));
        Assert.False(read.Accepted);
        Assert.Contains(expected, read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_with_the_same_file_twice_counts_it_once()
    {
        var folder = Directory.CreateTempSubdirectory("reader-dup-");
        try
        {
            using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 4 });
            var bytes = synthesizer.Generate(0).Bytes;
            File.WriteAllBytes(Path.Combine(folder.FullName, "a.jpg"), bytes);
            File.WriteAllBytes(Path.Combine(folder.FullName, "b.jpg"), bytes);
            File.WriteAllText(Path.Combine(folder.FullName, "c.jpg"), "not an image");
            var files = Directory.GetFiles(folder.FullName).Order(StringComparer.Ordinal).ToList();
            var results = new SheetInterpretation[files.Count];

            BatchReader.Read(files, fixture.Reader, (i, sheets) => results[i] = sheets[0]);

            Assert.True(results[0].Accepted);
            Assert.Equal([ReviewReason.Duplicate], results[1].SheetReasons);
            Assert.Contains("a.jpg", results[1].Message, StringComparison.Ordinal);
            Assert.False(results[2].Accepted);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_same_samples_give_the_same_fitted_classifier()
    {
        var samples = SeparableSamples(seed: 3);

        var a = MarkClassifierFit.Fit(samples[..240], samples[240..], epochs: 5);
        var b = MarkClassifierFit.Fit(samples[..240], samples[240..], epochs: 5);

        Assert.Equal(a.ToJson(), b.ToJson());
        Assert.InRange(a.ConfidentThreshold, 0.9, 1);
    }

    [Fact]
    public void A_mark_unlike_every_training_sample_of_its_symbol_is_not_within_what_the_classifier_has_seen()
    {
        var samples = SeparableSamples(seed: 4);
        var classifier = MarkClassifierFit.Fit(samples[..240], samples[240..], epochs: 5);
        var crosses = samples[..240].Where(s => s.Label == MarkSymbol.Cross).ToList();
        var highest = crosses.Max(s => s.Features[0]);
        var spread = highest - crosses.Min(s => s.Features[0]);
        double[] At(double first) => [first, .. crosses[0].Features[1..]];

        Assert.All(crosses, s => Assert.True(classifier.WithinSeen(MarkSymbol.Cross, s.Features)));
        Assert.True(classifier.WithinSeen(MarkSymbol.Cross, At(highest + (0.09 * spread))));
        Assert.False(classifier.WithinSeen(MarkSymbol.Cross, At(highest + (0.11 * spread))));
        var fittedBeforeRanges = classifier with { SeenLow = null, SeenHigh = null };
        Assert.True(fittedBeforeRanges.WithinSeen(MarkSymbol.Cross, At(highest + spread)));
    }

    [Fact]
    public void The_shipped_classifier_records_where_it_came_from_and_was_not_fitted_on_evaluation_seeds()
    {
        var c = MarkClassifier.Shipped;
        Assert.Equal(MarkFeatures.Names, c.Features);
        Assert.NotNull(c.Provenance);
        Assert.Equal(0, c.Provenance!.ValidationErrorsConfident);
        Assert.Equal(Enum.GetValues<MarkSymbol>().Length, c.SeenLow!.Length);
        Assert.All(c.SeenLow.Zip(c.SeenHigh!), s => Assert.All(s.First.Zip(s.Second), r => Assert.True(r.First <= r.Second)));
        Assert.Contains(MarkCalibration.FirstCalibrationSeed.ToString(System.Globalization.CultureInfo.InvariantCulture)[..3], c.Provenance.Seeds, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MarkCalibration.Collect(fixture.Definition, [(TestSeed, CaptureConditions.Scanner)], 1));
    }

    /// <summary>300 random feature vectors, 60 of each symbol, each symbol's own feature raised by 2 (easily told apart).</summary>
    private static List<MarkClassifierFit.Sample> SeparableSamples(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 300).Select(n => (MarkSymbol)(n % 5))
            .Select(label => new MarkClassifierFit.Sample(Enumerable.Range(0, MarkFeatures.Count).Select(i => random.NextDouble() + (i == (int)label ? 2 : 0)).ToArray(), label))
            .ToList();
    }

    /// <summary>A perfect scanner and careful voters: no strays, corrections or special sheets.</summary>
    private static SynthesisOptions SynthesizerFixtureOptions() => new SynthesisOptions
    {
        ScannerMaxSkewDegrees = 2, ScannerMaxBlur = 0.4, MaxNoise = 2, BilevelTiffShare = 0, StreakRate = 0, FoldRate = 0, CutEdgeRate = 0,
        StrayRate = 0, CorrectionRate = 0, OtherMarkRate = 0, LightPenShare = 0, PencilShare = 0,
    }.OnlyBallots();
}
