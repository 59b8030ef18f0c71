using BallotScan.Engine.Elections;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Synthesis;

/// <summary>One synthesizer per option set, shared by the tests of this class (rendering the templates takes a second).</summary>
public sealed class SynthesizerFixture : IDisposable
{
    public ElectionDefinition Definition { get; } = ElectionJson.Load(RepositoryFiles.VillagersExample);

    /// <summary>A perfect scanner: no skew, blur or noise, lossless 1-bit output, so the page shows exactly what was drawn.</summary>
    public BallotSynthesizer Clean { get; }

    /// <summary>The same sheets as <see cref="Clean"/> with nothing drawn: the paper as printed and captured.</summary>
    public BallotSynthesizer CleanUnmarked { get; }

    public BallotSynthesizer Scanner { get; }

    public SynthesizerFixture()
    {
        var clean = new SynthesisOptions
        {
            Seed = 11, ScannerMaxSkewDegrees = 0, UpsideDownRate = 0, ScannerMaxOffsetMm = 0, ScannerMaxScaleError = 0, ScannerMaxBlur = 0,
            MaxNoise = 1, BilevelTiffShare = 1, StreakRate = 0, FoldRate = 0, CutEdgeRate = 0, WriteInRate = 0.3,
        };
        Clean = new BallotSynthesizer(Definition, clean.OnlyBallots());
        CleanUnmarked = new BallotSynthesizer(Definition, clean.OnlyBallots() with { BlankBallotRate = 1, SpecksPerSheet = 0 });
        Scanner = new BallotSynthesizer(Definition, new SynthesisOptions { Seed = 5 });
    }

    public void Dispose()
    {
        Clean.Dispose();
        CleanUnmarked.Dispose();
        Scanner.Dispose();
    }
}

public class SynthesizerTests(SynthesizerFixture fixture) : IClassFixture<SynthesizerFixture>
{
    private const double PixelsPerMm = 200 / 25.4;

