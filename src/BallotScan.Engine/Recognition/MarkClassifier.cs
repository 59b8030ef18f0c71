using System.Text.Json;
using BallotScan.Engine.Elections;

namespace BallotScan.Engine.Recognition;

/// <summary>Where a fitted classifier came from: the data and settings, so anyone can refit it and get the same file.</summary>
public sealed record CalibrationProvenance
{
    public required string Command { get; init; }

    public required string Software { get; init; }

    public required string Definition { get; init; }

    public required string Seeds { get; init; }

    public required int Sheets { get; init; }

    public required IReadOnlyDictionary<string, int> TrainingSamples { get; init; }

    public required IReadOnlyDictionary<string, int> ValidationSamples { get; init; }

    /// <summary>Validation samples misclassified, and of those, how many at or above the confident threshold (must be 0).</summary>
    public required int ValidationErrors { get; init; }

    public required int ValidationErrorsConfident { get; init; }

    /// <summary>Share of validation samples below the threshold (sent to review).</summary>
    public required double ValidationReviewRate { get; init; }

    /// <summary>The writers of real drawings among the samples (none: synthetic marks only). Real-mark figures are reported only on other writers.</summary>
    public IReadOnlyList<string> RealMarkWriters { get; init; } = [];

    /// <summary>The writers of the real-mark pack the fit never saw: those its real-mark figures are measured on.</summary>
    public IReadOnlyList<string> HeldOutWriters { get; init; } = [];
}

/// <summary>
/// The fitted mark classifier: a small neural network (features → 32 tanh units → 5 symbols) and the confident
/// threshold. Loaded from calibration/mark-classifier.json (shipped inside the Engine); refitted by `ballotscan calibrate`.
/// </summary>
public sealed record MarkClassifier
{
    public const string CurrentSchema = "ballotscan/mark-classifier/1";
    public const string ResourceName = "BallotScan.Engine.mark-classifier.json";

    public required string Schema { get; init; }

    public required IReadOnlyList<string> Features { get; init; }

    public required IReadOnlyList<string> Symbols { get; init; }

    public required double[] Mean { get; init; }

    public required double[] Scale { get; init; }

    /// <summary>Hidden layer weights, row per hidden unit (inputs then bias).</summary>
    public required double[][] Hidden { get; init; }

    /// <summary>Output layer weights, row per symbol (hidden units then bias).</summary>
    public required double[][] Output { get; init; }

    /// <summary>A reading whose probability is below this goes to a person (the marginal band).</summary>
    public required double ConfidentThreshold { get; init; }

    /// <summary>
    /// The confident threshold for a reading of each symbol (Blank, Circle, Cross, Check, Other), each set as
    /// <see cref="ConfidentThreshold"/> is but from the validation samples misread as that symbol only: an Other drawn like a
    /// ○ raises the bar for ○ without raising it for ×. Null: <see cref="ConfidentThreshold"/> for every symbol.
    /// </summary>
    public IReadOnlyList<double>? SymbolThresholds { get; init; }

    /// <summary>The probability a reading of <paramref name="symbol"/> must reach to be counted without a person.</summary>
    public double ThresholdFor(MarkSymbol symbol) => SymbolThresholds is { } t ? t[(int)symbol] : ConfidentThreshold;

    /// <summary>
    /// For each symbol (row, in <see cref="MarkSymbol"/> order), the lowest value of each feature among its training
    /// samples; with <see cref="SeenHigh"/>, what the network was shown (see <see cref="WithinSeen"/>). Absent in files
    /// fitted before it existed: then every reading counts as within.
    /// </summary>
    public double[][]? SeenLow { get; init; }

    /// <summary>For each symbol, the highest value of each feature among its training samples.</summary>
    public double[][]? SeenHigh { get; init; }

    public CalibrationProvenance? Provenance { get; init; }

    /// <summary>The shape network that checks each mark read as ○ (<see cref="SymbolGuard.CircleShape"/>); null: none fitted.</summary>
    public ShapeNet? Shape { get; init; }

    /// <summary>How far beyond what its training samples showed a feature may lie, as a share of their spread.</summary>
    public const double SeenMargin = 0.1;

