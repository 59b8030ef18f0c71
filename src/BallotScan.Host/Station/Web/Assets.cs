using System.Reflection;
using System.Text;
using BallotScan.Engine.Fonts;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace BallotScan.Host.Station.Web;

/// <summary>
/// The station's one stylesheet and one script, built into the program (nothing fetched from elsewhere), and the faces
/// for rare name characters (<see cref="PrintFaces"/>: 花園明朝 for CJK Extension A and B and beyond), which a tablet's own
/// fonts often lack: the browser fetches one only when a page shows a character in its range, and keeps it.
/// </summary>
internal static class Assets
{
    public static void Map(RouteGroupBuilder pages, RouteGroupBuilder api)
    {
        var rare = RareFaces();
        var css = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Read("station.css")) + RareFaceRules(rare.Count));
        var js = Read("station.js");
        pages.MapGet("/assets/station.css", () => TypedResults.Bytes(css, "text/css; charset=utf-8")).AllowAnonymous();
        pages.MapGet("/assets/station.js", () => TypedResults.Bytes(js, "text/javascript; charset=utf-8")).AllowAnonymous();
        pages.MapGet("/assets/rare-{k:int}.ttf", Results<NotFound, PhysicalFileHttpResult> (int k, HttpContext context) =>
        {
            if (k < 1 || k > rare.Count)
            {
                return TypedResults.NotFound();
            }

            context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
            return TypedResults.PhysicalFile(rare[k - 1].Path, "font/ttf", enableRangeProcessing: true);
        }).AllowAnonymous();
    }

    /// <summary>The fallback print faces installed (none when the Chinese face itself is missing: the pages still work).</summary>
    private static List<FontFace> RareFaces()
    {
        try
        {
            return [.. PrintFaces.Faces.Skip(1).Where(f => f.Index == 0)];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
    }

    /// <summary>@font-face rules for the rare faces (station.css lists "BallotScan Rare 1" and "2" last among the body's families).</summary>
    private static string RareFaceRules(int faces)
    {
        if (faces == 0)
        {
            return string.Empty;
        }

        var rules = new StringBuilder("\n/* Rare name characters (CJK Extension A, B and beyond), fetched only when a page shows one. */\n");
        for (var k = 1; k <= faces; k++)
        {
            rules.Append($"@font-face {{ font-family: \"BallotScan Rare {k}\"; src: url(/assets/rare-{k}.ttf) format(\"truetype\"); unicode-range: U+3400-4DBF, U+20000-3FFFF; font-display: swap; }}\n");
        }

        return rules.ToString();
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not built in.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