    [Fact]
    public void The_same_seed_gives_identical_bytes_and_truth()
    {
        using var again = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = 5 });
        foreach (var index in new[] { 0, 1, 17, 250 })
        {
            var a = fixture.Scanner.Generate(index);
            var b = again.Generate(index);
            Assert.Equal(a.Bytes, b.Bytes);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a.Truth, ElectionJson.Options), System.Text.Json.JsonSerializer.Serialize(b.Truth, ElectionJson.Options));
        }
    }

    [Fact]
    public void Another_seed_gives_other_sheets()
    {
        using var other = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = 6 });
        Assert.NotEqual(fixture.Scanner.Generate(3).Bytes, other.Generate(3).Bytes);
    }

    [Fact]
    public void A_corpus_is_the_same_whether_written_on_one_core_or_two()
    {
        var one = Directory.CreateTempSubdirectory("synth-1-");
        var two = Directory.CreateTempSubdirectory("synth-2-");
        try
        {
            var options = new SynthesisOptions { Seed = 9 };
            var a = CorpusWriter.Write(fixture.Definition, options, 12, one.FullName, threads: 1);
            var b = CorpusWriter.Write(fixture.Definition, options, 12, two.FullName, threads: 2);
            Assert.Equal(a.Sheets, b.Sheets);
            Assert.All(a.Sheets, e => Assert.Equal(File.ReadAllBytes(Path.Combine(one.FullName, e.File)), File.ReadAllBytes(Path.Combine(two.FullName, e.File))));
            Assert.Equal(a.Sheets.Select(e => e.Sha256), b.Sheets.Select(e => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(two.FullName, e.File))))));
        }
        finally
        {
            one.Delete(true);
            two.Delete(true);
        }
    }

    [Fact]
    public void On_a_clean_scan_each_box_holds_ink_exactly_when_the_truth_says_it_is_marked()
    {
        var checkedBoxes = 0;
        for (var index = 0; index < 25; index++)
        {
            var sheet = fixture.Clean.Generate(index);
            using var image = ImageCodec.Decode(sheet.Bytes);
            using var unmarked = ImageCodec.Decode(fixture.CleanUnmarked.Generate(index).Bytes);
            var h = Transform(sheet.Truth);
            foreach (var truth in sheet.Truth.Boxes)
            {
                // Ink added to the box by the voter: dark pixels beyond those of the same sheet as printed.
                var box = fixture.Clean.Layout.AllBoxes.Single(b => b.Id == truth.BoxId).Box;
                var added = Dark(image, h, box) - Dark(unmarked, h, box);
                if (truth.Symbol == MarkSymbol.Blank)
                {
                    Assert.True(added <= 12, $"sheet {index} {truth.BoxId}: blank in truth, but {added} px of ink were added (more than a speck)");
                }
                else if (!truth.Strays)
                {
                    Assert.True(added > 60, $"sheet {index} {truth.BoxId}: {truth.Symbol} in truth, but only {added} px of ink were added");
                }

                checkedBoxes++;
            }
        }

        Assert.Equal(25 * 13, checkedBoxes);
    }

    private static int Dark(GrayImage image, Homography layoutToImage, RectMm box)
    {
        using var crop = SheetCrops.Upright(image, layoutToImage, box, PixelsPerMm);
        return crop.ToPackedArray().Count(v => v < 128);
    }

    [Fact]
    public void The_truths_layout_to_image_transform_puts_every_qr_corner_where_it_is_read()
    {
        for (var index = 0; index < 8; index++)
        {
            var sheet = fixture.Scanner.Generate(index);
            if (sheet.Truth.Kind != SheetKind.Ballot)
            {
                continue;
            }

            using var image = ImageCodec.Decode(sheet.Bytes);
            var h = Transform(sheet.Truth);
            var symbols = CornerCrops(image).SelectMany(r => QrReader.Read(image, r)).ToList();
            Assert.Equal(4, symbols.Count);
            foreach (var placement in fixture.Scanner.Layout.Pages[0].QrCodes)
            {
                var read = symbols.Single(s => s.Text == placement.Payload);
                var expected = placement.Symbol.Corners().Select(h.Map).ToList();
                for (var k = 0; k < 4; k++)
                {
                    Assert.True(expected[k].DistanceTo(read.Corners[k]) < 3, $"sheet {index}, {placement.Corner} corner {k}: {expected[k]} vs {read.Corners[k]}");
                }
            }
        }
    }

    [Fact]
    public void A_write_in_is_a_name_in_the_write_in_cell_and_never_on_a_candidates_box()
    {
        var writeIns = Enumerable.Range(0, 40).SelectMany(i => fixture.Clean.Generate(i).Truth.Boxes).Where(b => b.WriteInName is not null).ToList();
        Assert.NotEmpty(writeIns);
        Assert.All(writeIns, b => Assert.Contains("/w", b.BoxId, StringComparison.Ordinal));
    }

    public static TheoryData<SheetKind, LocateFailure> Rejections => new()
    {
        { SheetKind.OtherElection, LocateFailure.WrongElection },
        { SheetKind.LayoutMismatch, LocateFailure.LayoutMismatch },
        { SheetKind.UnknownPage, LocateFailure.UnknownPage },
        { SheetKind.BlankSheet, LocateFailure.NoCodes },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Each_foreign_sheet_is_rejected_by_the_locator_for_its_own_reason(SheetKind kind, LocateFailure expected)
    {
        using var synthesizer = Only(kind);
        for (var index = 0; index < 3; index++)
        {
            var sheet = synthesizer.Generate(index);
            Assert.Equal(kind, sheet.Truth.Kind);
            using var image = ImageCodec.Decode(sheet.Bytes);
            var result = SheetLocator.Locate(image, [synthesizer.Layout]);
            Assert.Equal(expected, result.Failure);
        }
    }

    [Fact]
    public void Something_that_is_not_a_ballot_has_no_ballot_code()
    {
        using var synthesizer = Only(SheetKind.NotABallot);
        for (var index = 0; index < 4; index++)
        {
            using var image = ImageCodec.Decode(synthesizer.Generate(index).Bytes);
            Assert.Contains(SheetLocator.Locate(image, [synthesizer.Layout]).Failure, new LocateFailure?[] { LocateFailure.NoCodes, LocateFailure.NotABallot });
        }
    }

    [Fact]
    public void A_duplicate_file_repeats_its_original_byte_for_byte_and_a_rescan_repeats_its_marks()
    {
        using var duplicates = Only(SheetKind.DuplicateFile, seed: 3);
        var copy = duplicates.Generate(FirstOf(duplicates, SheetKind.DuplicateFile));
        Assert.Equal(SheetKind.DuplicateFile, copy.Truth.Kind);
        var first = duplicates.Generate(copy.Truth.RepeatOf!.Value);
        Assert.Equal(first.Bytes, copy.Bytes);
        Assert.NotEqual(first.Truth.File, copy.Truth.File); // its own file, as an import of the same scan twice

        using var rescans = Only(SheetKind.Rescan, seed: 3);
        var rescan = rescans.Generate(FirstOf(rescans, SheetKind.Rescan));
        var original = rescans.Generate(rescan.Truth.RepeatOf!.Value);
        Assert.Equal(SheetKind.Rescan, rescan.Truth.Kind);
        Assert.NotEqual(original.Bytes, rescan.Bytes);
        Assert.Equal(original.Truth.Boxes, rescan.Truth.Boxes);
    }

    /// <summary>A synthesizer whose sheets are all of <paramref name="kind"/> (repeats need an earlier ordinary ballot).</summary>
    private BallotSynthesizer Only(SheetKind kind, int seed = 1)
    {
        var none = new SynthesisOptions { Seed = seed }.OnlyBallots();
        var options = kind switch
        {
            SheetKind.OtherElection => none with { OtherElectionRate = 1 },
            SheetKind.LayoutMismatch => none with { LayoutMismatchRate = 1 },
            SheetKind.UnknownPage => none with { UnknownPageRate = 1 },
            SheetKind.BlankSheet => none with { BlankSheetRate = 1 },
            SheetKind.NotABallot => none with { NotABallotRate = 1 },
            SheetKind.Rescan => none with { RescanRate = 0.5 },
            _ => none with { DuplicateFileRate = 0.5 },
        };
        return new BallotSynthesizer(fixture.Definition, options);
    }

    private static int FirstOf(BallotSynthesizer synthesizer, SheetKind kind) => Enumerable.Range(1, 100).First(i => synthesizer.KindOf(i) == kind);

    private static IEnumerable<PixelRect> CornerCrops(GrayImage image)
    {
        var (w, h) = (image.Width * 3 / 10, image.Height * 3 / 10);
        return [new(0, 0, w, h), new(image.Width - w, 0, w, h), new(image.Width - w, image.Height - h, w, h), new(0, image.Height - h, w, h)];
    }

    private static Homography Transform(SheetTruth truth)
    {
        var m = truth.LayoutToImage!;
        return new Homography(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
    }
}
