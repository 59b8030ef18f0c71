using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging;

/// <summary>Owns one native image (a cv::Mat inside the shim) and frees it exactly once.</summary>
internal sealed class NativeImageHandle : SafeHandle
{
    public NativeImageHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        ShimMethods.ImageFree(handle);
        return true;
    }
}
