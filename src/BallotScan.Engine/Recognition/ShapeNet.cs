using System.Numerics;

namespace BallotScan.Engine.Recognition;

/// <summary>
/// A small convolutional network that looks at a mark's ink itself (not at measures of it) and says how likely a person
/// would call it a ○: three 3 × 3 convolutions with ReLU and 2 × 2 max-pooling over the mark scaled into
/// <see cref="Side"/> pixels square (<see cref="Normalise"/>), a hidden layer and a sigmoid. Fitted by
/// ShapeNetFit (BallotScan.Lab) on the marks of calibration sheets as the reader sees them, real drawings of the fit's writers
/// among them; used by the <see cref="SymbolGuard.CircleShape"/> guard. Weights are row-major:
/// convolution k's as [out][in][3][3], the hidden layer's as [unit][input], the output's as [unit].
/// </summary>
public sealed record ShapeNet
{
    /// <summary>The side of the square the mark is scaled into, in pixels.</summary>
    public const int Side = 32;

    /// <summary>The side, in pixels, the longer side of the mark's ink is scaled to (the rest is margin).</summary>
    public const double MarkSide = 26;

    /// <summary>The convolution kernels' side.</summary>
    public const int Kernel = 3;

    /// <summary>Channels after each convolution.</summary>
    public required int[] Channels { get; init; }

    public required float[][] ConvWeights { get; init; }

    public required float[][] ConvBiases { get; init; }

    public required float[] HiddenWeights { get; init; }

    public required float[] HiddenBiases { get; init; }

    public required float[] OutputWeights { get; init; }

    public required float OutputBias { get; init; }

    /// <summary>The writers whose real drawings the network was fitted on (never those it is checked on).</summary>
    public IReadOnlyList<string> Writers { get; init; } = [];

    /// <summary>How the network was fitted: the command, the seeds, the writers whose drawings it saw, the samples.</summary>
    public string? Provenance { get; init; }

    /// <summary>The hidden layer's width.</summary>
    public int Hidden => HiddenBiases.Length;

    /// <summary>The length of the flattened last pooled layer.</summary>
    public int Flat => Channels[^1] * (Side >> Channels.Length) * (Side >> Channels.Length);

    private (float[][] Turned, float[] Hidden)? _inference;

    /// <summary>
    /// The weights as the reader runs them, made on first use and kept (they never change once the fit has returned; the fit
    /// changes them in place only before, and never reads through this): the convolutions' turned to
    /// [in][3][3][out], the hidden layer's reordered from channel-major to pixel-major inputs.
    /// </summary>
    private (float[][] Turned, float[] Hidden) Inference => _inference ??= (
        [.. ConvWeights.Select((w, l) => Turn(w, l == 0 ? 1 : Channels[l - 1], Channels[l]))],
        PixelMajor(HiddenWeights, Hidden, Channels[^1], Side >> Channels.Length));

