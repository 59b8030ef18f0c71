using BallotScan.Engine.Imaging;
using BallotScan.Engine.Recognition;

namespace BallotScan.Lab.Fitting;

/// <summary>
/// Fits a <see cref="ShapeNet"/>: ○ against every other inked mark (×, √, other marks), by stochastic gradient descent with
/// momentum on the cross-entropy, each mark seen turned and mirrored (the eight ways a square can lie) and shifted by a
/// pixel, so that no hand's slant or size is learnt as what makes a ○. Deterministic: the same samples and seed give the
/// same weights (the gradients of a batch are summed in sample order).
/// </summary>
public static class ShapeNetFit
{
    /// <summary>One mark: its <see cref="ShapeNet.Normalise"/>d image and whether a person calls it a ○.</summary>
    public readonly record struct Sample(float[] Image, bool Circle);

    /// <summary>How the network is fitted.</summary>
    public sealed record Options
    {
        public int[] Channels { get; init; } = [8, 16, 16];

        public int Hidden { get; init; } = 32;

        public int Epochs { get; init; } = 12;

        public int Batch { get; init; } = 32;

        public double LearningRate { get; init; } = 0.01;

        public double Momentum { get; init; } = 0.9;

        public double WeightDecay { get; init; } = 1e-4;

        public int Seed { get; init; } = 1;
    }

    /// <summary>Fits a network on <paramref name="samples"/>; the rarer class is repeated until the two weigh about alike.</summary>
    public static ShapeNet Fit(IReadOnlyList<Sample> samples, Options options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var net = Initial(options, random);
        var momentum = Zero(net);
        var biasMomentum = new float[1];
        var circles = samples.Count(s => s.Circle);
        var others = samples.Count - circles;
        var repeat = Math.Max(1, (int)Math.Round(Math.Max(circles, others) / (double)Math.Max(1, Math.Min(circles, others))));
        var rarer = circles < others;
        var pool = samples.SelectMany(s => Enumerable.Repeat(s, s.Circle == rarer ? repeat : 1)).ToArray();
        var rate = options.LearningRate;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            if (epoch == options.Epochs * 2 / 3)
            {
                rate *= 0.3;
            }

            var order = Enumerable.Range(0, pool.Length).Select(i => (i, random.Next())).OrderBy(x => x.Item2).Select(x => x.i).ToArray();
            double loss = 0;
            var batches = 0;
            for (var b = 0; b + options.Batch <= order.Length; b += options.Batch)
            {
                var batch = new (float[] Image, bool Circle)[options.Batch];
                for (var k = 0; k < options.Batch; k++)
                {
                    var s = pool[order[b + k]];
                    batch[k] = (Augment(s.Image, random.Next(8), random.Next(3) - 1, random.Next(3) - 1), s.Circle);
                }

                var grads = new ShapeNet[batch.Length];
                var losses = new double[batch.Length];
                Parallel.For(0, batch.Length, k => (grads[k], losses[k]) = Gradient(net, batch[k].Image, batch[k].Circle));
                net = Step(net, momentum, biasMomentum, grads, (float)(rate / batch.Length), (float)options.Momentum, (float)options.WeightDecay);
                loss += losses.Sum() / batch.Length;
                batches++;
            }

            progress?.Report($"epoch {epoch + 1}/{options.Epochs}: loss {loss / Math.Max(1, batches):0.0000}");
        }

