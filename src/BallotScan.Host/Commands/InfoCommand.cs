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
        var command = new Command("info", Cli.T("显示 BallotScan 所用各引擎的版本，并检查是否都已安装。"));
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var problems = 0;
        Console.WriteLine(Cli.T("BallotScan {0}，.NET {1}，{2} 核", typeof(InfoCommand).Assembly.GetName().Version, Environment.Version, Environment.ProcessorCount));
        problems += Check(Cli.T("图像库"), () => EngineInfo.NativeVersions);
        problems += Check(Cli.T("文字识别"), () =>
        {
            using var engine = TesseractEngine.Open();
            return Cli.T("Tesseract {0}，简体中文数据已安装", TesseractEngine.LibraryVersion);
        });
        problems += Check(Cli.T("中文字体"), () => Cli.T("{0}（{1}，第 {2} 款）", FontLocator.Chinese.Family, FontLocator.Chinese.Path, FontLocator.Chinese.Index));
        Console.WriteLine(problems == 0 ? Cli.T("BallotScan 需要的都已安装。") : Cli.T("缺少 {0} 项：请运行 ./ballotscan setup。", problems));
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
            Console.WriteLine($"  {Cli.Pad(what, 16)} {Cli.T("缺少：")}{e.Message}");
            return 1;
        }
    }
}
