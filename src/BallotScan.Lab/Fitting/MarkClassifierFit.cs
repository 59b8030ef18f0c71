using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Fitting;

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
        var symbol = (MarkSymbol)MarkClassifier.ArgMax(p);
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
            .Where(t => MarkClassifier.ArgMax(t.p) != (int)t.s.Label && CountedAlone(model, t.s, threshold: 0))
            .ToList();
        var thresholds = Enum.GetValues<MarkSymbol>().Select(symbol =>
        {
            var worst = errors.Where(t => MarkClassifier.ArgMax(t.p) == (int)symbol).Select(t => t.p.Max()).DefaultIfEmpty(0).Max();
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
