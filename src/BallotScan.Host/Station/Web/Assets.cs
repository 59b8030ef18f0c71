using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BallotScan.Host.Station.Web;

/// <summary>The station's one stylesheet and one script, built into the program (nothing fetched from elsewhere).</summary>
internal static class Assets
{
    public static void Map(WebApplication app)
    {
        var css = Read("station.css");
        var js = Read("station.js");
        app.MapGet("/assets/station.css", () => Results.Bytes(css, "text/css; charset=utf-8")).AllowAnonymous();
        app.MapGet("/assets/station.js", () => Results.Bytes(js, "text/javascript; charset=utf-8")).AllowAnonymous();
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is not built in.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