    /// <summary>
    /// Whether every feature of <paramref name="x"/> lies within the range the training samples of <paramref name="symbol"/>
    /// showed, give or take a tenth of it. A network says nothing sure of a mark unlike all it was shown: however high its
    /// probability, such a reading goes to a person.
    /// </summary>
    public bool WithinSeen(MarkSymbol symbol, IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (SeenLow is null || SeenHigh is null)
        {
            return true;
        }

        var (low, high) = (SeenLow[(int)symbol], SeenHigh[(int)symbol]);
        for (var i = 0; i < x.Count; i++)
        {
            var margin = SeenMargin * (high[i] - low[i]);
            if (x[i] < low[i] - margin || x[i] > high[i] + margin)
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Lazy<string> s_shippedJson = new(() =>
    {
        using var stream = typeof(MarkClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The shipped mark classifier is missing from the Engine: run ./ballotscan calibrate and rebuild.");
        return new StreamReader(stream).ReadToEnd();
    });

    private static readonly Lazy<MarkClassifier> s_shipped = new(() => Parse(s_shippedJson.Value));

    /// <summary>The shipped classifier's file as built in (what an archive keeps beside the readings it made).</summary>
    public static string ShippedJson => s_shippedJson.Value;

    /// <summary>The classifier shipped with this build (calibration/mark-classifier.json).</summary>
    public static MarkClassifier Shipped => s_shipped.Value;

    public static MarkClassifier Load(string path) => Parse(File.ReadAllText(path));

    public static MarkClassifier Parse(string json)
    {
        var c = JsonSerializer.Deserialize<MarkClassifier>(json, ElectionJson.Options) ?? throw new InvalidDataException("The classifier file is empty.");
        if (c.Schema != CurrentSchema || !c.Features.SequenceEqual(MarkFeatures.Names))
        {
            throw new InvalidDataException("The classifier file was fitted for other features or another schema: run ./ballotscan calibrate.");
        }

        return c;
    }

    public string ToJson() => JsonSerializer.Serialize(this, ElectionJson.Options);

    /// <summary>The probability of each symbol (in <see cref="MarkSymbol"/> order) for the features <paramref name="x"/>.</summary>
    public double[] Probabilities(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var hidden = new double[Hidden.Length];
        for (var h = 0; h < Hidden.Length; h++)
        {
            var w = Hidden[h];
            var sum = w[^1];
            for (var i = 0; i < x.Count; i++)
            {
                sum += w[i] * ((x[i] - Mean[i]) * Scale[i]);
            }

            hidden[h] = Math.Tanh(sum);
        }

        var logits = new double[Output.Length];
        for (var k = 0; k < Output.Length; k++)
        {
            var w = Output[k];
            var sum = w[^1];
            for (var h = 0; h < hidden.Length; h++)
            {
                sum += w[h] * hidden[h];
            }

            logits[k] = sum;
        }

        return Softmax(logits);
    }

    internal static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var total = e.Sum();
        return e.Select(v => v / total).ToArray();
    }
}

/// <summary>Fits a <see cref="MarkClassifier"/> to labelled feature vectors, deterministically.</summary>
public static class MarkClassifierFit
{
    /// <summary>
    /// One labelled sample: the features of a box and what it truly holds; with <paramref name="Evidence"/> (what the symbol
    /// guards check), a misreading the guards send to a person does not set the confident threshold.
    /// </summary>
    public readonly record struct Sample(double[] Features, MarkSymbol Label, SymbolGuards.Evidence? Evidence = null);

    /// <summary>
    /// Whether the reader would count <paramref name="sample"/> as its most likely symbol without a person: the probability at or
    /// above that symbol's threshold (<paramref name="threshold"/> when given) and no symbol guard failed.
    /// </summary>
    public static bool CountedAlone(MarkClassifier model, Sample sample, double? threshold = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var p = model.Probabilities(sample.Features);
        var symbol = (MarkSymbol)ArgMax(p);
        return p[(int)symbol] >= (threshold ?? model.ThresholdFor(symbol))
            && (sample.Evidence is not { } e || SymbolGuards.Check(e with { Symbol = symbol }, model).Count == 0);
    }

    /// <summary>
    /// Trains on <paramref name="training"/> (class-balanced, full determinism: fixed initialisation and order), then sets the
    /// confident threshold of each symbol from <paramref name="validation"/>: above the confidence of every validation sample
    /// misread as that symbol that the symbol guards would let through, with half the remaining distance to 1 as a safety
    /// margin, and never below <paramref name="minimumThreshold"/>.
    /// </summary>
    public static MarkClassifier Fit(IReadOnlyList<Sample> training, IReadOnlyList<Sample> validation, int hiddenUnits = 32, int epochs = 80, double minimumThreshold = 0.9)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        var d = MarkFeatures.Count;
        const int k = 5;
        var mean = new double[d];
        var scale = new double[d];
        for (var i = 0; i < d; i++)
        {
            mean[i] = training.Average(s => s.Features[i]);
            var sd = Math.Sqrt(training.Average(s => (s.Features[i] - mean[i]) * (s.Features[i] - mean[i])));
            scale[i] = sd > 1e-9 ? 1 / sd : 0;
        }

        var random = new Random(20261122);
        double Init(int fanIn) => ((random.NextDouble() * 2) - 1) * Math.Sqrt(3.0 / fanIn);
        var w1 = Enumerable.Range(0, hiddenUnits).Select(_ => Enumerable.Range(0, d + 1).Select(i => i < d ? Init(d) : 0).ToArray()).ToArray();
        var w2 = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, hiddenUnits + 1).Select(i => i < hiddenUnits ? Init(hiddenUnits) : 0).ToArray()).ToArray();

