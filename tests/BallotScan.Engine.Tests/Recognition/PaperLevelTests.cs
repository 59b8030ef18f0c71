using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// The paper level of a box crop (its 80th percentile, from which the ink threshold follows) is found by halving the
/// range of values; it must be the value a plain histogram gives, or every ink mask would move.
/// </summary>
public class PaperLevelTests
{
    /// <summary>The highest value with more than (1 − q) of the pixels (rounded down) at or above it, from a histogram.</summary>
    private static byte ByHistogram(byte[] pixels, double q)
    {
        var histogram = new int[256];
        foreach (var p in pixels)
        {
            histogram[p]++;
        }

        var target = (int)(pixels.Length * (1 - q));
        var seen = 0;
        for (var v = 255; v >= 0; v--)
        {
            seen += histogram[v];
            if (seen > target)
            {
                return (byte)v;
            }
        }

        return 0;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(165 * 165)]
    [InlineData(255 * 32 * 2 + 17)]
    public void The_percentile_is_the_histograms(int length)
    {
        var random = new Random(length);
        foreach (var q in new[] { 0.0, 0.5, 0.8, 0.99 })
        {
            // Paper with ink, all one value, all black, all white, and uniform noise.
            var kinds = new Func<int, byte>[]
            {
                _ => (byte)(random.Next(10) < 2 ? random.Next(0, 120) : random.Next(200, 256)),
                _ => 137,
                _ => 0,
                _ => 255,
                _ => (byte)random.Next(256),
            };
            foreach (var kind in kinds)
            {
                var pixels = Enumerable.Range(0, length).Select(kind).ToArray();
                Assert.Equal(ByHistogram(pixels, q), BoxInspector.Percentile(pixels, q));
            }
        }
    }
}
