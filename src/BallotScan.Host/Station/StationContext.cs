using BallotScan.Engine.Problems;
using System.Text.Json;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Text;

namespace BallotScan.Host.Station;

/// <summary>The count marked official (正式结果) by the chief scrutineer: who and when (UTC).</summary>
internal sealed record OfficialMark(string By, string At);

/// <summary>A request the station cannot carry out, in words for the person who made it.</summary>
internal sealed class StationException(Said said) : SaidException(said);

/// <summary>What every task of the station shares: its options, its store, the election and its layout, and whether the count is official.</summary>
internal sealed class StationContext(StationOptions options, StationStore store, ElectionDefinition definition, string definitionJson)
{
    public StationOptions Options { get; } = options;

    public StationStore Store { get; } = store;

    public ElectionDefinition Definition { get; } = definition;

    /// <summary>The definition as stored (the count's files and archive keep it byte for byte).</summary>
    public string DefinitionJson { get; } = definitionJson;

    public BallotLayout Layout { get; } = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);

    /// <summary>The count as marked official, or null while it is not.</summary>
    public OfficialMark? Official => Store.Meta("official") is { } json ? ReadOfficial(json) : null;

    /// <summary>The stored official mark; one that cannot be read still freezes the count (it was made official), and says so.</summary>
    private static OfficialMark ReadOfficial(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<OfficialMark>(json, ElectionJson.CompactOptions) ?? new OfficialMark("?", string.Empty);
        }
        catch (JsonException)
        {
            return new OfficialMark("（记录无法读取）", string.Empty);
        }
    }

    public static readonly Said IsOfficial = new("计票结果已由总监票人确认为正式结果，不能再更改：如需重新计票，请另开一次计票（新的数据文件夹）。");

    /// <summary>Refuses any change once the count is official.</summary>
    public void EnsureNotOfficial()
    {
        if (Official is not null)
        {
            throw new StationException(IsOfficial);
        }
    }

    /// <summary>The language the log is written in: Chinese (the log is kept for the election's complaints and audits).</summary>
    public static readonly Lang Chinese = new(English: false);

    public static readonly Lang English = new(English: true);
}
