namespace BallotScan.Engine.Geometry;

/// <summary>A point in pixels (image space) or millimetres (layout space); which one is said by whoever holds it.</summary>
public readonly record struct PointD(double X, double Y)
{
    public static PointD operator +(PointD a, PointD b) => new(a.X + b.X, a.Y + b.Y);

    public static PointD operator -(PointD a, PointD b) => new(a.X - b.X, a.Y - b.Y);

    public static PointD operator *(PointD a, double k) => new(a.X * k, a.Y * k);

    /// <summary>Euclidean distance to another point.</summary>
    public double DistanceTo(PointD other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));

    public override string ToString() => FormattableString.Invariant($"({X:0.##}, {Y:0.##})");
}
