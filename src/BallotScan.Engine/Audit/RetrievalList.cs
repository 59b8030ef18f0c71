using BallotScan.Engine.Recognition;

namespace BallotScan.Engine.Audit;

/// <summary>One paper ballot to pull from the sealed batches: where it lies and which image it should match.</summary>
/// <param name="Order">Its place in the draw (1 first).</param>
/// <param name="Sheet">The sheet id (the image's SHA-256, and the page of a multi-page file).</param>
/// <param name="Batch">The batch (ballot box or scanner run) its paper is kept with; "" when none was named.</param>
/// <param name="Position">The image file's place in the batch, in scan order (1 first); null when unknown.</param>
/// <param name="Page">The page within that file (1 first): a feeder run saved as one multi-page file keeps its papers by page.</param>
/// <param name="File">The image file's name as received.</param>
public sealed record RetrievalItem(int Order, string Sheet, string Batch, int? Position, int Page, string File);

/// <summary>
/// The retrieval list of a spot-check (调取清单, as Arlo prints one): the drawn sheets sorted for pulling paper, batch by batch
/// in the order the batches were scanned, and within a batch by position, so an auditor goes through each sealed envelope
/// once, front to back.
/// </summary>
public static class RetrievalList
{
    public static IReadOnlyList<RetrievalItem> Of(IReadOnlyList<string> drawn, IReadOnlyList<SheetInterpretation> sheets)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        ArgumentNullException.ThrowIfNull(sheets);
        var batchOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in sheets)
        {
            batchOrder.TryAdd(s.Batch ?? string.Empty, batchOrder.Count);
        }

        var byId = sheets.GroupBy(s => s.SheetId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return [.. drawn.Select((id, i) => byId.TryGetValue(id, out var s)
                ? new RetrievalItem(i + 1, id, s.Batch ?? string.Empty, s.BatchPosition, s.SourcePage + 1, Path.GetFileName(s.Source ?? string.Empty))
                : new RetrievalItem(i + 1, id, string.Empty, null, 1, string.Empty))
            .OrderBy(r => batchOrder.GetValueOrDefault(r.Batch, int.MaxValue)).ThenBy(r => r.Position ?? int.MaxValue).ThenBy(r => r.Page).ThenBy(r => r.Order)];
    }
}