    /// <summary>The probability that a person calls the mark a ○, from its <see cref="Normalise"/>d image.</summary>
    public double CircleProbability(float[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var (turned, hidden) = Inference;
        var x = image;
        var size = Side;
        var inputs = 1;
        for (var layer = 0; layer < Channels.Length; layer++)
        {
            x = PoolHwc(ConvolveHwc(x, inputs, Channels[layer], size, turned[layer], ConvBiases[layer]), Channels[layer], size);
            inputs = Channels[layer];
            size /= 2;
        }

        var output = (double)OutputBias;
        var flat = Flat;
        for (var j = 0; j < Hidden; j++)
        {
            var h = Dot(hidden.AsSpan(j * flat, flat), x) + HiddenBiases[j];
            if (h > 0)
            {
                output += OutputWeights[j] * h;
            }
        }

        return 1 / (1 + Math.Exp(-output));
    }

    /// <summary>Each hidden unit's weights over a [channel][y][x] input reordered for a [y][x][channel] one.</summary>
    private static float[] PixelMajor(float[] weights, int units, int channels, int side)
    {
        var flat = channels * side * side;
        return [.. Enumerable.Range(0, units).SelectMany(j => Transpose(weights.AsSpan(j * flat, flat), channels, side * side))];
    }

    /// <summary>
    /// The mark of an n × n ink mask (1 = ink) scaled so that the longer side of its ink spans <see cref="MarkSide"/> pixels,
    /// centred in a <see cref="Side"/>-pixel square, each pixel the share of ink it covers (0 to 1). Null: no ink.
    /// </summary>
    public static float[]? Normalise(byte[] ink, int n)
    {
        ArgumentNullException.ThrowIfNull(ink);
        int left = n, top = n, right = -1, bottom = -1;
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                if (ink[(y * n) + x] != 0)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        if (right < 0)
        {
            return null;
        }

        var extent = Math.Max(right - left, bottom - top) + 1;
        var scale = MarkSide / extent; // image pixels per mask pixel
        var originX = ((left + right + 1) / 2.0) - (Side / 2.0 / scale);
        var originY = ((top + bottom + 1) / 2.0) - (Side / 2.0 / scale);
        var step = 1 / scale;

        // The ink above and left of each mask corner (a summed-area table, (n + 1)²): bilinear between corners it gives the
        // ink of any rectangle exactly, the mask being constant over each of its pixels.
        // Only over the ink's box (the rest of the mask has none): w × h from (left, top).
        var w = right - left + 1;
        var h = bottom - top + 1;
        var corners = new int[(w + 1) * (h + 1)];
        for (var y = 0; y < h; y++)
        {
            var run = 0;
            var row = ((y + top) * n) + left;
            for (var x = 0; x < w; x++)
            {
                run += ink[row + x] != 0 ? 1 : 0;
                corners[((y + 1) * (w + 1)) + x + 1] = corners[(y * (w + 1)) + x + 1] + run;
            }
        }

        var xs = new double[Side + 1];
        var ys = new double[Side + 1];
        for (var i = 0; i <= Side; i++)
        {
            xs[i] = Math.Clamp(originX + (i * step) - left, 0, w);
            ys[i] = Math.Clamp(originY + (i * step) - top, 0, h);
        }

        // The ink above and left of each corner of the image's pixels, then each pixel's share from its four corners.
        var grid = new double[(Side + 1) * (Side + 1)];
        for (var y = 0; y <= Side; y++)
        {
            for (var x = 0; x <= Side; x++)
            {
                grid[(y * (Side + 1)) + x] = InkAbove(corners, w, h, xs[x], ys[y]);
            }
        }

        var image = new float[Side * Side];
        var area = step * step;
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                var at = (y * (Side + 1)) + x;
                var inked = grid[at + Side + 2] - grid[at + Side + 1] - grid[at + 1] + grid[at];
                image[(y * Side) + x] = (float)Math.Clamp(inked / area, 0, 1);
            }
        }

