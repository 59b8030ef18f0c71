using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// A gray JPEG is read while it is decoded, its rows turned into pixels only where the reading takes them
/// (<see cref="RowPlan"/>): the reading must be the very one of the image decoded whole, whatever the sheet.
/// </summary>
public class ReadByRowsTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Seeds of these tests: below the calibration seeds, and used nowhere else.</summary>
    private const int TestSeed = 4270;

    private static string Json(SheetInterpretation sheet) =>
        JsonSerializer.Serialize(sheet with { ReadMs = 0, Source = null, Sha256 = null, SourcePage = 0 }, ElectionJson.Options);

    /// <summary>The reading by rows alone: null when it gave the file back to be decoded whole.</summary>
    private SheetInterpretation? ByRows(byte[] jpeg) => fixture.Reader.ReadByRows(jpeg, ImageProbe.Read(jpeg).Pages[0]);

    private string WholeReading(byte[] jpeg)
    {
        using var image = ImageCodec.Decode(jpeg);
        return Json(fixture.Reader.Read(image));
    }

    [Theory]
    [InlineData(CaptureConditions.Scanner, 40)]
    [InlineData(CaptureConditions.Camera, 16)]
    public void A_jpeg_sheet_reads_exactly_as_its_image_decoded_whole(CaptureConditions conditions, int sheets)
    {
        // Ballots upright and upside down, of other elections, blank sheets, other papers: every kind of JPEG a count meets.
        var options = new SynthesisOptions { Seed = TestSeed, Conditions = conditions, BilevelTiffShare = 0, OtherElectionRate = 0.08, BlankSheetRate = 0.05, NotABallotRate = 0.05 };
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var read = 0;
        foreach (var sheet in Enumerable.Range(0, sheets).Select(synthesizer.Generate).Where(s => s.Extension == ".jpg"))
        {
            var byRows = fixture.Reader.ReadFile(sheet.Bytes, "sheet.jpg")[0];
            Assert.Equal(WholeReading(sheet.Bytes), Json(byRows));
            if (conditions == CaptureConditions.Scanner && sheet.Truth.Kind == SheetKind.Ballot)
            {
                // Read by rows indeed, not decoded whole after a missed row.
                Assert.NotNull(ByRows(sheet.Bytes));
                read++;
            }
        }

        Assert.True(conditions != CaptureConditions.Scanner || read >= 20, $"only {read} scanner ballots");
    }

    [Fact]
    public void The_plan_leaves_rows_out_yet_holds_every_row_each_crop_reads()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 1, BilevelTiffShare = 0 }.OnlyBallots());
        var planned = 0;
        for (var index = 0; index < 8; index++)
        {
            var sheet = synthesizer.Generate(index);
            using var image = ImageCodec.Decode(sheet.Bytes);
            var squares = SheetLocator.TightSquares(image.Width, image.Height, new LocateOptions().TightCropFraction);
            var topCodes = SheetLocator.ReadFirstCodes(image, squares[..2]);
            var plan = RowPlan.Plan(topCodes, [fixture.Layout], image.Height, squares[2].Y);
            var located = SheetLocator.Locate(image, [fixture.Layout]).Sheet!;
            if (SheetLocator.Ballot(topCodes).Count < 2)
            {
                Assert.Null(plan); // a top code unreadable (a fold, a cut corner): decoded whole
                continue;
            }

            Assert.NotNull(plan);
            planned++;
            Assert.True(plan.Sum(b => b.End - b.Start) < image.Height * 0.8, $"sheet {index}: the plan decodes {plan.Sum(b => b.End - b.Start)} of {image.Height} rows");
            foreach (var region in located.Page.Boxes.SelectMany(BoxInspector.RegionsRead))
            {
                var (top, bottom) = SheetCrops.SourceRows(located.LayoutToImage, region, BoxInspector.PixelsPerMm, image.Height);
                Assert.Contains(plan, band => band.Start <= top && bottom <= band.End);
            }
        }

        Assert.True(planned >= 6, $"only {planned} of 8 sheets planned");
    }

    [Fact]
    public void Rows_outside_those_a_crop_says_it_reads_do_not_change_the_reading()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 2, BilevelTiffShare = 0 }.OnlyBallots());
        var sheet = synthesizer.Generate(0);
        using var image = ImageCodec.Decode(sheet.Bytes);
        var located = SheetLocator.Locate(image, [fixture.Layout]).Sheet!;
        var measured = BallotReader.Measure(image, located).ToList();
        var random = new Random(5);
        foreach (var (box, index) in located.Page.Boxes.Select((b, i) => (b, i)))
        {
            var rows = BoxInspector.RegionsRead(box).Select(r => SheetCrops.SourceRows(located.LayoutToImage, r, BoxInspector.PixelsPerMm, image.Height)).ToList();
            using var scrambled = GrayImage.FromPixels(image.Pixels, image.Width, image.Height, image.Stride);
            var inside = Scramble(scrambled, y => rows.Any(r => r.Top <= y && y < r.Bottom) == false, random);
            Assert.Equal(Describe(measured[index]), Describe(BallotReader.Measure(scrambled, located).ElementAt(index)));

            // The control: noise on the rows it reads does change it (the comparison can see a change).
            using var touched = GrayImage.FromPixels(image.Pixels, image.Width, image.Height, image.Stride);
            Scramble(touched, y => rows.Any(r => r.Top <= y && y < r.Bottom), random);
            Assert.NotEqual(Describe(measured[index]), Describe(BallotReader.Measure(touched, located).ElementAt(index)));
            Assert.True(inside > 0);
        }
    }

    [Fact]
    public void A_sheet_stretched_beyond_the_plan_is_decoded_whole_and_read_the_same()
    {
        // A sheet that slipped in the feeder, 10 % longer on the image: the top codes put its boxes too high for the plan.
        using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 3, BilevelTiffShare = 0, UpsideDownRate = 0 }.OnlyBallots());
        using var scan = ImageCodec.Decode(synthesizer.Generate(0).Bytes);
        using var stretched = ImageOps.Resize(scan, scan.Width, (int)(scan.Height * 1.1), Interpolation.Linear);
        var jpeg = ImageCodec.EncodeJpeg(stretched, 90);

        var read = fixture.Reader.ReadFile(jpeg, "stretched.jpg")[0];

        Assert.True(read.Accepted, read.Message);
        Assert.Null(ByRows(jpeg)); // the reading reached a row the plan left out
        Assert.Equal(WholeReading(jpeg), Json(read));
    }

    [Fact]
    public void A_damaged_jpeg_reads_as_its_whole_decode_does()
    {
        using var synthesizer = new BallotSynthesizer(fixture.Definition, new SynthesisOptions { Seed = TestSeed + 4, BilevelTiffShare = 0 }.OnlyBallots());
        var jpeg = synthesizer.Generate(0).Bytes;
        byte[] broken = [.. jpeg[..(jpeg.Length * 3 / 4)], 0xFF, 0xD9];

        Assert.Null(ByRows(broken));
        Assert.Equal(WholeReading(broken), Json(fixture.Reader.ReadFile(broken, "broken.jpg")[0]));
    }

    /// <summary>Noise on every row <paramref name="chosen"/> picks; gives how many rows that was.</summary>
    private static int Scramble(GrayImage image, Func<int, bool> chosen, Random random)
    {
        var count = 0;
        for (var y = 0; y < image.Height; y++)
        {
            if (chosen(y))
            {
                random.NextBytes(image.Row(y));
                count++;
            }
        }

        return count;
    }

    private static string Describe(BoxMeasurement m) =>
        $"{m.Inspection.SnapMm} {m.Inspection.BorderScore:R} {m.Inspection.StrayInk:R} {m.Inspection.FaintInk:R} {m.Inspection.Truncated} " +
        $"{m.Inspection.OutsidePixels} {Convert.ToHexString(m.Inspection.Interior)} {string.Join(",", m.Features.Select(f => f.ToString("R")))} {m.WriteInInk:R}";
}
