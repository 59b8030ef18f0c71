using BallotScan.Host.Commands;
using System.CommandLine;
using System.Globalization;
using BallotScan.Engine.Recognition;
using BallotScan.Lab.Synthesis;
using BallotScan.Lab.Fitting;
using BallotScan.Host.Text;

namespace BallotScan.Lab.Commands;

/// <summary>`ballotscan calibrate`: refits the mark classifier and its confident threshold from labelled samples.</summary>
internal static class CalibrateCommand
{
    public const int ScannerSeed = MarkCalibration.FirstCalibrationSeed + 1;
    public const int CameraSeed = MarkCalibration.FirstCalibrationSeed + 2;

    public static Command Create()
    {
        var definition = new Option<FileInfo>("--definition") { Description = Cli.T("样本画在哪个选举的选票上。"), DefaultValueFactory = _ => new FileInfo("examples/villagers-committee.json") };
        var sheets = new Option<int>("--sheets") { Description = Cli.T("每种采集方式的张数（扫描仪、相机）。"), DefaultValueFactory = _ => 1500 };
        var output = new Option<FileInfo>("--output", "-o") { Description = Cli.T("拟合好的分类器写到哪里。"), DefaultValueFactory = _ => new FileInfo("calibration/mark-classifier.json") };
        var realMarks = new Option<FileInfo>("--real-marks") { Description = Cli.T("与合成符号一起拟合的真实手绘图形"), DefaultValueFactory = _ => new FileInfo(RealMarkCommands.DefaultPack) };
        var heldOut = new Option<int>("--hold-out-fold") { Description = Cli.T("拟合时留出的书写者组（0 至 {0}）：真实图形的指标在这组书写者上测量。", RealMarkFolds.Folds.Count - 1), DefaultValueFactory = _ => RealMarkFolds.ShippedHeldOut };
        var shapeOnly = new Option<FileInfo?>("--shape-net-only") { Description = Cli.T("只拟合形状网络（○ 的形状检查），放入给定的分类器文件，其余原样保留。") };
        var writers = new Option<string?>("--writers") { Description = Cli.T("拟合所用真实手绘的书写者（逗号分隔；默认：留出组以外的全部）。") };
        var shapeSeed = new Option<int>("--shape-net-seed") { Description = Cli.T("形状网络拟合的随机种子（初始权重和样本顺序）。"), DefaultValueFactory = _ => 1 };
        var command = new Command("calibrate", Cli.T("由带标注的合成样本（种子 {0} 和 {1}；评估种子须小于 {2}）和留出组以外书写者的真实手绘，拟合符号分类器及其可信阈值。", ScannerSeed, CameraSeed, MarkCalibration.FirstCalibrationSeed))
        {
            definition, sheets, output, realMarks, heldOut, shapeOnly, writers, shapeSeed,
        };
        command.SetAction(parse => Run(parse.GetValue(definition)!, parse.GetValue(sheets), parse.GetValue(output)!, parse.GetValue(realMarks)!, parse.GetValue(heldOut), parse.GetValue(shapeOnly), parse.GetValue(writers), parse.GetValue(shapeSeed)));
        return command;
    }

