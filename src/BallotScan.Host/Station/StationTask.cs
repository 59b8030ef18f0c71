using BallotScan.Engine.Elections;
using BallotScan.Engine.Layout;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>One task of the station (intake, reading, review …): what each reaches of the count it serves.</summary>
internal abstract class StationTask(StationContext context)
{
    /// <summary>What the station's tasks share: the election, whether the count is official.</summary>
    protected StationContext Context { get; } = context;

    /// <summary>The store: each task reads and writes its own part, with its audit row in the same transaction.</summary>
    protected StationStore Store => Context.Store;

    protected StationOptions Options => Context.Options;

    protected ElectionDefinition Definition => Context.Definition;

    protected BallotLayout Layout => Context.Layout;
}
