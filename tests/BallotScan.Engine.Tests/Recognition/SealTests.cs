using BallotScan.Engine.Counting;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// The election committee's seal (选举委员会印章) on ballots: where the rules require it, a ballot whose seal area holds no
/// stamp goes to the scrutineers; a stamped seal, in its area or over the title, changes no reading of any box.
/// </summary>
public class SealTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Seeds of these tests, used nowhere else.</summary>
    private const int TestSeed = 5270;

    private ElectionDefinition SealRequired() => fixture.Definition with { Rules = fixture.Definition.Rules with { RequireSeal = true } };

    [Fact]
    public void Where_the_seal_is_required_a_ballot_without_one_goes_to_a_person_and_a_sealed_one_does_not()
    {
        var definition = SealRequired();
        var options = new SynthesisOptions { Seed = TestSeed, SealRate = 0.5, BilevelTiffShare = 0.3 }.OnlyBallots();
        using var synthesizer = new BallotSynthesizer(definition, options);
        var reader = new BallotReader([synthesizer.Layout], MarkClassifier.Shipped);
        var (withSeal, without) = (0, 0);
        for (var index = 0; index < 12; index++)
        {
            var sheet = synthesizer.Generate(index);
            var read = reader.ReadFile(sheet.Bytes, sheet.Truth.File).Single();

            Assert.True(read.Accepted);
            Assert.NotNull(read.SealInk);
            Assert.Equal(sheet.Truth.Sealed == false, read.SheetReasons.Contains(ReviewReason.NoSeal));
            _ = sheet.Truth.Sealed == true ? withSeal++ : without++;
        }

        Assert.True(withSeal >= 3 && without >= 3, $"{withSeal} sealed, {without} not: the test needs both");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stamped_seal_changes_no_box_s_reading(bool sealArea)
    {
        var definition = sealArea ? fixture.Definition with { Rules = fixture.Definition.Rules with { SealArea = true } } : fixture.Definition;
        var plain = new SynthesisOptions { Seed = TestSeed + 1, BilevelTiffShare = 0 }.OnlyBallots();
        using var without = new BallotSynthesizer(definition, plain);
        using var with = new BallotSynthesizer(definition, plain with { SealRate = 1 });
        var reader = new BallotReader([without.Layout], MarkClassifier.Shipped);
        for (var index = 0; index < 6; index++)
        {
            var (a, b) = (without.Generate(index), with.Generate(index));
            Assert.NotEqual(a.Truth.Sha256, b.Truth.Sha256); // the seal is on the second
            Assert.True(b.Truth.Sealed);
            var (ra, rb) = (reader.ReadFile(a.Bytes, "a").Single(), reader.ReadFile(b.Bytes, "b").Single());
            Assert.Equal(ra.Positions.Select(p => (p.BoxId, p.Symbol, p.Band)), rb.Positions.Select(p => (p.BoxId, p.Symbol, p.Band)));
            Assert.Empty(rb.SheetReasons);
        }
    }

    [Fact]
    public void Ink_in_the_seal_area_that_draws_no_seal_s_ring_is_no_seal()
    {
        // A ballot not issued at the venue, with a scribble across its seal area: as much ink as a stamp, but in strokes.
        var definition = SealRequired();
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = TestSeed + 4, BilevelTiffShare = 0, UpsideDownRate = 0 }.OnlyBallots());
        var sheet = synthesizer.Generate(0);
        Assert.Null(sheet.Truth.Sealed); // no seals stamped in this corpus
        using var image = ImageCodec.Decode(sheet.Bytes);
        var m = sheet.Truth.LayoutToImage!;
        var toImage = new Homography(m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]);
        var area = synthesizer.Layout.Pages[0].Seal!.Box;
        for (var stroke = 0; stroke < 6; stroke++)
        {
            for (var t = 0.0; t <= 1; t += 0.002)
            {
                var mm = new PointD(area.X + 4 + (t * (area.Width - 8)), area.Y + 5 + (stroke * 5) + (3 * Math.Sin(t * 9)));
                var px = toImage.Map(mm);
                Raster.Fill(image, new PixelRect((int)px.X - 2, (int)px.Y - 2, 5, 5), 40);
            }
        }

        var read = new BallotReader([synthesizer.Layout], MarkClassifier.Shipped).Read(image);

        Assert.True(read.SealInk >= SealInspector.MinStampInk, $"the scribble inks {read.SealInk:P1} of the area: as much as a stamp");
        Assert.True(read.SealRing < SealInspector.MinRing, $"ring {read.SealRing}");
        Assert.Contains(ReviewReason.NoSeal, read.SheetReasons);
    }

    [Fact]
    public void The_back_of_a_ballot_signed_by_the_scrutineers_is_no_ballot()
    {
        var options = new SynthesisOptions { Seed = TestSeed + 3, BlankSheetRate = 1, BackSignatureRate = 1 };
        using var synthesizer = new BallotSynthesizer(fixture.Definition, options);
        for (var index = 0; index < 4; index++)
        {
            var sheet = synthesizer.Generate(index);
            Assert.Equal(SheetKind.BlankSheet, sheet.Truth.Kind);
            Assert.InRange(sheet.Truth.Signatures ?? 0, 1, 2);
            using var image = ImageCodec.Decode(sheet.Bytes);
            Assert.True(image.ToPackedArray().Count(v => v < 128) > 200, "the signatures are on the page");
            var read = fixture.Reader.Read(image);
            Assert.False(read.Accepted);
            Assert.Contains(ReviewReason.NotABallot, read.SheetReasons);
        }
    }

    [Fact]
    public void A_ballot_without_the_seal_is_counted_only_once_a_scrutineer_counts_it()
    {
        var definition = SealRequired();
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = TestSeed + 2, SealRate = 0.000001, BlankBallotRate = 0 }.OnlyBallots());
        var sheet = synthesizer.Generate(0);
        using var image = ImageCodec.Decode(sheet.Bytes);
        var read = new BallotReader([synthesizer.Layout], MarkClassifier.Shipped).Read(image) with { Source = sheet.Truth.File, Sha256 = sheet.Truth.Sha256 };
        Assert.Contains(ReviewReason.NoSeal, read.SheetReasons);
        var counter = new BallotCounter(definition, synthesizer.Layout);

        var waiting = counter.Count(read, []);
        Assert.Equal(SheetStatus.Pending, waiting.Status);
        Assert.Contains(waiting.Waiting, w => w.Contains(nameof(ReviewReason.NoSeal), StringComparison.Ordinal));
        var decision = new Adjudication { Sheet = read.SheetId, Kind = AdjudicationKind.Sheet, SheetDecision = SheetDecision.Count, Scrutineer = "监票人甲", Reason = "选票上有印章，盖得浅" };
        var counted = counter.Count(read, [decision]);
        Assert.DoesNotContain(counted.Waiting, w => w.Contains(nameof(ReviewReason.NoSeal), StringComparison.Ordinal));
    }
}
