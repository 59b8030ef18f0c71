namespace BallotScan.Engine.Imaging;

/// <summary>
/// Which rows of an image still being decoded hold their pixels: the rows above the decode front, less those skipped.
/// Whatever reads pixels of such an image asks first (<see cref="GrayImage.HasRows"/>), and a read that would reach a
/// row without pixels fails with <see cref="MissingRowsException"/> instead of reading what is not there.
/// </summary>
internal sealed class DecodedRows
{
    private readonly List<(int Start, int End)> _skipped = [];

    /// <summary>The first row not yet decoded or skipped.</summary>
    public int Front { get; private set; }

    public void Decoded(int until) => Front = until;

    public void Skipped(int until)
    {
        _skipped.Add((Front, until));
        Front = until;
    }

    /// <summary>Whether every row from <paramref name="top"/> up to (not including) <paramref name="bottom"/> holds its pixels.</summary>
    public bool Hold(int top, int bottom)
    {
        if (bottom <= top)
        {
            return true;
        }

        if (bottom > Front)
        {
            return false;
        }

        foreach (var (start, end) in _skipped)
        {
            if (top < end && start < bottom)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A read reached rows of an image that were not decoded (<see cref="DecodedRows"/>): decode it whole and read again.</summary>
internal sealed class MissingRowsException(int top, int bottom)
    : InvalidOperationException($"Rows {top} to {bottom - 1} of the image were not decoded.")
{
}
