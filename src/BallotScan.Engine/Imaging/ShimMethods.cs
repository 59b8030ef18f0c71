using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging;

/// <summary>P/Invoke declarations for the native shim (see Native/ballotscan_native.h). Nothing else calls the shim.</summary>
internal static unsafe partial class ShimMethods
{
    static ShimMethods() => NativeLibraries.EnsureResolver();

    [StructLayout(LayoutKind.Sequential)]
    internal struct QrSymbolNative
    {
        public fixed int X[4];
        public fixed int Y[4];
        public int OrientationDegrees;
        public int TextLength;
        public fixed byte Text[1024];
    }

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_last_error")]
    internal static partial nint LastError();

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_version")]
    internal static partial int Version(byte* buffer, int capacity);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_image_free")]
    internal static partial void ImageFree(nint image);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_image_info")]
    internal static partial int ImageInfo(NativeImageHandle image, out int width, out int height, out int stride, out nint pixels);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_image_create")]
    internal static partial int ImageCreate(int width, int height, byte* pixels, int stride, byte fill, out NativeImageHandle image);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_decode")]
    internal static partial int Decode(byte* data, nuint length, int page, out NativeImageHandle image);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_jpeg_rows_open")]
    internal static partial int JpegRowsOpen(byte* data, nuint length, out nint rows, out NativeImageHandle image);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_jpeg_rows_advance")]
    internal static partial int JpegRowsAdvance(nint rows, int untilRow, int skip, out int warnings);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_jpeg_rows_free")]
    internal static partial void JpegRowsFree(nint rows);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_encode")]
    internal static partial int Encode(NativeImageHandle image, int format, int quality, out nint buffer, out nuint length);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_encode_tiff")]
    internal static partial int EncodeTiff(nint* pages, int count, int compression, int dpi, out nint buffer, out nuint length);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_buffer_free")]
    internal static partial void BufferFree(nint buffer);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_qr_read")]
    internal static partial int QrRead(NativeImageHandle image, int x, int y, int width, int height, int tryHarder,
        int binarized, int maxSymbols, QrSymbolNative* symbols, int capacity, out int count);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_qr_encode", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int QrEncode(string text, int ecc, byte* modules, int capacity, out int size);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_warp_perspective")]
    internal static partial int WarpPerspective(NativeImageHandle image, double* matrix, int width, int height, int interpolation,
        byte border, out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_resize")]
    internal static partial int Resize(NativeImageHandle image, int width, int height, int interpolation, out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_threshold_adaptive")]
    internal static partial int ThresholdAdaptive(NativeImageHandle image, int blockSize, double c, int invert, out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_morphology")]
    internal static partial int Morphology(NativeImageHandle image, int op, int shape, int kernelWidth, int kernelHeight, int iterations,
        out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_gaussian_blur")]
    internal static partial int GaussianBlur(NativeImageHandle image, double sigma, out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_render_text", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RenderText(string fontPath, int faceIndex, string text, int pixelHeight, int padding, out NativeImageHandle result);

    [LibraryImport(NativeLibraries.Shim, EntryPoint = "bs_font_missing_glyph", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int FontMissingGlyph(string fontPath, int faceIndex, string text, out int missing);

    /// <summary>Turns a shim status into the matching typed exception, with the shim's own message.</summary>
    internal static void Check(int status, string operation)
    {
        if (status == 0)
        {
            return;
        }

        var message = Marshal.PtrToStringUTF8(LastError()) ?? string.Empty;
        var kind = (ImagingErrorKind)status;
        throw kind switch
        {
            ImagingErrorKind.InvalidArgument => new ArgumentException($"{operation}: {message}"),
            _ => new ImagingException(kind, $"{operation}: {message}"),
        };
    }

    /// <summary>The versions of the engines the shim was built against.</summary>
    internal static string EngineVersions()
    {
        var buffer = stackalloc byte[256];
        Check(Version(buffer, 256), "version");
        return Marshal.PtrToStringUTF8((nint)buffer) ?? string.Empty;
    }
}
