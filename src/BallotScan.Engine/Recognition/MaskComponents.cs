namespace BallotScan.Engine.Recognition;

/// <summary>
/// The connected components of one value in a small mask, found run by run (a run is a stretch of that value along a
/// row) and joined with a union-find: a few hundred runs instead of thousands of pixels for a box's ink or paper.
/// Four-connected (the reader's ink and paper) or eight-connected.
/// </summary>
internal sealed class MaskComponents
{
    private readonly int[] _row;
    private readonly int[] _start;
    private readonly int[] _end;
    private readonly int[] _component;
    private readonly int[] _sizes;
    private readonly int _runs;

    private MaskComponents(int[] row, int[] start, int[] end, int[] component, int runs, int[] sizes, bool[] touchesEdge)
    {
        (_row, _start, _end, _component, _runs, _sizes) = (row, start, end, component, runs, sizes);
        TouchesEdge = touchesEdge;
    }

    /// <summary>How many components there are.</summary>
    public int Count => _sizes.Length;

    /// <summary>Pixels per component.</summary>
    public IReadOnlyList<int> Sizes => _sizes;

    /// <summary>Whether a component reaches the mask's outer edge.</summary>
    public IReadOnlyList<bool> TouchesEdge { get; }

    /// <summary>The components of the pixels equal to <paramref name="value"/> in a <paramref name="w"/> x <paramref name="h"/> mask.</summary>
    public static MaskComponents Find(ReadOnlySpan<byte> mask, int w, int h, byte value, bool eightConnected)
    {
        var capacity = 16;
        var row = new int[capacity];
        var start = new int[capacity];
        var end = new int[capacity];
        var parent = new int[capacity];
        var runs = 0;
        var previousFrom = 0;
        var reach = eightConnected ? 1 : 0;
        for (var y = 0; y < h; y++)
        {
            var line = mask.Slice(y * w, w);
            var currentFrom = runs;
            var x = 0;
            var above = previousFrom;
            while (x < w)
            {
                var offset = line[x..].IndexOf(value);
                if (offset < 0)
                {
                    break;
                }

                var s = x + offset;
                var length = line[s..].IndexOfAnyExcept(value);
                var e = length < 0 ? w : s + length;
                if (runs == capacity)
                {
                    capacity *= 2;
                    Array.Resize(ref row, capacity);
                    Array.Resize(ref start, capacity);
                    Array.Resize(ref end, capacity);
                    Array.Resize(ref parent, capacity);
                }

                (row[runs], start[runs], end[runs], parent[runs]) = (y, s, e, runs);
                // Runs of the row above that touch this one: they overlap [s, e), widened by one for diagonal contact.
                while (above < currentFrom && end[above] + reach <= s)
                {
                    above++;
                }

                for (var a = above; a < currentFrom && start[a] < e + reach; a++)
                {
                    Union(parent, a, runs);
                }

                runs++;
                x = e;
            }

            previousFrom = currentFrom;
        }

        var component = new int[runs];
        var index = new int[runs];
        var count = 0;
        for (var r = 0; r < runs; r++)
        {
            var root = Find(parent, r);
            if (root == r)
            {
                index[r] = count++;
            }

            component[r] = index[root];
        }

        var sizes = new int[count];
        var touchesEdge = new bool[count];
        for (var r = 0; r < runs; r++)
        {
            var c = component[r];
            sizes[c] += end[r] - start[r];
            touchesEdge[c] |= row[r] == 0 || row[r] == h - 1 || start[r] == 0 || end[r] == w;
        }

        return new MaskComponents(row, start, end, component, runs, sizes, touchesEdge);
    }

    /// <summary>Sets every pixel of the components smaller than <paramref name="area"/> to <paramref name="fill"/>.</summary>
    public void ClearSmallerThan(Span<byte> mask, int w, int area, byte fill)
    {
        for (var r = 0; r < _runs; r++)
        {
            if (_sizes[_component[r]] < area)
            {
                mask.Slice((_row[r] * w) + _start[r], _end[r] - _start[r]).Fill(fill);
            }
        }
    }

    /// <summary>Sets every pixel of component <paramref name="component"/> to <paramref name="value"/> in <paramref name="mask"/>.</summary>
    public void Draw(Span<byte> mask, int w, int component, byte value)
    {
        for (var r = 0; r < _runs; r++)
        {
            if (_component[r] == component)
            {
                mask.Slice((_row[r] * w) + _start[r], _end[r] - _start[r]).Fill(value);
            }
        }
    }

    /// <summary>The largest component (the first of equal ones); -1 when there is none.</summary>
    public int Largest
    {
        get
        {
            var best = -1;
            for (var c = 0; c < _sizes.Length; c++)
            {
                if (best < 0 || _sizes[c] > _sizes[best])
                {
                    best = c;
                }
            }

            return best;
        }
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb)
        {
            // The smaller index becomes the root, so components are numbered in the order their first run appears.
            parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
    }
}
