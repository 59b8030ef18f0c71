using BallotScan.Host.Station;
using BallotScan.Host.Station.Storage;
using BallotScan.Host.Station.Web;
using BallotScan.Host.Township.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BallotScan.Host.Township;

/// <summary>Where the township station listens and what it watches.</summary>
internal sealed record TownshipServeOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:5090";

    /// <summary>A folder to take archives from as they appear (a USB stick copied in); null: none.</summary>
    public string? WatchFolder { get; init; }

    /// <summary>Largest upload: a village's archive of 2,000 ballots is some hundreds of megabytes.</summary>
    public long MaxUploadBytes { get; init; } = 2L * 1024 * 1024 * 1024;
}

/// <summary>
/// The township station (乡镇换届工作站) as a web application: the same sign-in, languages, encoding and protections as the
/// counting station (<see cref="StationApp.Builder"/>), its own pages: the figures with their charts, every village, the
/// archives (uploaded or taken from a watched folder), the log.
/// </summary>
internal static class TownshipApp
{
    public const string OperatorPolicy = "township operator";

    public static WebApplication Build(TownshipServeOptions serve, TownshipStation township, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(serve);
        ArgumentNullException.ThrowIfNull(township);
        var builder = StationApp.Builder(serve.Urls, township.Options.DataFolder, "BallotScan township station", serve.MaxUploadBytes, logging);
        builder.Services.AddSingleton(township);
        builder.Services.AddSingleton(serve);
        builder.Services.AddSingleton(new StationSite(Township: true));
        builder.Services.AddSingleton(new SignInAccounts(township.Store));
        builder.Services.AddHostedService<TownshipFolderWatch>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, p => p.RequireRole(nameof(StationRole.Operator)))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return StationApp.Pages(builder.Build(), AccountPages.Map, TownshipPages.Map, Assets.Map);
    }
}
