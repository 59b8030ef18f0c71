using BallotScan.Engine.Audit;

namespace BallotScan.Engine.Tests.Audit;

/// <summary>Anyone can recompute the draw from the public seed: a fixed test vector, computed independently (Python hashlib).</summary>
public class SpotCheckSamplerTests
{
    private static readonly string[] s_sheets = [.. Enumerable.Range(0, 20).Select(i => $"sheet-{i:D2}")];

    [Fact]
    public void The_same_seed_draws_the_same_sheets_on_any_machine()
    {
        // python3 -c "import hashlib; ids=['sheet-%02d'%i for i in range(20)];
        //   print(sorted(ids, key=lambda i: hashlib.sha256(('20261213,'+i).encode()).hexdigest())[:5])"
        Assert.Equal(["sheet-17", "sheet-11", "sheet-15", "sheet-07", "sheet-08"], SpotCheckSampler.Draw("20261213", s_sheets, 5));
        Assert.Equal("a7916d08d22ced755f464236b7fd52571402a352b7b39b69ebebabba8c0c4184", SpotCheckSampler.Ticket("20261213", "sheet-00"));
    }

    [Fact]
    public void The_draw_does_not_depend_on_the_order_sheets_are_listed_and_a_larger_sample_extends_a_smaller_one()
    {
        var reversed = s_sheets.Reverse().ToArray();
        Assert.Equal(SpotCheckSampler.Draw("dice 3 5 1 6", s_sheets, 8), SpotCheckSampler.Draw("dice 3 5 1 6", reversed, 8));
        Assert.Equal(SpotCheckSampler.Draw("dice 3 5 1 6", s_sheets, 3), SpotCheckSampler.Draw("dice 3 5 1 6", s_sheets, 8).Take(3));
        Assert.NotEqual(SpotCheckSampler.Draw("dice 3 5 1 6", s_sheets, 8), SpotCheckSampler.Draw("dice 3 5 1 5", s_sheets, 8));
    }
}
