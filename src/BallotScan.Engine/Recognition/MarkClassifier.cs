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
}
