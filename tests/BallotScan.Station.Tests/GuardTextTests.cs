using BallotScan.Engine.Recognition;
using BallotScan.Host.Text;

namespace BallotScan.Station.Tests;

/// <summary>Why a mark's shape sent it to a person is said to the scrutineer in words, Chinese first.</summary>
public sealed class GuardTextTests
{
    public static TheoryData<SymbolGuard> Guards => new(Enum.GetValues<SymbolGuard>());

    [Theory]
    [MemberData(nameof(Guards))]
    public void Every_symbol_guard_is_said_in_Chinese_and_in_English(SymbolGuard guard)
    {
        var chinese = Words.GuardText(new Lang(English: false), guard);
        var english = Words.GuardText(new Lang(English: true), guard);

        Assert.Contains(chinese, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.DoesNotContain(guard.ToString(), chinese, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(guard.ToString(), english);
    }
}
