using System.Globalization;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// Real hand-drawn shapes (the Hand-drawn Shapes dataset, CC BY 4.0; calibration/README.md) in ballot boxes, read by the
/// shipped reader. Only writers the shipped classifier was not fitted on are used here: what holds must hold for hands it never saw.
/// </summary>
public class RealMarkTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    private static readonly string s_pack = RepositoryFiles.Path("calibration/real-marks/hand-drawn-shapes.bin.gz");

    [Fact]
    public void The_pack_labels_each_drawing_as_a_person_reads_it_on_a_ballot()
    {
        var set = RealMarkSet.Load(s_pack);

        Assert.Equal(23, set.Writers.Count);
        Assert.All(set.Drawings.Where(d => d.Shape is RealShape.Rectangle or RealShape.Triangle), d => Assert.Equal(MarkSymbol.Other, d.Truth));
        Assert.All(set.Drawings.Where(d => d.Shape == RealShape.Ellipse), d =>
            Assert.Equal(d.AxesRatio >= RealMarkSet.RoundEllipseRatio ? MarkSymbol.Circle : null, d.Truth));
        Assert.True(set.Drawings.Count(d => d.Truth == MarkSymbol.Circle) > 1000);
    }

    [Theory]
    // ellipse.u01.0066.csv: top, left, right, bottom — a flat oval (axes 0.76 and 0.24 of the image) that read as round (0.98)
    // when the first and third ends were taken for one axis.
    [InlineData("0.49,0.37", "0.12,0.48", "0.88,0.5", "0.52,0.61", 0.32)]
    // ellipse.u01.0001.csv: top, bottom, right, left.
    [InlineData("0.46,0.12", "0.54,0.86", "0.68,0.46", "0.31,0.49", 0.50)]
    // ellipse.aly.0001.csv: the dataset's usual order, top, right, bottom, left (one axis's ends first and third).
    [InlineData("0.49,0.11", "0.60,0.50", "0.49,0.88", "0.40,0.49", 0.26)]
    public void An_ellipse_s_axes_are_the_ends_that_share_its_centre_in_whatever_order_the_dataset_lists_them(string a, string b, string c, string d, double ratio)
    {
        static PointD P(string xy) => new(double.Parse(xy.Split(',')[0], CultureInfo.InvariantCulture), double.Parse(xy.Split(',')[1], CultureInfo.InvariantCulture));

        Assert.Equal(ratio, RealMarkSet.AxesRatio([P(a), P(b), P(c), P(d)])!.Value, 2);
    }

    [Fact]
    public void The_pack_leaves_writer_u01_s_flat_ovals_off_the_ballots()
    {
        var set = RealMarkSet.Load(s_pack);
        var flat = set.Drawings.Where(d => d.Source is "ellipse.u01.0066.png" or "ellipse.u01.0001.png" or "ellipse.u01.0048.png").ToList();

        Assert.Equal(3, flat.Count);
        Assert.All(flat, d => Assert.Null(d.Truth));
        Assert.All(flat, d => Assert.InRange(d.AxesRatio!.Value, 0, RealMarkSet.RoundEllipseRatio));
    }

    [Fact]
    public void The_centre_line_runs_on_the_drawing_s_own_ink()
    {
        var set = RealMarkSet.Load(s_pack);
        foreach (var drawing in set.Drawings.Where((_, i) => i % 97 == 0))
        {
            var ink = drawing.Ink;
            var segments = drawing.Segments;
            Assert.NotEmpty(segments);
            Assert.All(segments, s => Assert.Equal(1, ink[((int)s.A.Y * RealMarkSet.Side) + (int)s.A.X]));
            // Thinning keeps far less than the ink, but every stroke: the line reaches from one end of the drawing to the other.
            var inkXs = Enumerable.Range(0, ink.Length).Where(p => ink[p] != 0).Select(p => p % RealMarkSet.Side).ToList();
            var lineXs = segments.Select(s => s.A.X).ToList();
            Assert.InRange(lineXs.Min() - inkXs.Min(), 0, 6);
            Assert.InRange(inkXs.Max() - lineXs.Max(), 0, 6);
        }
    }

    [Fact]
    public void A_ballot_with_real_marks_names_the_writer_and_drawing_of_each_and_is_the_same_bytes_every_time()
    {
        var options = new SynthesisOptions { Seed = 4711, RealMarks = s_pack, RealMarkWriters = "u04,drt", RealMarkRate = 1, OtherMarkRate = 0.3 }.OnlyBallots();
        using var first = new BallotSynthesizer(fixture.Definition, options);
        using var second = new BallotSynthesizer(fixture.Definition, options);
        var real = Enumerable.Range(0, 6).SelectMany(i => first.Generate(i).Truth.Boxes).Where(b => b.Writer is not null).ToList();

        Assert.NotEmpty(real);
        Assert.All(real, b => Assert.True(b.Writer is "u04" or "drt", b.Writer));
        Assert.All(real, b => Assert.StartsWith(b.Symbol == MarkSymbol.Circle ? "ellipse." : string.Empty, b.Source!, StringComparison.Ordinal));
        Assert.Equal(first.Generate(3).Bytes, second.Generate(3).Bytes);
    }

    [Theory]
    [InlineData(CaptureConditions.Scanner, 40)]
    [InlineData(CaptureConditions.Camera, 15)]
    public void Real_marks_of_writers_the_fit_never_saw_are_never_counted_wrongly(CaptureConditions conditions, int sheets)
    {
        var heldOut = RealMarkFolds.Folds[RealMarkFolds.ShippedHeldOut];
        Assert.Equal(heldOut, MarkClassifier.Shipped.Provenance!.HeldOutWriters);
        Assert.DoesNotContain(MarkClassifier.Shipped.Provenance.RealMarkWriters, heldOut.Contains);
        Assert.NotEmpty(MarkClassifier.Shipped.Shape!.Writers);
        Assert.DoesNotContain(MarkClassifier.Shipped.Shape.Writers, heldOut.Contains);
        var options = new SynthesisOptions
        {
            Seed = 4712, Conditions = conditions, RealMarks = s_pack, RealMarkWriters = RealMarkFolds.WritersOf(RealMarkFolds.ShippedHeldOut), RealMarkRate = 1, OtherMarkRate = 0.3,
        }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        var (real, circles, circlesCounted) = (0, 0, 0);
        for (var index = 0; index < sheets; index++)
        {
            var sheet = synthesizer.Generate(index);
            using var image = ImageCodec.Decode(sheet.Bytes);
            var read = fixture.Reader.Read(image).Positions.ToDictionary(p => p.BoxId);
            foreach (var truth in sheet.Truth.Boxes.Where(b => b.Writer is not null))
            {
                real++;
                var position = read[truth.BoxId];
                Assert.False(position.Band == DecisionBand.Confident && position.Symbol != truth.Symbol,
                    $"sheet {index} {truth.BoxId}: {truth.Source} by {truth.Writer} (a person reads {truth.Symbol}) counted as {position.Symbol} at {position.Confidence}");
                if (truth.Symbol == MarkSymbol.Circle && !truth.Strays)
                {
                    circles++;
                    circlesCounted += position.Band == DecisionBand.Confident ? 1 : 0;
                }
            }
        }

        Assert.True(real > 3 * sheets, $"only {real} real marks");
        // Most real ○ are counted without a person (the figure itself is measured by `evaluate`: about two in three now,
        // short of what the product needs; a fall below half is a regression).
        Assert.True(circlesCounted > 0.5 * circles, $"{circlesCounted} of {circles} real ○ counted without a person");
    }
}
