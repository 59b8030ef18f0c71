using BallotScan.Engine.Recognition;
using BallotScan.Lab.Fitting;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>The shape network that looks at a mark's ink itself: its input, its fit, and the guard it stands behind.</summary>
public sealed class ShapeNetTests
{
    /// <summary>An n × n mask with the given ink rectangles (left, top, right, bottom, inclusive) set.</summary>
    private static byte[] Mask(int n, params (int L, int T, int R, int B)[] rectangles)
    {
        var ink = new byte[n * n];
        foreach (var (l, t, r, b) in rectangles)
        {
            for (var y = t; y <= b; y++)
            {
                for (var x = l; x <= r; x++)
                {
                    ink[(y * n) + x] = 1;
                }
            }
        }

        return ink;
    }

    [Fact]
    public void A_mark_is_scaled_to_the_same_size_and_centred_wherever_it_lies_in_its_box()
    {
        // The same bar, small in one corner of a large box and large in the middle of a small one.
        var small = ShapeNet.Normalise(Mask(120, (5, 5, 24, 9)), 120)!;
        var large = ShapeNet.Normalise(Mask(60, (10, 25, 49, 34)), 60)!;

        Assert.Equal(ShapeNet.Side * ShapeNet.Side, small.Length);
        Assert.Equal(small.Sum(), large.Sum(), 1.0);
        Assert.Equal(ShapeNet.MarkSide * ShapeNet.MarkSide / 4, small.Sum(), 2.0); // a 4:1 bar whose long side spans MarkSide
        foreach (var image in new[] { small, large })
        {
            var columns = Enumerable.Range(0, ShapeNet.Side).Select(x => Enumerable.Range(0, ShapeNet.Side).Sum(y => image[(y * ShapeNet.Side) + x])).ToArray();
            var centre = columns.Select((c, x) => c * (x + 0.5)).Sum() / columns.Sum();
            Assert.Equal(ShapeNet.Side / 2.0, centre, 0.6);
        }
    }

    /// <summary>The reader's pixel-major forward pass gives what the fit's channel-major one does, on the shipped network.</summary>
    [Fact]
    public void The_reader_s_forward_pass_gives_what_the_fit_s_does()
    {
        var net = MarkClassifier.Shipped.Shape!;
        var random = new Random(5);
        for (var k = 0; k < 20; k++)
        {
            // Rings, bars and noise of every kind.
            var image = Enumerable.Range(0, ShapeNet.Side * ShapeNet.Side).Select(_ => random.NextDouble() < 0.75 ? 0f : (float)random.NextDouble()).ToArray();
            Assert.Equal(ChannelMajor(net, image), net.CircleProbability(image), 1e-5);
        }
    }

    /// <summary>
    /// The reader's pixel-major convolution gives the fit's channel-major one, on the first layer (spread from inked pixels),
    /// the later ones (gathered in vectors) and a channel count that fills no vector (the fit's, reordered).
    /// </summary>
    [Theory]
    [InlineData(1, 8, 32)]
    [InlineData(8, 16, 16)]
    [InlineData(16, 16, 8)]
    [InlineData(3, 5, 6)]
    public void The_reader_s_convolution_gives_the_fit_s(int inputs, int outputs, int size)
    {
        var random = new Random((inputs * 100) + outputs);
        var channelMajor = Enumerable.Range(0, inputs * size * size).Select(_ => random.NextDouble() < 0.6 ? 0f : (float)random.NextDouble()).ToArray();
        var turned = ShapeNet.Turn([.. Enumerable.Range(0, outputs * inputs * 9).Select(_ => (float)(random.NextDouble() - 0.5))], inputs, outputs);
        var biases = Enumerable.Range(0, outputs).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var pixels = size * size;
        var pixelMajor = new float[channelMajor.Length];
        for (var i = 0; i < channelMajor.Length; i++)
        {
            pixelMajor[((i % pixels) * inputs) + (i / pixels)] = channelMajor[i];
        }

        var fit = ShapeNet.Convolve(channelMajor, inputs, outputs, size, turned, biases);
        var reader = ShapeNet.ConvolveHwc(pixelMajor, inputs, outputs, size, turned, biases);

        Assert.Contains(fit, v => v > 0);
        for (var o = 0; o < outputs; o++)
        {
            for (var p = 0; p < pixels; p++)
            {
                Assert.Equal(fit[(o * pixels) + p], Math.Max(0, reader[(p * outputs) + o]), 1e-4f);
            }
        }
    }

    /// <summary>The forward pass as the fit runs it: channel-major layers, <see cref="ShapeNet.Convolve"/> and <see cref="ShapeNet.Pool"/>.</summary>
    private static double ChannelMajor(ShapeNet net, float[] image)
    {
        var x = image;
        var size = ShapeNet.Side;
        var inputs = 1;
        for (var l = 0; l < net.Channels.Length; l++)
        {
            x = ShapeNet.Pool(ShapeNet.Convolve(x, inputs, net.Channels[l], size, ShapeNet.Turn(net.ConvWeights[l], inputs, net.Channels[l]), net.ConvBiases[l]), net.Channels[l], size, out _);
            inputs = net.Channels[l];
            size /= 2;
        }

        double output = net.OutputBias;
        for (var j = 0; j < net.Hidden; j++)
        {
            var h = net.HiddenBiases[j] + Enumerable.Range(0, net.Flat).Sum(i => (double)net.HiddenWeights[(j * net.Flat) + i] * x[i]);
            output += h > 0 ? net.OutputWeights[j] * h : 0;
        }

        return 1 / (1 + Math.Exp(-output));
    }

