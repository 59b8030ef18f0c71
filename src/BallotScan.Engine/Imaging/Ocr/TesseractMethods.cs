using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging.Ocr;

/// <summary>P/Invoke declarations for Tesseract 5's C API (tesseract/capi.h) and libc's setenv.</summary>
internal static partial class TesseractMethods
{
    static TesseractMethods() => NativeLibraries.EnsureResolver();

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessVersion")]
    internal static partial nint Version();

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPICreate")]
    internal static partial TesseractHandle Create();

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIDelete")]
    internal static partial void Delete(nint api);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIEnd")]
    internal static partial void End(nint api);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIInit3", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Init3(TesseractHandle api, string dataPath, string language);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPISetVariable", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetVariable(TesseractHandle api, string name, string value);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPISetPageSegMode")]
    internal static partial void SetPageSegMode(TesseractHandle api, int mode);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPISetImage")]
    internal static partial void SetImage(TesseractHandle api, nint data, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPISetSourceResolution")]
    internal static partial void SetSourceResolution(TesseractHandle api, int ppi);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIGetUTF8Text")]
    internal static partial nint GetUtf8Text(TesseractHandle api);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIMeanTextConf")]
    internal static partial int MeanTextConfidence(TesseractHandle api);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessBaseAPIClear")]
    internal static partial void Clear(TesseractHandle api);

    [LibraryImport(NativeLibraries.Tesseract, EntryPoint = "TessDeleteText")]
    internal static partial void DeleteText(nint text);

    [LibraryImport(NativeLibraries.LibC, EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetEnv(string name, string value, int overwrite);
}

/// <summary>Owns one TessBaseAPI and ends it exactly once.</summary>
internal sealed class TesseractHandle : SafeHandle
{
    public TesseractHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        TesseractMethods.End(handle);
        TesseractMethods.Delete(handle);
        return true;
    }
}
