using System.Collections.Concurrent;
using System.Text;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Fonts;

/// <summary>
/// The faces ballots and reports are printed with: the Chinese face (<see cref="FontLocator.Chinese"/>), then fallback
/// faces for the characters it lacks. WenQuanYi covers the common characters; a legal name may hold a rare one of
/// CJK Extension B and beyond (𠮷, 𡈼), which Debian's fonts-hanazono (花園明朝 A and B) draws. Each character is printed
/// with the first face that has it.
/// </summary>
public static class PrintFaces
{
    /// <summary>Fallback families tried in order after the Chinese face; installed by ./ballotscan setup (fonts-hanazono).</summary>
    public static IReadOnlyList<string> FallbackFamilies { get; } = ["HanaMinA", "HanaMinB"];

    private static readonly Lazy<IReadOnlyList<FontFace>> s_faces = new(FindFaces);
    private static readonly ConcurrentDictionary<(int Face, int Rune), bool> s_has = new();

    /// <summary>The Chinese face first, then each fallback face installed.</summary>
    public static IReadOnlyList<FontFace> Faces => s_faces.Value;

    /// <summary>The index in <see cref="Faces"/> of the face that draws <paramref name="rune"/>: the first that has it, or 0 when none has.</summary>
    public static int FaceFor(Rune rune) => Math.Max(0, FirstFaceWith(rune));

    /// <summary>The first character of <paramref name="text"/> that no print face can draw, or null.</summary>
    public static string? FirstMissingGlyph(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.EnumerateRunes().Where(r => FirstFaceWith(r) < 0).Select(r => r.ToString()).FirstOrDefault();
    }

    /// <summary>The index of the first face that has <paramref name="rune"/>, or −1; each face asked once per character.</summary>
    private static int FirstFaceWith(Rune rune)
    {
        if (rune.Value < 0x2E80)
        {
            return 0; // Latin, digits and punctuation: the Chinese face has them all
        }

        for (var i = 0; i < Faces.Count; i++)
        {
            var face = Faces[i];
            if (s_has.GetOrAdd((i, rune.Value), _ => TextRenderer.FirstMissingGlyph(rune.ToString(), face) is null))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><paramref name="text"/> cut into runs, each drawn with one face (its index in <see cref="Faces"/>).</summary>
    public static IReadOnlyList<(string Text, int Face)> Runs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<(string Text, int Face)>();
        var current = new StringBuilder();
        var face = -1;
        foreach (var rune in text.EnumerateRunes())
        {
            var f = FaceFor(rune);
            if (f != face && current.Length > 0)
            {
                runs.Add((current.ToString(), face));
                current.Clear();
            }

            face = f;
            current.Append(rune.ToString());
        }

        if (current.Length > 0)
        {
            runs.Add((current.ToString(), face));
        }

        return runs;
    }

    private static List<FontFace> FindFaces()
    {
        var faces = new List<FontFace> { FontLocator.Chinese };
        var installed = FontLocator.ListFaces(":fontformat=TrueType");
        foreach (var family in FallbackFamilies)
        {
            if (installed.FirstOrDefault(f => f.Family.Split(',').Any(n => n.Trim().Equals(family, StringComparison.OrdinalIgnoreCase))) is { } face)
            {
                faces.Add(face with { Family = family });
            }
        }

        return faces;
    }
}
