using BallotScan.Engine.Platform;

namespace BallotScan.Engine.Fonts;

/// <summary>
/// Finds a Chinese TrueType face through fontconfig. TrueType (glyf outlines) is required because PDF embedding and
/// FreeType rendering both work well with it; Noto CJK is CFF and embeds badly, so it is not chosen.
/// </summary>
public static class FontLocator
{
    /// <summary>Families tried in order; the first installed wins. fonts-wqy-zenhei is installed by ./ballotscan setup.</summary>
    public static IReadOnlyList<string> PreferredChineseFamilies { get; } = ["WenQuanYi Zen Hei", "WenQuanYi Zen Hei Sharp", "AR PL UMing CN", "AR PL UKai CN"];

    private static readonly Lazy<FontFace?> s_chinese = new(FindChineseFace);

    /// <summary>The Chinese face BallotScan renders and prints with.</summary>
    /// <exception cref="FileNotFoundException">No suitable face is installed; the message names the package.</exception>
    public static FontFace Chinese => s_chinese.Value ?? throw new FileNotFoundException(
        "No Chinese TrueType font is installed. Install the Debian package fonts-wqy-zenhei (./ballotscan setup does this).");

    private static FontFace? FindChineseFace()
    {
        var faces = ListFaces(":lang=zh-cn:fontformat=TrueType");
        foreach (var family in PreferredChineseFamilies)
        {
            var face = faces.FirstOrDefault(f => f.Family.Split(',').Any(n => n.Trim().Equals(family, StringComparison.OrdinalIgnoreCase)));
            if (face is not null)
            {
                return face with { Family = family };
            }
        }

        return faces.Count > 0 ? faces[0] : null;
    }

    /// <summary>Every face fontconfig lists for a pattern, e.g. ":lang=zh-cn".</summary>
    public static IReadOnlyList<FontFace> ListFaces(string pattern)
    {
        try
        {
            return DebianTool.Run("fc-list", "fontconfig", pattern, "file", "index", "family").Output
                .Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(Parse)
                .OfType<FontFace>()
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ThenBy(f => f.Index)
                .ToList();
        }
        catch (FileNotFoundException)
        {
            return []; // fontconfig is not installed: no face found, and Chinese says which package to install
        }
    }

    // fc-list prints "path: family:index=N" with the fields in its own order; parse the named parts.
    private static FontFace? Parse(string line)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }

        var path = line[..colon];
        var rest = line[(colon + 2)..];
        var indexAt = rest.LastIndexOf(":index=", StringComparison.Ordinal);
        var index = 0;
        if (indexAt >= 0)
        {
            _ = int.TryParse(rest[(indexAt + 7)..], out index);
            rest = rest[..indexAt];
        }

        return new FontFace(path, index, rest.Trim());
    }
}
