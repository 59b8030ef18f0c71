namespace BallotScan.Host.Station;

/// <summary>How a station is set up. A plain value; `./ballotscan serve --help` names each option.</summary>
internal sealed record StationOptions
{
    /// <summary>Where the station listens. Loopback by default: the venue's machines reach it only if the operator says so.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>The data folder: the SQLite file (unless <see cref="Postgres"/> is given) and nothing else.</summary>
    public string DataFolder { get; init; } = "station-data";

    /// <summary>A PostgreSQL connection string, for several scan stations sharing one count.</summary>
    public string? Postgres { get; init; }

    /// <summary>The election definition: required the first time; afterwards the count's own copy is used.</summary>
    public string? DefinitionFile { get; init; }

    /// <summary>A folder the scanner software saves into: every image file that appears there is taken in.</summary>
    public string? WatchFolder { get; init; }

    /// <summary>The SANE device for `scanimage --batch` (e.g. `test` for SANE's test backend); none: no scan button.</summary>
    public string? SaneDevice { get; init; }

    /// <summary>A decision that changes a count takes effect only when a second scrutineer confirms it.</summary>
    public bool SecondScrutineer { get; init; } = true;

    /// <summary>The largest image file taken in (a 600 dpi colour A4 page is about 25 MB).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>The largest upload of several files at once.</summary>
    public long MaxUploadBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>How many sheets are read at once (default: one per core).</summary>
    public int ReadParallelism { get; init; } = Environment.ProcessorCount;
}
