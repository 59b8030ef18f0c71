using BallotScan.Engine.Elections;
using BallotScan.Engine.Imaging;
using BallotScan.Lab.Synthesis;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Fitting;

/// <summary>
/// Collects labelled mark samples for calibration: synthetic sheets from calibration seeds only, read by the reader's own
/// locate and measure stages (so the features are those the reader will see), labelled by the generator's truth.
/// </summary>
public static class MarkCalibration
{
    /// <summary>Calibration uses seeds from here up; evaluations must use seeds below it, so the reader is never tested on its own training data.</summary>
    public const int FirstCalibrationSeed = 900_000;

    /// <summary>
    /// The generator settings for calibration: every capture, and the rare symbols made common enough to learn; with a
    /// real-mark pack, half the ○ and other marks are real drawings of <paramref name="realMarkWriters"/> only (the fit's writers).
    /// </summary>
    public static SynthesisOptions Options(int seed, CaptureConditions conditions, string? realMarks = null, string? realMarkWriters = null) => new SynthesisOptions
    {
        Seed = seed,
        Conditions = conditions,
        CheckInsteadOfCircleRate = 0.15,
        OtherMarkRate = 0.08,
        CorrectionRate = 0.03,
        PencilShare = 0.1,
        LightPenShare = 0.08,
        RealMarks = realMarks,
        RealMarkWriters = realMarkWriters,
        RealMarkRate = realMarks is null ? 0 : 0.5,
    }.OnlyBallots();

    /// <summary>A labelled sample and the sheet it came from; with its <see cref="ShapeNet.Normalise"/>d image when asked for (inked boxes only).</summary>
    public readonly record struct LabelledSample(int Sheet, MarkClassifierFit.Sample Sample, float[]? Shape = null);

    /// <summary>Samples from <paramref name="sheets"/> sheets of each seed in <paramref name="seeds"/>, in a fixed order.</summary>
    public static IReadOnlyList<LabelledSample> Collect(ElectionDefinition definition, IReadOnlyList<(int Seed, CaptureConditions Conditions)> seeds, int sheets, IProgress<int>? progress = null,
        string? realMarks = null, string? realMarkWriters = null, bool shapes = false)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Any(s => s.Seed < FirstCalibrationSeed))
        {
            throw new ArgumentException($"Calibration seeds start at {FirstCalibrationSeed}; lower seeds are kept for evaluation.");
        }

        var all = new List<LabelledSample>();
        var done = 0;
        foreach (var (seed, conditions) in seeds)
        {
            using var synthesizer = new BallotSynthesizer(definition, Options(seed, conditions, realMarks, realMarkWriters));
            var perSheet = new List<LabelledSample>[sheets];
            Parallel.For(0, sheets, index =>
            {
                var sheet = synthesizer.Generate(index);
                using var image = ImageCodec.Decode(sheet.Bytes);
                var located = SheetLocator.Locate(image, [synthesizer.Layout]);
                var list = new List<LabelledSample>();
                if (located.Sheet is { } s)
                {
                    var truth = sheet.Truth.Boxes.ToDictionary(b => b.BoxId);
                    foreach (var m in BallotReader.Measure(image, s))
                    {
                        // Stray marks too: the reader sees them whole, and must be unsure of them rather than confidently wrong.
                        var t = truth[m.Box.Id];
                        var shape = shapes && t.Symbol != MarkSymbol.Blank ? ShapeNet.Normalise(m.Inspection.Interior, m.Inspection.InteriorSize) : null;
                        list.Add(new LabelledSample(((seed - FirstCalibrationSeed) * 1_000_000) + index, new MarkClassifierFit.Sample(m.Features, t.Symbol, m.Evidence(t.Symbol)), shape));
                    }
                }

                perSheet[index] = list;
                progress?.Report(Interlocked.Increment(ref done));
            });
            all.AddRange(perSheet.SelectMany(l => l));
        }

        return all;
    }
}
