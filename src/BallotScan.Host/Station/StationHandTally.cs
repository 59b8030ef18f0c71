using BallotScan.Engine.Counting;
using BallotScan.Engine.Problems;
using BallotScan.Engine.Reconciliation;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>The hand tally in effect (if any) and the later ones that cannot be applied, with why.</summary>
internal sealed record HandTallyState(StoredHandTally? InEffect, IReadOnlyList<TallyLine>? Lines, IReadOnlyList<(StoredHandTally Tally, FileProblem Problem)> NotApplied);

/// <summary>The hand tally (唱票/计票): entered, kept with every earlier one, the one in effect chosen.</summary>
internal sealed class StationHandTally(StationContext context) : StationTask(context)
{
    /// <summary>
    /// Records the hand tally (唱票/计票), replacing the one before for the count (the earlier stays on record). It is stored
    /// only if it reads back as it was given (every contest and candidate of this election, each line once).
    /// </summary>
    /// <exception cref="StationException">Nothing was entered, or a line cannot be applied.</exception>
    public void EnterHandTally(IReadOnlyList<TallyLine> lines, string user)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Context.EnsureNotOfficial();
        if (lines.Count == 0)
        {
            throw new StationException(new Said("没有填写任何数字，未保存。"));
        }

        var csv = HandTally.ToCsv(lines, Definition);
        try
        {
            var back = HandTally.ParseCsv(csv, Definition);
            if (back.Count != lines.Count)
            {
                throw new HandTallyException(FileProblemCode.LinesLeftOut);
            }
        }
        catch (HandTallyException e)
        {
            throw new StationException(new Said("手工计票不能采用，未保存：{0}", e.Problem));
        }

        Store.AddHandTally(user, csv, AuditFacts.Row(user, AuditEvent.HandTally, new HandTallyEntered(lines.Count)));
    }

    /// <summary>
    /// The hand tally in effect: the latest one entered that can be applied, and each later one that cannot (a stored row
    /// from an earlier version, or edited), with why. The count goes on with the one in effect.
    /// </summary>
    public HandTallyState HandTallies()
    {
        var rejected = new List<(StoredHandTally, FileProblem)>();
        foreach (var stored in Store.HandTallies())
        {
            try
            {
                return new HandTallyState(stored, HandTally.ParseCsv(stored.Csv, Definition), rejected);
            }
            catch (HandTallyException e)
            {
                rejected.Add((stored, e.Problem));
            }
        }

        return new HandTallyState(null, null, rejected);
    }

    public IReadOnlyList<TallyLine>? HandTallyLines() => HandTallies().Lines;
}
