using System.CommandLine;
using BallotScan.Engine.Fonts;
using BallotScan.Engine.Imaging;
using BallotScan.Engine.Imaging.Ocr;
using BallotScan.Host.Text;

namespace BallotScan.Host.Commands;

/// <summary>`ballotscan info`: what this installation runs on, and whether each engine is there. A first stop when something fails.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", Cli.S("显示 BallotScan 所用各引擎的版本，并检查是否都已安装。", "Show the versions of the engines BallotScan uses and check that each is installed."));
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var problems = 0;
        Console.WriteLine(Cli.S($"BallotScan {typeof(InfoCommand).Assembly.GetName().Version}，.NET {Environment.Version}，{Environment.ProcessorCount} 核", $"BallotScan {typeof(InfoCommand).Assembly.GetName().Version} on .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
        problems += Check(Cli.S("图像库", "imaging engines"), () => EngineInfo.NativeVersions);
        problems += Check(Cli.S("文字识别", "Tesseract OCR"), () =>
        {
            using var engine = TesseractEngine.Open();
            return Cli.S($"Tesseract {TesseractEngine.LibraryVersion}，简体中文数据已安装", $"{TesseractEngine.LibraryVersion}, Simplified Chinese data present");
        });
        problems += Check(Cli.S("中文字体", "Chinese font"), () => Cli.S($"{FontLocator.Chinese.Family}（{FontLocator.Chinese.Path}，第 {FontLocator.Chinese.Index} 款）", $"{FontLocator.Chinese.Family} ({FontLocator.Chinese.Path}, face {FontLocator.Chinese.Index})"));
        Console.WriteLine(problems == 0 ? Cli.S("BallotScan 需要的都已安装。", "Everything BallotScan needs is installed.") : Cli.S($"缺少 {problems} 项：请运行 ./ballotscan setup。", $"{problems} thing(s) missing: run ./ballotscan setup."));
        return problems == 0 ? 0 : 1;
    }

    private static int Check(string what, Func<string> probe)
    {
        try
        {
            Console.WriteLine($"  {Cli.Pad(what, 16)} {probe()}");
            return 0;
        }
#pragma warning disable CA1031 // a diagnostic command reports every failure and goes on
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.WriteLine($"  {Cli.Pad(what, 16)} {Cli.S("缺少：", "MISSING: ")}{e.Message}");
            return 1;
        }
    }
}
