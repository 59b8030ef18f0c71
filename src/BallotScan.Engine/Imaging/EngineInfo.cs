namespace BallotScan.Engine.Imaging;

/// <summary>What the imaging layer runs on, for `ballotscan info` and for the archive's record of the software used.</summary>
public static class EngineInfo
{
    /// <summary>The engine versions the native shim was built against, e.g. "OpenCV 4.6.0; zxing-cpp 1.4.0; libtiff 4.5.0".</summary>
    public static string NativeVersions => ShimMethods.EngineVersions();
}