        // Class weights: every symbol counts as much in total, so rare ones (√, other) are learnt as well as common ones.
        var counts = Enumerable.Range(0, k).Select(c => training.Count(s => (int)s.Label == c)).ToArray();
        var classWeight = counts.Select(c => c == 0 ? 0 : training.Count / (double)(k * c)).ToArray();

        var x = training.Select(s => s.Features.Select((v, i) => (v - mean[i]) * scale[i]).ToArray()).ToArray();
        var order = Enumerable.Range(0, training.Count).ToArray();
        var adam = new Adam(w1, w2);
        const int batch = 64;
        var hidden = new double[hiddenUnits];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            var rate = 0.01 * (epoch < epochs / 2 ? 1 : epoch < epochs * 3 / 4 ? 0.3 : 0.1);
            for (var start = 0; start < order.Length; start += batch)
            {
                var g1 = w1.Select(r => new double[r.Length]).ToArray();
                var g2 = w2.Select(r => new double[r.Length]).ToArray();
                var end = Math.Min(order.Length, start + batch);
                for (var b = start; b < end; b++)
                {
                    var xi = x[order[b]];
                    var label = (int)training[order[b]].Label;
                    for (var h = 0; h < hiddenUnits; h++)
                    {
                        var sum = w1[h][d];
                        for (var i = 0; i < d; i++)
                        {
                            sum += w1[h][i] * xi[i];
                        }

                        hidden[h] = Math.Tanh(sum);
                    }

                    var logits = new double[k];
                    for (var c = 0; c < k; c++)
                    {
                        var sum = w2[c][hiddenUnits];
                        for (var h = 0; h < hiddenUnits; h++)
                        {
                            sum += w2[c][h] * hidden[h];
                        }

                        logits[c] = sum;
                    }

                    var p = MarkClassifier.Softmax(logits);
                    var weight = classWeight[label];
                    var backHidden = new double[hiddenUnits];
                    for (var c = 0; c < k; c++)
                    {
                        var delta = weight * (p[c] - (c == label ? 1 : 0));
                        for (var h = 0; h < hiddenUnits; h++)
                        {
                            g2[c][h] += delta * hidden[h];
                            backHidden[h] += delta * w2[c][h];
                        }

                        g2[c][hiddenUnits] += delta;
                    }

                    for (var h = 0; h < hiddenUnits; h++)
                    {
                        var delta = backHidden[h] * (1 - (hidden[h] * hidden[h]));
                        for (var i = 0; i < d; i++)
                        {
                            g1[h][i] += delta * xi[i];
                        }

                        g1[h][d] += delta;
                    }
                }

                adam.Step(g1, g2, rate, 1.0 / (end - start), weightDecay: 1e-4);
            }
        }

        var model = new MarkClassifier
        {
            Schema = MarkClassifier.CurrentSchema,
            Features = MarkFeatures.Names,
            Symbols = Enum.GetNames<MarkSymbol>(),
            Mean = mean,
            Scale = scale,
            Hidden = w1,
            Output = w2,
            ConfidentThreshold = 1,
            SeenLow = Seen(training, Math.Min),
            SeenHigh = Seen(training, Math.Max),
        };

        // Per symbol read: the most confident misreading as it that the guards would let through, and half the way on to 1.
        var errors = validation.Select(s => (s, p: model.Probabilities(s.Features)))
            .Where(t => ArgMax(t.p) != (int)t.s.Label && CountedAlone(model, t.s, threshold: 0))
            .ToList();
        var thresholds = Enum.GetValues<MarkSymbol>().Select(symbol =>
        {
            var worst = errors.Where(t => ArgMax(t.p) == (int)symbol).Select(t => t.p.Max()).DefaultIfEmpty(0).Max();
            return Math.Round(Math.Max(minimumThreshold, worst + ((1 - worst) / 2)), 6);
        }).ToList();
        return model with { ConfidentThreshold = thresholds.Max(), SymbolThresholds = thresholds };
    }

    /// <summary>Per symbol, <paramref name="pick"/> (min or max) of each feature over its samples (zeros for a symbol without any).</summary>
    private static double[][] Seen(IReadOnlyList<Sample> samples, Func<double, double, double> pick) =>
        Enum.GetValues<MarkSymbol>().Select(symbol =>
        {
            var of = samples.Where(s => s.Label == symbol).Select(s => s.Features).ToList();
            return Enumerable.Range(0, MarkFeatures.Count).Select(i => of.Count == 0 ? 0 : of.Select(f => f[i]).Aggregate(pick)).ToArray();
        }).ToArray();

    /// <summary>The index of the largest probability.</summary>
    public static int ArgMax(double[] p)
    {
        var best = 0;
        for (var i = 1; i < p.Length; i++)
        {
            if (p[i] > p[best])
            {
                best = i;
            }
        }

        return best;
    }

    private sealed class Adam(double[][] w1, double[][] w2)
    {
        private readonly double[][] _m1 = w1.Select(r => new double[r.Length]).ToArray();
        private readonly double[][] _v1 = w1.Select(r => new double[r.Length]).ToArray();
        private readonly double[][] _m2 = w2.Select(r => new double[r.Length]).ToArray();
        private readonly double[][] _v2 = w2.Select(r => new double[r.Length]).ToArray();
        private int _t;

        public void Step(double[][] g1, double[][] g2, double rate, double gradientScale, double weightDecay)
        {
            _t++;
            Update(w1, g1, _m1, _v1, rate, gradientScale, weightDecay);
            Update(w2, g2, _m2, _v2, rate, gradientScale, weightDecay);
        }

        private void Update(double[][] w, double[][] g, double[][] m, double[][] v, double rate, double gradientScale, double weightDecay)
        {
            const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
            var c1 = 1 - Math.Pow(beta1, _t);
            var c2 = 1 - Math.Pow(beta2, _t);
            for (var r = 0; r < w.Length; r++)
            {
                for (var i = 0; i < w[r].Length; i++)
                {
                    var grad = (g[r][i] * gradientScale) + (weightDecay * w[r][i]);
                    m[r][i] = (beta1 * m[r][i]) + ((1 - beta1) * grad);
                    v[r][i] = (beta2 * v[r][i]) + ((1 - beta2) * grad * grad);
                    w[r][i] -= rate * (m[r][i] / c1) / (Math.Sqrt(v[r][i] / c2) + epsilon);
                }
            }
        }
    }
}
