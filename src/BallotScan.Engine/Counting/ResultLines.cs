namespace BallotScan.Engine.Counting;

/// <summary>The kinds of line on a result report (选举结果报告单), in its order.</summary>
public enum LineKind
{
    /// <summary>应到人数.</summary>
    Due,

    /// <summary>实到人数.</summary>
    Present,

    /// <summary>发出选票.</summary>
    Issued,

    /// <summary>收回选票.</summary>
    Returned,

    /// <summary>有效票.</summary>
    Valid,

    /// <summary>无效票.</summary>
    Void,

    /// <summary>赞成.</summary>
    Approve,

    /// <summary>不赞成.</summary>
    Disapprove,

    /// <summary>弃权.</summary>
    Abstain,

    /// <summary>无效 (a listed candidate's): ballots on which the contest stands but this candidate's part is void (a mark that
    /// is not a valid symbol). 赞成 + 不赞成 + 弃权 + 无效 is the same for every candidate of a contest: its valid ballots.</summary>
    CandidateVoid,

    /// <summary>另选他人: approvals of a written-in name.</summary>
    WriteIn,
}

/// <summary>One line of a result report or a hand tally: a figure, or a candidate's count of one kind in one contest.</summary>
/// <param name="Kind">What is counted.</param>
/// <param name="Contest">The contest id (null for the ballot figures).</param>
/// <param name="Name">The candidate or written-in name (null for the ballot figures).</param>
/// <param name="Count">The number.</param>
public sealed record TallyLine(LineKind Kind, string? Contest, string? Name, int Count)
{
    /// <summary>What the line is, without its number: lines of two tallies are compared by it.</summary>
    public (LineKind, string, string) Key => (Kind, Contest ?? string.Empty, Name ?? string.Empty);
}

/// <summary>The lines of a tally, as on the result report.</summary>
public static class ResultLines
{
    /// <summary>The line names in Chinese (as on the report) and English, as accepted in a hand-tally file.</summary>
    public static IReadOnlyDictionary<LineKind, string> Chinese { get; } = new Dictionary<LineKind, string>
    {
        [LineKind.Due] = "应到人数",
        [LineKind.Present] = "实到人数",
        [LineKind.Issued] = "发出选票",
        [LineKind.Returned] = "收回选票",
        [LineKind.Valid] = "有效票",
        [LineKind.Void] = "无效票",
        [LineKind.Approve] = "赞成",
        [LineKind.Disapprove] = "不赞成",
        [LineKind.Abstain] = "弃权",
        [LineKind.CandidateVoid] = "无效",
        [LineKind.WriteIn] = "另选他人",
    };

    /// <summary>A line kind from its Chinese or English name (case-insensitive), or null.</summary>
    public static LineKind? Parse(string text)
    {
        var t = (text ?? string.Empty).Trim();
        foreach (var (kind, chinese) in Chinese)
        {
            if (t == chinese || t.Equals(kind.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        return t switch
        {
            "另选" or "write-in" => LineKind.WriteIn,
            "废票" => LineKind.Void,
            _ => null,
        };
    }

    /// <summary>The lines of <paramref name="tally"/>: the meeting's figures where known, the ballot counts, then every contest.</summary>
    public static IReadOnlyList<TallyLine> Of(ElectionTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var lines = new List<TallyLine>();
        void Figure(LineKind kind, int? value)
        {
            if (value is { } v)
            {
                lines.Add(new TallyLine(kind, null, null, v));
            }
        }

        Figure(LineKind.Due, tally.Figures.Due);
        Figure(LineKind.Present, tally.Figures.Present);
        Figure(LineKind.Issued, tally.Figures.Issued);
        Figure(LineKind.Returned, tally.BallotsFound);
        Figure(LineKind.Valid, tally.ValidBallots);
        Figure(LineKind.Void, tally.VoidBallots);
        foreach (var contest in tally.Contests)
        {
            foreach (var c in contest.Candidates)
            {
                lines.Add(new TallyLine(LineKind.Approve, contest.ContestId, c.Name, c.Approve));
                lines.Add(new TallyLine(LineKind.Disapprove, contest.ContestId, c.Name, c.Disapprove));
                lines.Add(new TallyLine(LineKind.Abstain, contest.ContestId, c.Name, c.Abstain));
                lines.Add(new TallyLine(LineKind.CandidateVoid, contest.ContestId, c.Name, c.Void));
            }

            foreach (var w in contest.WriteIns)
            {
                lines.Add(new TallyLine(LineKind.WriteIn, contest.ContestId, w.Name, w.Approve));
            }
        }

        return lines;
    }
}
