namespace BallotScan.Engine.Recognition;

/// <summary>What is drawn in a marking box.</summary>
public enum MarkSymbol
{
    /// <summary>No mark (弃权 for a candidate's box).</summary>
    Blank,

    /// <summary>○: approve (赞成).</summary>
    Circle,

    /// <summary>×: disapprove (不赞成).</summary>
    Cross,

    /// <summary>√: approve or invalid, by the rule setting.</summary>
    Check,

    /// <summary>Anything else: a scribble, a filled box, a dash, a corrected mark.</summary>
    Other,
}
