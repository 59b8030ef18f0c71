using BallotScan.Engine.Audit;
using BallotScan.Host.Station.Storage;

namespace BallotScan.Host.Station;

/// <summary>The audit (审计): the log, a count's archive root when it came from an archive, and the auditors' spot-check findings with their audit rows.</summary>
internal sealed class StationAudit(StationContext context) : StationTask(context)
{
    public IReadOnlyList<AuditEntry> AuditLog(int limit, long? before) => Store.AuditLog(limit, before);

    /// <summary>For a count taken in from an archive: the archive's Merkle root.</summary>
    public string? ArchiveRoot => Store.Meta("archive-root");

    public IReadOnlyDictionary<string, (SpotCheckEntry Entry, string Auditor, string At)> SpotChecks(string seed) => Store.SpotChecks(seed);

    /// <summary>An auditor's finding on one sheet of a spot-check, with its audit row.</summary>
    public void RecordSpotCheck(string seed, SpotCheckEntry entry, string auditor)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var facts = new SpotCheckFound(seed, entry.Order, entry.Sheet, entry.Finding, entry.Note, entry.AuditedMarks, entry.ImageMatchesPaper);
        Store.AddSpotCheck(seed, entry, auditor, AuditFacts.Row(auditor, AuditEvent.SpotCheck, facts));
    }
}
