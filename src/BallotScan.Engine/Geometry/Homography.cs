namespace BallotScan.Engine.Geometry;

/// <summary>
/// A plane projective transform, a 3x3 matrix in row-major order, mapping a source point to a destination point.
/// Used to go from layout millimetres to image pixels and back, and to warp images.
/// </summary>
public readonly struct Homography : IEquatable<Homography>
{
    private readonly double _m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22;

    public Homography(double m00, double m01, double m02, double m10, double m11, double m12, double m20, double m21, double m22)
    {
        (_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22) = (m00, m01, m02, m10, m11, m12, m20, m21, m22);
    }

    public static Homography Identity { get; } = new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    public static Homography Translation(double dx, double dy) => new(1, 0, dx, 0, 1, dy, 0, 0, 1);

    public static Homography Scale(double sx, double sy) => new(sx, 0, 0, 0, sy, 0, 0, 0, 1);

    /// <summary>A rotation by <paramref name="degrees"/> (clockwise on screen, where y points down) about <paramref name="center"/>.</summary>
    public static Homography Rotation(double degrees, PointD center)
    {
        var r = degrees * Math.PI / 180;
        var (c, s) = (Math.Cos(r), Math.Sin(r));
        return Translation(center.X, center.Y) * new Homography(c, -s, 0, s, c, 0, 0, 0, 1) * Translation(-center.X, -center.Y);
    }

    /// <summary>The nine coefficients, row by row.</summary>
    public double[] ToArray() => [_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21, _m22];

    /// <summary>Where <paramref name="p"/> lands.</summary>
    public PointD Map(PointD p)
    {
        var w = (_m20 * p.X) + (_m21 * p.Y) + _m22;
        return new PointD(((_m00 * p.X) + (_m01 * p.Y) + _m02) / w, ((_m10 * p.X) + (_m11 * p.Y) + _m12) / w);
    }

    /// <summary>The transform that undoes this one.</summary>
    public Homography Inverse()
    {
        var a = (_m11 * _m22) - (_m12 * _m21);
        var b = (_m12 * _m20) - (_m10 * _m22);
        var c = (_m10 * _m21) - (_m11 * _m20);
        var det = (_m00 * a) + (_m01 * b) + (_m02 * c);
        if (Math.Abs(det) < 1e-15)
        {
            throw new InvalidOperationException("The transform is singular and has no inverse.");
        }

        var k = 1 / det;
        return new Homography(
            a * k, ((_m02 * _m21) - (_m01 * _m22)) * k, ((_m01 * _m12) - (_m02 * _m11)) * k,
            b * k, ((_m00 * _m22) - (_m02 * _m20)) * k, ((_m02 * _m10) - (_m00 * _m12)) * k,
            c * k, ((_m01 * _m20) - (_m00 * _m21)) * k, ((_m00 * _m11) - (_m01 * _m10)) * k);
    }

    /// <summary>Composition: <c>(a * b).Map(p) == a.Map(b.Map(p))</c>.</summary>
    public static Homography operator *(Homography a, Homography b)
    {
        var x = a.ToArray();
        var y = b.ToArray();
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                r[(i * 3) + j] = (x[i * 3] * y[j]) + (x[(i * 3) + 1] * y[3 + j]) + (x[(i * 3) + 2] * y[6 + j]);
            }
        }

        return new Homography(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8]);
    }

    public bool Equals(Homography other) => ToArray().AsSpan().SequenceEqual(other.ToArray());

    public override bool Equals(object? obj) => obj is Homography h && Equals(h);

    public override int GetHashCode() => HashCode.Combine(_m00, _m01, _m02, _m10, _m11, _m12, _m20, _m21);

    public static bool operator ==(Homography left, Homography right) => left.Equals(right);

    public static bool operator !=(Homography left, Homography right) => !left.Equals(right);
}
