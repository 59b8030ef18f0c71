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
        var finding = entry.Finding switch { SpotCheckFinding.Agree => "一致", SpotCheckFinding.Disagree => "不一致", _ => "未查" };
        var image = entry.ImageMatchesPaper switch { true => "；图像就是这张纸的图像", false => "；图像不是这张纸的图像！", _ => string.Empty };
        var detail = $"种子 {seed}，第 {entry.Order} 张 选票 {entry.Sheet}：{finding}{(entry.Note.Length > 0 ? $"（{entry.Note}）" : string.Empty)}{(entry.AuditedMarks.Length > 0 ? $" [{entry.AuditedMarks}]" : string.Empty)}{image}";
        Store.AddSpotCheck(seed, entry, auditor, new StationStore.AuditRow(auditor, AuditEvent.SpotCheck, detail));
    }
}