    [Fact]
    public void An_empty_box_has_no_shape() => Assert.Null(ShapeNet.Normalise(new byte[64 * 64], 64));

    [Fact]
    public void The_fit_is_deterministic_and_learns_what_it_is_shown()
    {
        // Rings against bars, a handful of each, a few epochs: the same samples and seed give the same weights.
        var samples = new List<ShapeNetFit.Sample>();
        for (var i = 0; i < 24; i++)
        {
            var n = 60 + (i % 5);
            var ink = new byte[n * n];
            for (var y = 0; y < n; y++)
            {
                for (var x = 0; x < n; x++)
                {
                    var r = Math.Sqrt(Math.Pow(x - (n / 2.0), 2) + Math.Pow(y - (n / 2.0), 2));
                    ink[(y * n) + x] = (byte)(Math.Abs(r - (18 + (i % 4))) < 2 ? 1 : 0);
                }
            }

            samples.Add(new ShapeNetFit.Sample(ShapeNet.Normalise(ink, n)!, true));
            samples.Add(new ShapeNetFit.Sample(ShapeNet.Normalise(Mask(n, (10, 20 + (i % 7), 40 + (i % 9), 24 + (i % 7))), n)!, false));
        }

        var options = new ShapeNetFit.Options { Epochs = 6, Batch = 8, Seed = 3 };
        var first = ShapeNetFit.Fit(samples, options);
        var second = ShapeNetFit.Fit(samples, options);

        Assert.Equal(first.HiddenWeights, second.HiddenWeights);
        Assert.Equal(first.ConvWeights[0], second.ConvWeights[0]);
        Assert.All(samples, s => Assert.Equal(s.Circle, first.CircleProbability(s.Image) > 0.5));
    }

    [Theory]
    [InlineData(0.2, true)]
    [InlineData(0.99, false)]
    [InlineData(null, false)] // no network's word: the other guards decide
    public void A_mark_read_as_a_circle_that_the_network_doubts_goes_to_a_person(double? shapeCircle, bool fires)
    {
        var features = Enumerable.Repeat(0.3, MarkFeatures.Count).ToArray();
        features.At(MarkFeature.AngularCoverage) = 1;
        var geometry = new MarkGeometry(0.01, 40, [0.01, 0.01, 0.01, 0.01, 0.01, 0.01], [0, 90], null, null) { ShapeCircle = shapeCircle, TurnConcentration = 0.3, InnerInk = 0 };

        var guards = SymbolGuards.Check(new SymbolGuards.Evidence(MarkSymbol.Circle, features, geometry, 0, 0, 0), MarkClassifier.Shipped);

        Assert.Equal(fires, guards.Contains(SymbolGuard.CircleShape));
    }

    /// <summary>
    /// Two keys: a ○ the network has looked at may be counted at the classifier's 0.97 (the fitted threshold is higher); one it
    /// has not (no network, or another symbol) needs the fitted threshold as before.
    /// </summary>
    [Fact]
    public void A_circle_seen_by_both_keys_needs_less_of_the_classifier_alone()
    {
        var classifier = MarkClassifier.Shipped;
        var fitted = classifier.ThresholdFor(MarkSymbol.Circle);
        var seen = MarkGeometry.None with { ShapeCircle = 0.95 };

        Assert.True(fitted > SymbolGuards.CircleAgreedThreshold);
        Assert.Equal(SymbolGuards.CircleAgreedThreshold, SymbolGuards.CountingThreshold(classifier, MarkSymbol.Circle, seen));
        Assert.Equal(fitted, SymbolGuards.CountingThreshold(classifier, MarkSymbol.Circle, MarkGeometry.None));
        Assert.Equal(classifier.ThresholdFor(MarkSymbol.Cross), SymbolGuards.CountingThreshold(classifier, MarkSymbol.Cross, seen));
    }

    /// <summary>
    /// The surer the network, the less of the classifier: their odds for ○ multiplied must reach e⁹ (about 8,100 to 1), the
    /// classifier giving at least 0.5 and never more than 0.97 needed.
    /// </summary>
    [Theory]
    [InlineData(0.9, 0.97)]
    [InlineData(0.996, 0.97)]
    [InlineData(0.999, 0.8902)]
    [InlineData(0.9999, 0.5)]
    [InlineData(1.0, 0.5)]
    public void A_circle_the_network_is_surer_of_needs_less_of_the_classifier(double network, double needed)
    {
        var threshold = SymbolGuards.CountingThreshold(MarkClassifier.Shipped, MarkSymbol.Circle, MarkGeometry.None with { ShapeCircle = network });

        Assert.Equal(needed, threshold, 4);
        // Just below the threshold a ○ goes to a person, at it it is counted: the odds multiplied are e⁹ there.
        if (needed is > SymbolGuards.CircleLeastShare and < SymbolGuards.CircleAgreedThreshold)
        {
            Assert.Equal(SymbolGuards.CircleAgreedLogOdds, Math.Log(threshold / (1 - threshold)) + Math.Log(network / (1 - network)), 6);
        }
    }
}
