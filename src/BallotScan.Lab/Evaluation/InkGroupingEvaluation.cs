using System.Collections.Concurrent;
using BallotScan.Engine.Elections;
using BallotScan.Engine.Geometry;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Layout;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;

namespace BallotScan.Lab.Evaluation;

/// <summary>One written name cell as the station would group it: the name its voter wrote (the generator's truth) and its ink.</summary>
internal sealed record WrittenCell(string Name, InkSignature Ink);

/// <summary>
/// How well the likeness of the ink groups written names (<see cref="InkLikeness.Group"/>) at one reach.
/// </summary>
/// <param name="Within">The reach.</param>
/// <param name="Cells">Written cells grouped.</param>
/// <param name="Names">Distinct names written.</param>
/// <param name="Groups">Groups made.</param>
/// <param name="Purity">The share of cells whose group's most written name is their own (what a person unticks is the rest).</param>
/// <param name="LargestShare">The share of each name's cells in that name's largest group, averaged over the names (1: every name in one group).</param>
internal sealed record InkGroupingScore(double Within, int Cells, int Names, int Groups, double Purity, double LargestShare);

/// <summary>
/// The generator's written names (a name per cell, from the voters' model), read back by the reader as the station reads them,
/// and grouped by the likeness of their ink against the truth of who was named.
/// </summary>
internal static class InkGroupingEvaluation
{
    /// <summary>The written cells of <paramref name="sheets"/> ballots of <paramref name="seed"/>, read and located by the reader.</summary>
    public static IReadOnlyList<WrittenCell> Cells(ElectionDefinition definition, int seed, int sheets)
    {
        using var synthesizer = new BallotSynthesizer(definition, new SynthesisOptions { Seed = seed, RescanRate = 0, DuplicateFileRate = 0 }.OnlyBallots());
        var layout = LayoutBuilder.Build(definition, SurnameStrokeOrder.Debian);
        var reader = new BallotReader([layout], MarkClassifier.Shipped);
        var cells = new ConcurrentBag<(int Sheet, int Order, WrittenCell Cell)>();
        Parallel.For(0, sheets, index =>
        {
            var made = synthesizer.Generate(index);
            foreach (var reading in reader.ReadFile(made.Bytes, made.Truth.File))
            {
                if (!reading.Accepted || reading.LayoutToImage is not { } h)
                {
                    continue;
                }

                using var image = ImageCodec.Decode(made.Bytes, reading.SourcePage);
                var toImage = new Homography(h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
                var page = layout.PageOf(reading.Page);
                foreach (var (truth, order) in made.Truth.Boxes.Where(b => b.WriteInName is not null).Select((b, i) => (b, i)))
                {
                    if (page.Boxes.FirstOrDefault(b => b.Id == truth.BoxId) is { } box)
                    {
                        cells.Add((index, order, new WrittenCell(truth.WriteInName!, InkLikeness.OfNameCell(image, toImage, box))));
                    }
                }
            }
        });
        return [.. cells.OrderBy(c => c.Sheet).ThenBy(c => c.Order).Select(c => c.Cell)];
    }

    /// <summary>Groups <paramref name="cells"/> at <paramref name="within"/> and scores the groups against who was named.</summary>
    public static InkGroupingScore Score(IReadOnlyList<WrittenCell> cells, double within)
    {
        var group = InkLikeness.Group([.. cells.Select(c => c.Ink)], within);
        var byGroup = cells.Select((c, i) => (c.Name, Group: group[i])).GroupBy(x => x.Group).ToList();
        var pure = byGroup.Sum(g => g.GroupBy(x => x.Name).Max(n => n.Count()));
        var names = cells.Select(c => c.Name).Distinct().ToList();
        var largest = names.Average(name => (double)byGroup.Max(g => g.Count(x => x.Name == name)) / cells.Count(c => c.Name == name));
        return new InkGroupingScore(within, cells.Count, names.Count, byGroup.Count, cells.Count == 0 ? 0 : (double)pure / cells.Count, largest);
    }
}
