using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>
/// The binarizer works along rows, four blocks at a time; zxing works block by block. This is zxing's order of work,
/// written out plainly (it was the shipped binarizer until the row-wise one replaced it): both must give every pixel the
/// same value, on ragged sizes whose last blocks and bands overlap the ones before.
/// </summary>
public class QrBinarizerRowsTests
{
    private const int Block = 8;
    private const int MinimumDynamicRange = 24;

    [Theory]
    [InlineData(40, 40)]
    [InlineData(302, 302)]
    [InlineData(301, 297)]
    [InlineData(45, 131)]
    [InlineData(417, 83)]
    public void Row_by_row_equals_block_by_block(int width, int height)
    {
        var random = new Random((width * 1000) + height);
        var stride = width + 5;
        var source = new byte[stride * height];
        // Paper, ink blobs and flat patches: every branch of the black point (flat blocks and their neighbours).
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var flat = ((x / 24) + (y / 24)) % 3 == 0;
                source[(y * stride) + x] = flat ? (byte)(180 + ((x / 24) % 4)) : (byte)Math.Clamp(200 - (120 * (((x / 5) + (y / 7)) % 2)) + random.Next(-40, 40), 0, 255);
            }
        }

        var rows = new byte[width * height];
        var blocks = new byte[width * height];
        QrBinarizer.LocalAverage(source, width, height, stride, rows, width);
        BlockByBlock(source, width, height, stride, blocks, width);

        var differing = Enumerable.Range(0, rows.Length).Count(i => rows[i] != blocks[i]);
        Assert.True(differing == 0, $"{differing} pixels differ");
        Assert.Contains((byte)0, rows);
        Assert.Contains((byte)255, rows);
    }

    /// <summary>zxing-cpp 1.4's HybridBinarizer, block by block, pixel by pixel.</summary>
    private static void BlockByBlock(byte[] source, int width, int height, int stride, byte[] destination, int destinationStride)
    {
        var (columns, rows) = ((width + Block - 1) / Block, (height + Block - 1) / Block);
        var blackPoints = new int[columns * rows];
        for (var y = 0; y < rows; y++)
        {
            var top = Math.Min(y * Block, height - Block);
            for (var x = 0; x < columns; x++)
            {
                var left = Math.Min(x * Block, width - Block);
                int sum = 0, min = 255, max = 0;
                for (var dy = 0; dy < Block; dy++)
                {
                    for (var dx = 0; dx < Block; dx++)
                    {
                        var p = source[((top + dy) * stride) + left + dx];
                        (sum, min, max) = (sum + p, Math.Min(min, p), Math.Max(max, p));
                    }
                }

                var blackPoint = sum / (Block * Block);
                if (max - min <= MinimumDynamicRange)
                {
                    blackPoint = min / 2;
                    if (y > 0 && x > 0)
                    {
                        var neighbours = (blackPoints[((y - 1) * columns) + x] + (2 * blackPoints[(y * columns) + x - 1]) + blackPoints[((y - 1) * columns) + x - 1]) / 4;
                        if (min < neighbours)
                        {
                            blackPoint = neighbours;
                        }
                    }
                }

                blackPoints[(y * columns) + x] = blackPoint;
            }
        }

        for (var y = 0; y < rows; y++)
        {
            var top = Math.Min(y * Block, height - Block);
            var around = Math.Clamp(y, 2, rows - 3);
            for (var x = 0; x < columns; x++)
            {
                var left = Math.Min(x * Block, width - Block);
                var centre = Math.Clamp(x, 2, columns - 3);
                var sum = 0;
                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        sum += blackPoints[((around + dy) * columns) + centre + dx];
                    }
                }

                var threshold = sum / 25;
                for (var dy = 0; dy < Block; dy++)
                {
                    for (var dx = 0; dx < Block; dx++)
                    {
                        destination[((top + dy) * destinationStride) + left + dx] = source[((top + dy) * stride) + left + dx] <= threshold ? (byte)0 : (byte)255;
                    }
                }
            }
        }
    }
}