    private static int Run(FileInfo definitionFile, int sheets, FileInfo output, FileInfo realMarks, int heldOut, FileInfo? shapeOnly, string? writers, int shapeSeed)
    {
        if (!realMarks.Exists || heldOut < 0 || heldOut >= RealMarkFolds.Folds.Count)
        {
            Console.Error.WriteLine(Cli.T("需要真实图形包（{1}：用 real-marks pack 生成）和 0 至 {0} 的组号", RealMarkFolds.Folds.Count - 1, realMarks.FullName));
            return 1;
        }

        IReadOnlyList<string> fitWriters = writers is null ? RealMarkFolds.FitWriters(heldOut) : [.. writers.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        if (fitWriters.Count == 0 || fitWriters.Except(RealMarkFolds.Folds.SelectMany(f => f)).Any() || fitWriters.Intersect(RealMarkFolds.Folds[heldOut]).Any())
        {
            Console.Error.WriteLine(Cli.T("拟合的书写者须是真实图形包中的书写者，且不在留出组 {0} 中。", heldOut));
            return 1;
        }
        var definition = ElectionCommands.LoadValid(definitionFile);
        if (definition is null)
        {
            return 1;
        }

        Console.WriteLine(Cli.T("收集样本：扫描仪 {0} 张（种子 {1}），相机 {0} 张（种子 {2}）…", sheets, ScannerSeed, CameraSeed));
        var samples = CliProgress.Run(Cli.T("收集样本"), 2 * sheets, bar =>
            MarkCalibration.Collect(definition, [(ScannerSeed, CaptureConditions.Scanner), (CameraSeed, CaptureConditions.Camera)], sheets, new Progress<int>(bar.Done),
                Path.GetRelativePath(Environment.CurrentDirectory, realMarks.FullName), string.Join(',', fitWriters), shapes: true));
        var shapeCommand = $"./ballotscan calibrate --definition {definitionFile.Name} --sheets {sheets} --hold-out-fold {heldOut}{(writers is null ? string.Empty : $" --writers {string.Join(',', fitWriters)}")}{(shapeSeed == 1 ? string.Empty : $" --shape-net-seed {shapeSeed}")}";
        if (shapeOnly is not null)
        {
            var kept = MarkClassifier.Load(shapeOnly.FullName);
            var withShape = kept with { Shape = FitShape(samples, realMarks, shapeCommand + $" --shape-net-only {shapeOnly.Name}", fitWriters, shapeSeed) };
            output.Directory?.Create();
            File.WriteAllText(output.FullName, withShape.ToJson());
            Console.WriteLine(Cli.T("已写入 {0}。", output.FullName));
            return 0;
        }

        var training = samples.Where(s => s.Sheet % 5 != 0).Select(s => s.Sample).ToList();
        var validation = samples.Where(s => s.Sheet % 5 == 0).Select(s => s.Sample).ToList();
        Console.WriteLine(Cli.T("用 {0} 个样本拟合，{1} 个样本验证…", training.Count, validation.Count));
        var model = MarkClassifierFit.Fit(training, validation) with { Shape = FitShape(samples, realMarks, shapeCommand, fitWriters, shapeSeed) };

        var predictions = validation.Select(s => (s.Label, P: model.Probabilities(s.Features))).ToList();
        var errors = predictions.Where(x => MarkClassifier.ArgMax(x.P) != (int)x.Label).ToList();
        var review = validation.Count(s => !MarkClassifierFit.CountedAlone(model, s));
        static IReadOnlyDictionary<string, int> ByClass(IEnumerable<MarkClassifierFit.Sample> s) =>
            s.GroupBy(x => x.Label).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(), g => g.Count());
        model = model with
        {
            Provenance = new CalibrationProvenance
            {
                Command = $"./ballotscan calibrate --definition {definitionFile.Name} --sheets {sheets} --hold-out-fold {heldOut}",
                Software = "BallotScan " + typeof(MarkClassifier).Assembly.GetName().Version,
                Definition = definition.Id,
                Seeds = $"{ScannerSeed} (scanner), {CameraSeed} (camera); validation: every fifth sheet",
                Sheets = 2 * sheets,
                TrainingSamples = ByClass(training),
                ValidationSamples = ByClass(validation),
                ValidationErrors = errors.Count,
                ValidationErrorsConfident = validation.Count(s => MarkClassifier.ArgMax(model.Probabilities(s.Features)) != (int)s.Label && MarkClassifierFit.CountedAlone(model, s)),
                ValidationReviewRate = Math.Round(review / (double)validation.Count, 5),
                RealMarkWriters = fitWriters,
                HeldOutWriters = RealMarkFolds.Folds[heldOut],
            },
        };

        output.Directory?.Create();
        File.WriteAllText(output.FullName, model.ToJson());
        Console.WriteLine(Cli.T("验证（行：真实，列：识别）："));
        Console.WriteLine("          " + string.Concat(Enum.GetNames<MarkSymbol>().Select(n => $"{n,8}")));
        foreach (var truth in Enum.GetValues<MarkSymbol>())
        {
            var row = Enum.GetValues<MarkSymbol>().Select(read => predictions.Count(x => x.Label == truth && MarkClassifier.ArgMax(x.P) == (int)read));
            Console.WriteLine($"  {truth,-8}" + string.Concat(row.Select(c => $"{c,8}")));
        }

        var thresholds = string.Join(", ", Enum.GetValues<MarkSymbol>().Select(m => string.Create(CultureInfo.InvariantCulture, $"{m} {model.ThresholdFor(m):0.####}")));
        var share = (100.0 * review / validation.Count).ToString("0.##", CultureInfo.InvariantCulture);
        Console.WriteLine(Cli.T("可信阈值 {0}：验证样本识别错误 {1} 个，无一不经人工即被计入（低于阈值或被符号检查拦下）；验证位置中 {2} % 交人工审核。", thresholds, errors.Count, share));
        Console.WriteLine(Cli.T("已写入 {0}。重新构建（./ballotscan setup）后识别程序才会采用它。", output.FullName));
        return 0;
    }

