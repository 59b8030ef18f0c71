using System.CommandLine;
using BallotScan.Engine.Recognition;
using BallotScan.Engine.Synthesis;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan real-marks pack`: real hand-drawn shapes into the one file the generator and calibration read.</summary>
internal static class RealMarkCommands
{
    public const string DefaultPack = "calibration/real-marks/hand-drawn-shapes.bin.gz";
    public const string DefaultRelabelled = "calibration/real-marks/relabelled.csv";

    public static Command Create()
    {
        var dataset = new Argument<DirectoryInfo>("dataset") { Description = Cli.S("手绘图形数据集的文件夹（user.<id>/images/<shape>/*.png）。", "The Hand-drawn Shapes dataset's folder (user.<id>/images/<shape>/*.png).") };
        var relabelled = new Option<FileInfo>("--relabelled") { Description = Cli.T("人工判读表 / A person's readings of drawings filed under another shape (source,symbol,note)."), DefaultValueFactory = _ => new FileInfo(DefaultRelabelled) };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("输出文件 / The pack to write."), DefaultValueFactory = _ => new FileInfo(DefaultPack) };
        var pack = new Command("pack", Cli.T("把真实手绘图形打包为一个文件 / Pack real hand-drawn shapes, labelled, into one file for the generator and calibration.")) { dataset, relabelled, output };
        pack.SetAction(parse => Pack(parse.GetValue(dataset)!, parse.GetValue(relabelled)!, parse.GetValue(output)!));
        return new Command("real-marks", Cli.T("真实手写符号 / Real hand-drawn marks")) { pack };
    }

    /// <summary>Reads source,symbol,note lines (a header first): drawings a person reads as another symbol than their folder says.</summary>
    public static IReadOnlyDictionary<string, MarkSymbol> ReadRelabelled(FileInfo file)
    {
        var result = new Dictionary<string, MarkSymbol>(StringComparer.Ordinal);
        if (!file.Exists)
        {
            return result;
        }

        foreach (var line in File.ReadLines(file.FullName).Skip(1).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(',', 3);
            if (parts.Length < 2 || !Enum.GetNames<MarkSymbol>().Contains(parts[1].Trim(), StringComparer.Ordinal))
            {
                throw new InvalidDataException($"{file.Name}: \"{line}\" is not source,symbol,note with a symbol of {string.Join('/', Enum.GetNames<MarkSymbol>())}.");
            }

            result[parts[0].Trim()] = Enum.Parse<MarkSymbol>(parts[1].Trim());
        }

        return result;
    }

    /// <summary>The dataset's folder as the user calls the shape.</summary>
    private static string ShapeName(RealShape shape) => shape switch
    {
        RealShape.Ellipse => Cli.S("椭圆", "ellipse"),
        RealShape.Rectangle => Cli.S("矩形", "rectangle"),
        RealShape.Triangle => Cli.S("三角形", "triangle"),
        _ => Cli.S("其他图形", "other"),
    };

    private static int Pack(DirectoryInfo dataset, FileInfo relabelled, FileInfo output)
    {
        if (!dataset.Exists)
        {
            Console.Error.WriteLine(Cli.T($"找不到文件夹 {dataset.FullName} / No folder {dataset.FullName}."));
            return 1;
        }

        var set = RealMarkSet.ReadDataset(dataset.FullName, ReadRelabelled(relabelled));
        output.Directory?.Create();
        set.Pack(output.FullName);
        Console.WriteLine(Cli.T($"已打包 {set.Drawings.Count} 个图形（{set.Writers.Count} 位书写者），写入 {output.FullName}： / Packed {set.Drawings.Count} drawings of {set.Writers.Count} writers into {output.FullName}:"));
        foreach (var g in set.Drawings.GroupBy(d => (d.Shape, d.Truth)).OrderBy(g => g.Key))
        {
            var reads = g.Key.Truth is { } truth ? Station.Web.Words.Symbol(new Station.Web.Lang(Cli.English), truth) : Cli.S("（不放在选票上）", "(not on ballots)");
            Console.WriteLine($"  {ShapeName(g.Key.Shape),-10} → {reads,-18} {g.Count()}");
        }

        return 0;
    }
}
