using System.Diagnostics;
using BallotScan.Engine.Imaging;

namespace BallotScan.Engine.Tests.Imaging;

/// <summary>Resident memory is process-wide, so this collection runs on its own, after the parallel ones.</summary>
[CollectionDefinition(nameof(NativeMemoryTests), DisableParallelization = true)]
public sealed class MeasuresProcessMemory;

[Collection(nameof(NativeMemoryTests))]
public class NativeMemoryTests
{
    [Fact]
    public void Ten_thousand_decode_and_read_cycles_leave_memory_flat()
    {
        var qr = QrMatrix.Encode("BS1|E=memory|S=1|P=1|C=TL|H=00000000");
        using var source = GrayImage.Create(360, 360);
        Raster.DrawQr(source, qr, 60, 60, 6);
        var png = ImageCodec.EncodePng(source);
        var jpeg = ImageCodec.EncodeJpeg(source, 90);

        void Cycles(int n)
        {
            for (var i = 0; i < n; i++)
            {
                using var image = ImageCodec.Decode(i % 2 == 0 ? png : jpeg);
                var symbols = QrReader.Read(image, null, new QrReadOptions { TryHarder = false });
                Assert.Single(symbols);
                using var binary = ImageOps.ThresholdAdaptive(image, 31, 10);
            }
        }

        Cycles(1_000); // warm up: allocator pools, JIT, engine caches
        // Two windows of 10,000 cycles: a leak grows the resident memory in each (a 1.6 KB leak a cycle, far less than one
        // image of 127 KB, grows it 16 MB a window); the allocator or the GC settling once more grows it in one window only
        // (a clean run once grew 16.2 MB in a single window on a busy machine).
        var growths = new double[2];
        for (var window = 0; window < growths.Length; window++)
        {
            var before = ResidentBytes();
            Cycles(10_000);
            growths[window] = (ResidentBytes() - before) / 1024.0 / 1024.0;
        }

        Assert.True(growths.Min() < 16, $"resident memory grew by {growths[0]:0.0} MB, then {growths[1]:0.0} MB, over two windows of 10,000 cycles");
    }

    private static long ResidentBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }
}
