using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Tests.Recognition;

/// <summary>
/// The angular coverage takes a pixel's sector from a quick arctangent when it lies more than 0.001 of a sector from an
/// edge (2.6e-4 rad): that is safe only while the quick arctangent stays within its stated 2e-5 rad everywhere.
/// </summary>
public class QuickArctangentTests
{
    [Fact]
    public void The_quick_arctangent_is_within_2e_5_radians_all_the_way_round()
    {
        var worst = 0.0;
        for (var k = 0; k < 200_000; k++)
        {
            var angle = (k / 200_000.0 * 2 * Math.PI) - Math.PI;
            foreach (var r in new[] { 0.5, 7.0, 93.25 })
            {
                var (x, y) = (r * Math.Cos(angle), r * Math.Sin(angle));
                var error = Math.Abs(MarkFeatures.ApproximateAtan2(y, x) - Math.Atan2(y, x));
                worst = Math.Max(worst, Math.Min(error, (2 * Math.PI) - error)); // ±π are the same direction
            }
        }

        Assert.True(worst <= 2e-5, $"worst error {worst} rad");
    }

    [Fact]
    public void Pixel_offsets_on_the_axes_and_diagonals_come_out_right()
    {
        foreach (var (x, y) in new[] { (1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0), (3.0, 3.0), (-3.0, 3.0), (-3.0, -3.0), (3.0, -3.0) })
        {
            Assert.Equal(Math.Atan2(y, x), MarkFeatures.ApproximateAtan2(y, x), 2e-5);
        }
    }
}
