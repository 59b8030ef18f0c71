namespace BallotScan.Lab.Synthesis;

/// <summary>The kind of pen a voter used.</summary>
public enum PenKind
{
    Ballpoint,
    Gel,
    Pencil,

    /// <summary>A pale or failing pen: the hardest case for a reader.</summary>
    LightPen,
}

/// <summary>A pen: its stroke width and how dark its ink is on paper (0 black, 255 paper).</summary>
public sealed record Pen(PenKind Kind, double WidthMm, byte Ink, double Grain)
{
    /// <summary>A random pen of each kind in the proportions <paramref name="options"/> give.</summary>
    public static Pen Draw(Random random, SynthesisOptions options)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(options);
        var u = random.NextDouble();
        var kind = u < options.PencilShare ? PenKind.Pencil
            : u < options.PencilShare + options.LightPenShare ? PenKind.LightPen
            : u < options.PencilShare + options.LightPenShare + options.GelShare ? PenKind.Gel
            : PenKind.Ballpoint;
        return kind switch
        {
            PenKind.Gel => new Pen(kind, Between(random, 0.5, 0.8), (byte)random.Next(10, 45), 0),
            PenKind.Pencil => new Pen(kind, Between(random, 0.4, 0.7), (byte)random.Next(90, 150), 0.35),
            PenKind.LightPen => new Pen(kind, Between(random, 0.3, 0.5), (byte)random.Next(140, 176), 0.15),
            _ => new Pen(kind, Between(random, 0.35, 0.6), (byte)random.Next(35, 95), 0.08),
        };
    }

    internal static double Between(Random random, double low, double high) => low + (random.NextDouble() * (high - low));
}
