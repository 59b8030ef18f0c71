using BallotScan.Engine.Counting;

namespace BallotScan.Host.Station;

/// <summary>
/// One round's count at the station (第一轮, or a 另行选举): its store and election, and the tasks that serve it (intake and
/// batches, reading, review, the hand tally, the results, accounts, the audit).
/// </summary>
internal sealed class StationRound : IDisposable
{
    public StationRound(StationContext context, Func<IReadOnlyList<RoundOutcome>> earlierRounds)
    {
        Context = context;
        Intake = new StationIntake(context);
        Reading = new StationReading(context);
        HandTally = new StationHandTally(context);
        Results = new StationResults(context, HandTally, earlierRounds);
        Review = new StationReview(context, Reading, Results);
        Accounts = new StationAccounts(context);
        Audit = new StationAudit(context);
    }

    public StationContext Context { get; }

    /// <summary>1 for the first vote, 2 and on for each 另行选举.</summary>
    public int Number => Context.Definition.RoundNumber ?? 1;

    public StationIntake Intake { get; }

    public StationReading Reading { get; }

    public StationReview Review { get; }

    public StationHandTally HandTally { get; }

    public StationResults Results { get; }

    public StationAccounts Accounts { get; }

    public StationAudit Audit { get; }

    public void Dispose()
    {
        Intake.Dispose();
        Context.Store.Database.Dispose();
    }
}