    /// <summary>
    /// Fits the shape network on the inked marks of the training sheets (○ against all else) and says how it does on the
    /// validation sheets' marks read as ○ by their truth and as other inked marks.
    /// </summary>
    private static ShapeNet FitShape(IReadOnlyList<MarkCalibration.LabelledSample> samples, FileInfo realMarks, string command, IReadOnlyList<string> writers, int seed)
    {
        var inked = samples.Where(s => s.Shape is not null).ToList();
        var drawings = ShapeNetFit.FromDrawings(RealMarkSet.Load(realMarks.FullName).OfWriters(writers).Drawings).ToList();
        var training = inked.Where(s => s.Sheet % 5 != 0).Select(s => new ShapeNetFit.Sample(s.Shape!, s.Sample.Label == MarkSymbol.Circle)).Concat(drawings).ToList();
        var validation = inked.Where(s => s.Sheet % 5 == 0).Select(s => new ShapeNetFit.Sample(s.Shape!, s.Sample.Label == MarkSymbol.Circle)).ToList();
        var options = new ShapeNetFit.Options { Seed = seed };
        Console.WriteLine(Cli.T("拟合形状网络：{0} 个有墨迹的样本（其中 ○ {1} 个）…", training.Count, training.Count(s => s.Circle)));
        var net = CliProgress.Run(Cli.T("拟合形状网络"), options.Epochs, bar =>
        {
            var done = 0;
            return ShapeNetFit.Fit(training, options, new Progress<string>(_ => bar.Done(Interlocked.Increment(ref done))));
        });
        var circles = validation.Where(s => s.Circle).Select(s => net.CircleProbability(s.Image)).ToList();
        var others = validation.Where(s => !s.Circle).Select(s => net.CircleProbability(s.Image)).ToList();
        // Said at even odds, whatever the guard's constant (set later, on development folds): the provenance stays the fit's own.
        const double even = 0.5;
        var below = circles.Count(p => p < even);
        var above = others.Count(p => p >= even);
        Console.WriteLine(Cli.T("形状网络验证：○ {0} 个中 {1} 个低于 {2}；其他有墨迹的 {3} 个中 {4} 个不低于它。", circles.Count, below, even, others.Count, above));
        return net with
        {
            Writers = writers,
            Provenance = string.Create(CultureInfo.InvariantCulture,
                $"{command}; seeds {ScannerSeed} (scanner), {CameraSeed} (camera), every fifth sheet for validation; real drawings of {string.Join(',', writers)}; {training.Count} training marks ({training.Count(s => s.Circle)} ○; {drawings.Count} of them the writers' drawings, thickened by 1 and 2 px); validation: {below} of {circles.Count} ○ below {even}, {above} of {others.Count} others at or above; {options.Epochs} epochs, seed {options.Seed}; BallotScan {typeof(MarkClassifier).Assembly.GetName().Version}"),
        };
    }
}
