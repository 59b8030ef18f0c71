using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>The run-based components agree with a plain flood fill, for ink (eight-connected) and paper (four-connected).</summary>
public class MaskComponentsTests
{
    /// <summary>Components by flood fill, pixel by pixel: slow and obviously right.</summary>
    private static List<(int Size, bool TouchesEdge)> FloodFill(byte[] mask, int w, int h, byte value, bool eight)
    {
        var seen = new bool[mask.Length];
        var found = new List<(int, bool)>();
        for (var start = 0; start < mask.Length; start++)
        {
            if (mask[start] != value || seen[start])
            {
                continue;
            }

            var (size, edge) = (0, false);
            var stack = new Stack<int>([start]);
            seen[start] = true;
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                var (x, y) = (p % w, p / w);
                size++;
                edge |= x == 0 || y == 0 || x == w - 1 || y == h - 1;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if ((dx == 0 && dy == 0) || (!eight && dx != 0 && dy != 0) || nx < 0 || ny < 0 || nx >= w || ny >= h)
                        {
                            continue;
                        }

                        var q = (ny * w) + nx;
                        if (mask[q] == value && !seen[q])
                        {
                            seen[q] = true;
                            stack.Push(q);
                        }
                    }
                }
            }

            found.Add((size, edge));
        }

        return found;
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void Counts_sizes_and_edges_agree_with_a_flood_fill_on_random_masks(int seed, bool eight)
    {
        var random = new Random(seed);
        const int w = 37, h = 29;
        for (var trial = 0; trial < 50; trial++)
        {
            var density = random.NextDouble();
            var mask = Enumerable.Range(0, w * h).Select(_ => random.NextDouble() < density ? (byte)1 : (byte)0).ToArray();
            foreach (var value in new byte[] { 0, 1 })
            {
                var expected = FloodFill(mask, w, h, value, eight).Order().ToList();

                var components = MaskComponents.Find(mask, w, h, value, eight);
                var actual = Enumerable.Range(0, components.Count).Select(c => (components.Sizes[c], components.TouchesEdge[c])).Order().ToList();

                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void A_thin_diagonal_stroke_is_one_piece_of_ink_and_survives_speck_removal()
    {
        const int n = 12;
        var mask = new byte[n * n];
        for (var i = 0; i < n; i++)
        {
            mask[(i * n) + i] = 1;
        }

        mask[(2 * n) + 9] = 1; // and a speck

        var ink = MaskComponents.Find(mask, n, n, 1, eightConnected: true);
        ink.ClearSmallerThan(mask, n, area: 4, fill: 0);

        Assert.Equal(2, ink.Count);
        Assert.Equal(0, mask[(2 * n) + 9]);
        Assert.Equal(n, mask.Count(v => v != 0));
    }
}