        return net;
    }

    /// <summary>
    /// The real drawings as the network's samples, beside the calibration sheets' marks: each drawing that has a truth on a
    /// ballot, its strokes thickened by one and by two pixels of its 70 (about the reader's range of pen widths relative to
    /// the mark), so that the network sees every drawing of the fit's writers and not only those the sheets happened to draw.
    /// </summary>
    public static IEnumerable<Sample> FromDrawings(IEnumerable<Synthesis.RealDrawing> drawings)
    {
        ArgumentNullException.ThrowIfNull(drawings);
        const int n = Synthesis.RealMarkSet.Side;
        foreach (var d in drawings.Where(d => d.Truth is not null))
        {
            using var drawn = GrayImage.FromPixels(d.Ink.Select(v => (byte)(v * 255)).ToArray(), n, n, n);
            for (var width = 1; width <= 2; width++)
            {
                // Grown by `width` pixels in each of the eight directions.
                using var thickened = ImageOps.Morphology(drawn, MorphologyOperation.Dilate, KernelShape.Rectangle, (2 * width) + 1, (2 * width) + 1);
                if (ShapeNet.Normalise(thickened.ToPackedArray(), n) is { } image)
                {
                    yield return new Sample(image, d.Truth == MarkSymbol.Circle);
                }
            }
        }
    }

    /// <summary>The image turned and mirrored (<paramref name="way"/>: one of the square's eight symmetries) and shifted.</summary>
    internal static float[] Augment(float[] image, int way, int shiftX, int shiftY)
    {
        const int n = ShapeNet.Side;
        var result = new float[n * n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var (u, v) = way switch
                {
                    0 => (x, y),
                    1 => (n - 1 - x, y),
                    2 => (x, n - 1 - y),
                    3 => (n - 1 - x, n - 1 - y),
                    4 => (y, x),
                    5 => (n - 1 - y, x),
                    6 => (y, n - 1 - x),
                    _ => (n - 1 - y, n - 1 - x),
                };
                u -= shiftX;
                v -= shiftY;
                if (u >= 0 && v >= 0 && u < n && v < n)
                {
                    result[(y * n) + x] = image[(v * n) + u];
                }
            }
        }

        return result;
    }

    private static ShapeNet Initial(Options options, Random random)
    {
        var inputs = 1;
        var weights = new float[options.Channels.Length][];
        var biases = new float[options.Channels.Length][];
        for (var l = 0; l < options.Channels.Length; l++)
        {
            weights[l] = He(options.Channels[l] * inputs * ShapeNet.Kernel * ShapeNet.Kernel, inputs * ShapeNet.Kernel * ShapeNet.Kernel, random);
            biases[l] = new float[options.Channels[l]];
            inputs = options.Channels[l];
        }

        var side = ShapeNet.Side >> options.Channels.Length;
        var flat = options.Channels[^1] * side * side;
        return new ShapeNet
        {
            Channels = options.Channels,
            ConvWeights = weights,
            ConvBiases = biases,
            HiddenWeights = He(options.Hidden * flat, flat, random),
            HiddenBiases = new float[options.Hidden],
            OutputWeights = He(options.Hidden, options.Hidden, random),
            OutputBias = 0,
        };
    }

    private static float[] He(int count, int fanIn, Random random)
    {
        var w = new float[count];
        var scale = Math.Sqrt(2.0 / fanIn);
        for (var i = 0; i < count; i++)
        {
            w[i] = (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()) * scale);
        }

        return w;
    }

    private static ShapeNet Zero(ShapeNet net) => net with
    {
        ConvWeights = [.. net.ConvWeights.Select(w => new float[w.Length])],
        ConvBiases = [.. net.ConvBiases.Select(b => new float[b.Length])],
        HiddenWeights = new float[net.HiddenWeights.Length],
        HiddenBiases = new float[net.HiddenBiases.Length],
        OutputWeights = new float[net.OutputWeights.Length],
        OutputBias = 0,
    };

    /// <summary>The gradient of the cross-entropy of one sample (as a network of the same shape) and the loss.</summary>
    private static (ShapeNet Gradient, double Loss) Gradient(ShapeNet net, float[] image, bool circle)
    {
        // Forward, keeping every layer.
        var layers = net.Channels.Length;
        var inputs = new float[layers + 1][];
        var activations = new float[layers][];
        var argMax = new int[layers][];
        inputs[0] = image;
        var size = ShapeNet.Side;
        var channelsIn = 1;
        for (var l = 0; l < layers; l++)
        {
            activations[l] = ShapeNet.Convolve(inputs[l], channelsIn, net.Channels[l], size, ShapeNet.Turn(net.ConvWeights[l], channelsIn, net.Channels[l]), net.ConvBiases[l]);
            inputs[l + 1] = ShapeNet.Pool(activations[l], net.Channels[l], size, out argMax[l]);
            channelsIn = net.Channels[l];
            size /= 2;
        }

        var flat = net.Flat;
        var top = inputs[layers];
        var hidden = new float[net.Hidden];
        double output = net.OutputBias;
        for (var j = 0; j < net.Hidden; j++)
        {
            hidden[j] = Math.Max(0, ShapeNet.Dot(net.HiddenWeights.AsSpan(j * flat, flat), top) + net.HiddenBiases[j]);
            output += net.OutputWeights[j] * hidden[j];
        }

        var p = 1 / (1 + Math.Exp(-output));
        var loss = -Math.Log(Math.Max(1e-9, circle ? p : 1 - p));
        var dOut = (float)(p - (circle ? 1 : 0));

        // Backward.
        var gOutput = new float[net.Hidden];
        var gHiddenWeights = new float[net.HiddenWeights.Length];
        var gHiddenBiases = new float[net.Hidden];
        var dTop = new float[flat];
        for (var j = 0; j < net.Hidden; j++)
        {
            gOutput[j] = dOut * hidden[j];
            if (hidden[j] <= 0)
            {
                continue;
            }

            var dh = dOut * net.OutputWeights[j];
            gHiddenBiases[j] = dh;
            ShapeNet.AddScaled(gHiddenWeights.AsSpan(j * flat, flat), top, dh);
            ShapeNet.AddScaled(dTop, net.HiddenWeights.AsSpan(j * flat, flat), dh);
        }

        var gConvWeights = new float[layers][];
        var gConvBiases = new float[layers][];
        var dPooled = dTop;
        for (var l = layers - 1; l >= 0; l--)
        {
            size = ShapeNet.Side >> l;
            channelsIn = l == 0 ? 1 : net.Channels[l - 1];
            var dA = new float[activations[l].Length];
            for (var i = 0; i < dPooled.Length; i++)
            {
                dA[argMax[l][i]] += dPooled[i];
            }

            (gConvWeights[l], gConvBiases[l], dPooled) = ConvolveBack(inputs[l], activations[l], dA, channelsIn, net.Channels[l], size, net.ConvWeights[l], l > 0);
        }

        return (new ShapeNet
        {
            Channels = net.Channels,
            ConvWeights = gConvWeights,
            ConvBiases = gConvBiases,
            HiddenWeights = gHiddenWeights,
            HiddenBiases = gHiddenBiases,
            OutputWeights = gOutput,
            OutputBias = dOut,
        }, loss);
    }

    private static (float[] Weights, float[] Biases, float[] DInput) ConvolveBack(float[] x, float[] a, float[] dA, int inputs, int outputs, int size, float[] weights, bool wantInput)
    {
        const int k = ShapeNet.Kernel;
        var gw = new float[weights.Length];
        var gb = new float[outputs];
        var dx = new float[x.Length];
        for (var o = 0; o < outputs; o++)
        {
            var plane = o * size * size;
            for (var i = 0; i < size * size; i++)
            {
                // Through the ReLU.
                if (a[plane + i] <= 0)
                {
                    dA[plane + i] = 0;
                }

                gb[o] += dA[plane + i];
            }

            var dPlane = dA.AsSpan(plane, size * size);
            for (var c = 0; c < inputs; c++)
            {
                var source = x.AsSpan(c * size * size, size * size);
                var dSource = dx.AsSpan(c * size * size, size * size);
                var w = ((o * inputs) + c) * k * k;
                for (var ky = 0; ky < k; ky++)
                {
                    for (var kx = 0; kx < k; kx++)
                    {
                        var dy = ky - 1;
                        var dxs = kx - 1;
                        var xFrom = Math.Max(0, -dxs);
                        var xTo = Math.Min(size, size - dxs);
                        var g = 0f;
                        var weight = weights[w + (ky * k) + kx];
                        for (var y = Math.Max(0, -dy); y < Math.Min(size, size - dy); y++)
                        {
                            var d = dPlane.Slice((y * size) + xFrom, xTo - xFrom);
                            var at = ((y + dy) * size) + xFrom + dxs;
                            g += ShapeNet.Dot(d, source.Slice(at, xTo - xFrom));
                            if (wantInput)
                            {
                                ShapeNet.AddScaled(dSource.Slice(at, xTo - xFrom), d, weight);
                            }
                        }

                        gw[w + (ky * k) + kx] = g;
                    }
                }
            }
        }

        return (gw, gb, dx);
    }

    /// <summary>One step of momentum descent with the batch's summed gradients (summed in sample order: deterministic).</summary>
    private static ShapeNet Step(ShapeNet net, ShapeNet momentum, float[] biasMomentum, ShapeNet[] grads, float rate, float mu, float decay)
    {
        for (var l = 0; l < net.Channels.Length; l++)
        {
            Update(net.ConvWeights[l], momentum.ConvWeights[l], grads.Select(g => g.ConvWeights[l]), rate, mu, decay);
            Update(net.ConvBiases[l], momentum.ConvBiases[l], grads.Select(g => g.ConvBiases[l]), rate, mu, 0);
        }

        Update(net.HiddenWeights, momentum.HiddenWeights, grads.Select(g => g.HiddenWeights), rate, mu, decay);
        Update(net.HiddenBiases, momentum.HiddenBiases, grads.Select(g => g.HiddenBiases), rate, mu, 0);
        Update(net.OutputWeights, momentum.OutputWeights, grads.Select(g => g.OutputWeights), rate, mu, decay);
        var bias = new[] { net.OutputBias };
        Update(bias, biasMomentum, grads.Select(g => new[] { g.OutputBias }), rate, mu, 0);
        return net with { OutputBias = bias[0] };
    }

    private static void Update(float[] w, float[] m, IEnumerable<float[]> grads, float rate, float mu, float decay)
    {
        var sum = new float[w.Length];
        foreach (var g in grads)
        {
            ShapeNet.AddScaled(sum, g, 1);
        }

        for (var i = 0; i < w.Length; i++)
        {
            m[i] = (mu * m[i]) + sum[i] + (decay * w[i]);
            w[i] -= rate * m[i];
        }
    }
}
