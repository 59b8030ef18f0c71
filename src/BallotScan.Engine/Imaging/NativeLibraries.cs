using System.Reflection;
using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// Finds the native libraries the Engine calls: its own shim (built next to the program) and Debian's Tesseract and libc.
/// A missing library gives a message that says what to install, not a bare DllNotFoundException.
/// </summary>
internal static class NativeLibraries
{
    internal const string Shim = "ballotscan_native";
    internal const string Tesseract = "tesseract";
    internal const string LibC = "libc";

    private static int s_installed;

    /// <summary>Installs the resolver once for the Engine assembly. Called from the static constructors of the interop classes.</summary>
    internal static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref s_installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        Shim => LoadShim(),
        Tesseract => LoadSystem("libtesseract.so.5", "Tesseract OCR 5", "libtesseract5"),
        LibC => LoadSystem("libc.so.6", "the C library", "libc6"),
        _ => 0,
    };

    private static nint LoadShim()
    {
        const string file = "libballotscan_native.so";
        var path = Path.Combine(AppContext.BaseDirectory, file);
        if (File.Exists(path))
        {
            try
            {
                return NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new NativeLibraryMissingException(
                    $"The imaging shim {path} is there but could not be loaded: {e.Message} " +
                    "Its Debian libraries (OpenCV, zxing-cpp, libtiff, FreeType) are probably missing: run ./ballotscan setup.", e);
            }
        }

        throw new NativeLibraryMissingException(
            $"The imaging shim {file} was not found in {AppContext.BaseDirectory}. " +
            "It is built by `dotnet build` of BallotScan.Engine: run ./ballotscan setup.");
    }

    private static nint LoadSystem(string soname, string what, string package)
    {
        if (NativeLibrary.TryLoad(soname, out var handle))
        {
            return handle;
        }

        throw new NativeLibraryMissingException(
            $"{what} ({soname}) is not installed. Install the Debian package {package} (./ballotscan setup does this).");
    }
}

/// <summary>A native library BallotScan needs is not installed or cannot be loaded; the message says what to install.</summary>
public sealed class NativeLibraryMissingException : Exception
{
    public NativeLibraryMissingException(string message)
        : base(message)
    {
    }

    public NativeLibraryMissingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