        return image;
    }

    /// <summary>The ink above and left of the point (<paramref name="x"/>, <paramref name="y"/>) of a w × h table's area, 0 ≤ x ≤ w, 0 ≤ y ≤ h.</summary>
    private static double InkAbove(int[] corners, int w, int h, double x, double y)
    {
        var x0 = Math.Min((int)x, w - 1);
        var y0 = Math.Min((int)y, h - 1);
        var fx = x - x0;
        var fy = y - y0;
        var stride = w + 1;
        var top = corners[(y0 * stride) + x0] + (fx * (corners[(y0 * stride) + x0 + 1] - corners[(y0 * stride) + x0]));
        var bottom = corners[((y0 + 1) * stride) + x0] + (fx * (corners[((y0 + 1) * stride) + x0 + 1] - corners[((y0 + 1) * stride) + x0]));
        return top + (fy * (bottom - top));
    }

    /// <summary>
    /// A same-padded 3 × 3 convolution of <paramref name="inputs"/> channels, then ReLU, channel-major as the fit keeps its
    /// layers (the weights turned to [in][3][3][out]); the reader runs <see cref="ConvolveHwc"/>, which gives the same.
    /// </summary>
    internal static float[] Convolve(float[] x, int inputs, int outputs, int size, float[] turned, float[] biases)
    {
        // Summed channel by channel, then row and column of the kernel, as when the shipped network was fitted (see
        // calibration/README.md, "The shape network", on fitting it again).
        var a = new float[outputs * size * size];
        Span<float> sum = stackalloc float[outputs];
        var planeSize = size * size;
        for (var y = 0; y < size; y++)
        {
            for (var xx = 0; xx < size; xx++)
            {
                biases.CopyTo(sum);
                for (var c = 0; c < inputs; c++)
                {
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = y + ky - 1;
                        if ((uint)iy >= (uint)size)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = xx + kx - 1;
                            if ((uint)ix >= (uint)size)
                            {
                                continue;
                            }

                            var v = x[(c * planeSize) + (iy * size) + ix];
                            if (v != 0)
                            {
                                AddScaled(sum, turned.AsSpan(((((c * Kernel) + ky) * Kernel) + kx) * outputs, outputs), v);
                            }
                        }
                    }
                }

                for (var o = 0; o < outputs; o++)
                {
                    a[(o * planeSize) + (y * size) + xx] = Math.Max(0, sum[o]);
                }
            }
        }

        return a;
    }

    /// <summary>
    /// A same-padded 3 × 3 convolution as the reader runs it: input and output pixel-major (each pixel's channels side by
    /// side), every output channel of a pixel summed at once in one or two vectors; the ReLU is left to
    /// <see cref="PoolHwc"/>. Channel counts that do not fill whole vectors take the fit's <see cref="Convolve"/>, reordered.
    /// </summary>
    internal static unsafe float[] ConvolveHwc(float[] x, int inputs, int outputs, int size, float[] turned, float[] biases)
    {
        var lanes = Vector<float>.Count;
        if (!Vector.IsHardwareAccelerated || (outputs != lanes && outputs != 2 * lanes))
        {
            var channelMajor = Convolve(Transpose(x, size * size, inputs), inputs, outputs, size, turned, biases);
            return Transpose(channelMajor, outputs, size * size);
        }

        var sums = new float[size * size * outputs];
        var wStep = Kernel * Kernel * outputs;
        fixed (float* input = x, weights = turned, bias = biases, sum = sums)
        {
            if (inputs == 1)
            {
                Spread(input, size, outputs, weights, bias, sum);
                return sums;
            }

            var two = outputs > lanes;
            for (var y = 0; y < size; y++)
            {
                for (var xx = 0; xx < size; xx++)
                {
                    var s0 = *(Vector<float>*)bias;
                    var s1 = two ? *(Vector<float>*)(bias + lanes) : default;
                    for (var ky = 0; ky < Kernel; ky++)
                    {
                        var iy = y + ky - 1;
                        if ((uint)iy >= (uint)size)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < Kernel; kx++)
                        {
                            var ix = xx + kx - 1;
                            if ((uint)ix >= (uint)size)
                            {
                                continue;
                            }

                            // The later layers are dense (about half their values are zero, in no order): no test for zero.
                            var pixel = input + (((iy * size) + ix) * inputs);
                            var w = weights + (((ky * Kernel) + kx) * outputs);
                            for (var c = 0; c < inputs; c++, w += wStep)
                            {
                                var scale = new Vector<float>(pixel[c]);
                                s0 = Vector.FusedMultiplyAdd(scale, *(Vector<float>*)w, s0);
                                if (two)
                                {
                                    s1 = Vector.FusedMultiplyAdd(scale, *(Vector<float>*)(w + lanes), s1);
                                }
                            }
                        }
                    }

                    var target = sum + (((y * size) + xx) * outputs);
                    *(Vector<float>*)target = s0;
                    if (two)
                    {
                        *(Vector<float>*)(target + lanes) = s1;
                    }
                }
            }
        }

        return sums;
    }

    /// <summary>A rows × columns matrix, row by row, as columns × rows: a layer's [channel][pixel] as [pixel][channel], and back.</summary>
    private static float[] Transpose(ReadOnlySpan<float> a, int rows, int columns)
    {
        var turned = new float[a.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                turned[(c * rows) + r] = a[(r * columns) + c];
            }
        }

        return turned;
    }

    /// <summary>
    /// The first layer's convolution of a one-channel image, pixel by pixel of ink: the image is mostly paper, so each inked
    /// pixel adds its value times the kernel to the nine outputs it reaches, and the rest keep the bias.
    /// </summary>
    private static unsafe void Spread(float* input, int size, int outputs, float* weights, float* bias, float* sum)
    {
        var lanes = Vector<float>.Count;
        for (var p = 0; p < size * size; p++)
        {
            for (var o = 0; o < outputs; o += lanes)
            {
                *(Vector<float>*)(sum + (p * outputs) + o) = *(Vector<float>*)(bias + o);
            }
        }

        for (var iy = 0; iy < size; iy++)
        {
            for (var ix = 0; ix < size; ix++)
            {
                var v = input[(iy * size) + ix];
                if (v == 0)
                {
                    continue;
                }

                var scale = new Vector<float>(v);
                for (var ky = 0; ky < Kernel; ky++)
                {
                    var y = iy - ky + 1;
                    if ((uint)y >= (uint)size)
                    {
                        continue;
                    }

                    for (var kx = 0; kx < Kernel; kx++)
                    {
                        var xx = ix - kx + 1;
                        if ((uint)xx >= (uint)size)
                        {
                            continue;
                        }

                        var w = weights + (((ky * Kernel) + kx) * outputs);
                        var target = sum + (((y * size) + xx) * outputs);
                        for (var o = 0; o < outputs; o += lanes)
                        {
                            *(Vector<float>*)(target + o) = Vector.FusedMultiplyAdd(scale, *(Vector<float>*)(w + o), *(Vector<float>*)(target + o));
                        }
                    }
                }
            }
        }
    }

    /// <summary>The ReLU and 2 × 2 max-pooling of a pixel-major layer, pixel-major: max(0, the four) for each channel.</summary>
    internal static float[] PoolHwc(float[] a, int channels, int size)
    {
        var half = size / 2;
        var p = new float[half * half * channels];
        for (var y = 0; y < half; y++)
        {
            for (var x = 0; x < half; x++)
            {
                var top = ((2 * y * size) + (2 * x)) * channels;
                var bottom = top + (size * channels);
                var o = ((y * half) + x) * channels;
                for (var c = 0; c < channels; c++)
                {
                    p[o + c] = Math.Max(Math.Max(Math.Max(a[top + c], a[top + channels + c]), Math.Max(a[bottom + c], a[bottom + channels + c])), 0);
                }
            }
        }

        return p;
    }

    /// <summary>Weights [out][in][3][3] as [in][3][3][out].</summary>
    internal static float[] Turn(float[] weights, int inputs, int outputs)
    {
        var turned = new float[weights.Length];
        for (var o = 0; o < outputs; o++)
        {
            for (var c = 0; c < inputs; c++)
            {
                for (var k = 0; k < Kernel * Kernel; k++)
                {
                    turned[(((c * Kernel * Kernel) + k) * outputs) + o] = weights[(((o * inputs) + c) * Kernel * Kernel) + k];
                }
            }
        }

        return turned;
    }

    /// <summary>2 × 2 max-pooling; <paramref name="argMax"/> gives where each maximum came from.</summary>
    internal static float[] Pool(float[] a, int channels, int size, out int[] argMax)
    {
        var half = size / 2;
        var p = new float[channels * half * half];
        argMax = new int[p.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var y = 0; y < half; y++)
            {
                for (var x = 0; x < half; x++)
                {
                    var best = float.MinValue;
                    var at = 0;
                    for (var d = 0; d < 4; d++)
                    {
                        var i = (c * size * size) + (((2 * y) + (d >> 1)) * size) + (2 * x) + (d & 1);
                        if (a[i] > best)
                        {
                            best = a[i];
                            at = i;
                        }
                    }

                    var o = (c * half * half) + (y * half) + x;
                    p[o] = best;
                    argMax[o] = at;
                }
            }
        }

        return p;
    }

    /// <summary>target += weight × from, element by element.</summary>
    internal static void AddScaled(Span<float> target, ReadOnlySpan<float> from, float weight)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = new Vector<float>(weight);
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) + (w * new Vector<float>(from[i..]))).CopyTo(target[i..]);
            }
        }

        for (; i < target.Length; i++)
        {
            target[i] += weight * from[i];
        }
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
