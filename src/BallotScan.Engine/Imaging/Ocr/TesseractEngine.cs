using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging.Ocr;

/// <summary>Tesseract page segmentation modes BallotScan uses.</summary>
public enum PageSegmentation
{
    /// <summary>One line of text (mode 7).</summary>
    SingleLine = 7,

    /// <summary>One word (mode 8): a printed candidate name.</summary>
    SingleWord = 8,
}

/// <summary>Options for <see cref="TesseractEngine.Open"/>. A plain value.</summary>
public readonly record struct OcrOptions()
{
    /// <summary>Where Debian puts the trained data of tesseract-ocr-chi-sim and tesseract-ocr-eng.</summary>
    public const string DebianDataPath = "/usr/share/tesseract-ocr/5/tessdata";

    /// <summary>Tesseract language code; Simplified Chinese by default.</summary>
    public string Language { get; init; } = "chi_sim";

    /// <summary>Folder holding the .traineddata files; TESSDATA_PREFIX or Debian's folder when null.</summary>
    public string? DataPath { get; init; }

    public PageSegmentation Segmentation { get; init; } = PageSegmentation.SingleWord;

    /// <summary>The resolution the crops are at, so Tesseract does not guess.</summary>
    public int Dpi { get; init; } = 300;
}

/// <summary>What Tesseract read from one crop.</summary>
/// <param name="Text">The text with white space removed (Chinese names have none).</param>
/// <param name="Confidence">Tesseract's mean word confidence, 0 to 100.</param>
public sealed record OcrResult(string Text, int Confidence)
{
    /// <summary>When <see cref="Text"/> is a name the proof accepted from a reading spelt otherwise (a known look-alike): that reading.</summary>
    public string? Ocr { get; init; }
}

/// <summary>
/// One Tesseract engine. Engines are not shared between threads: give each worker thread its own
/// (a call from a second thread waits on a lock rather than corrupting state). Dispose when done.
/// </summary>
public sealed class TesseractEngine : IDisposable
{
    private static readonly Lazy<bool> s_threadLimit = new(() =>
    {
        // Tesseract's OpenMP threads fight over one small crop; one thread per engine is 4 to 10 times faster here.
        // .NET's Environment.SetEnvironmentVariable does not reach native getenv on Linux, so call libc's setenv.
        TesseractMethods.SetEnv("OMP_THREAD_LIMIT", "1", 1);
        return true;
    });

    private readonly TesseractHandle _api;
    private readonly Lock _gate = new();
    private string? _whitelist;
    private PageSegmentation _segmentation;

    private TesseractEngine(TesseractHandle api, PageSegmentation segmentation)
    {
        _api = api;
        _segmentation = segmentation;
    }

    /// <summary>The version string of the Tesseract library found.</summary>
    public static string LibraryVersion
    {
        get
        {
            _ = s_threadLimit.Value;
            return Marshal.PtrToStringUTF8(TesseractMethods.Version()) ?? "unknown";
        }
    }

    /// <summary>Starts an engine for <paramref name="options"/>' language.</summary>
    /// <exception cref="OcrUnavailableException">The trained data or the library is missing; the message names the package.</exception>
    public static TesseractEngine Open(OcrOptions options = default)
    {
        var language = string.IsNullOrEmpty(options.Language) ? "chi_sim" : options.Language;
        var dataPath = options.DataPath ?? Environment.GetEnvironmentVariable("TESSDATA_PREFIX") ?? OcrOptions.DebianDataPath;
        var trainedData = Path.Combine(dataPath, language + ".traineddata");
        if (!File.Exists(trainedData))
        {
            var package = "tesseract-ocr-" + language.Replace('_', '-');
            throw new OcrUnavailableException(
                $"The Tesseract data for '{language}' is missing ({trainedData}). Install the Debian package {package} (./ballotscan setup does this).");
        }

        try
        {
            _ = s_threadLimit.Value;
            var api = TesseractMethods.Create();
            if (TesseractMethods.Init3(api, dataPath, language) != 0)
            {
                api.Dispose();
                throw new OcrUnavailableException($"Tesseract could not load '{language}' from {dataPath}: the data file may be damaged.");
            }

            var segmentation = options.Segmentation == 0 ? PageSegmentation.SingleWord : options.Segmentation;
            TesseractMethods.SetPageSegMode(api, (int)segmentation);
            TesseractMethods.SetVariable(api, "debug_file", "/dev/null");
            return new TesseractEngine(api, segmentation) { Dpi = options.Dpi > 0 ? options.Dpi : 300 };
        }
        catch (NativeLibraryMissingException e)
        {
            throw new OcrUnavailableException(e.Message, e);
        }
    }

    private int Dpi { get; init; }

    /// <summary>
    /// Reads the text in <paramref name="crop"/>. With <paramref name="whitelist"/>, only those characters can come back:
    /// give them only where a wrong character is worse than a forced one. <paramref name="segmentation"/> overrides the
    /// engine's mode for this read.
    /// </summary>
    public OcrResult Read(GrayImage crop, string? whitelist = null, PageSegmentation? segmentation = null)
    {
        ArgumentNullException.ThrowIfNull(crop);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_api.IsClosed, this);
            var mode = segmentation ?? _segmentation;
            if (mode != _segmentation)
            {
                TesseractMethods.SetPageSegMode(_api, (int)mode);
                _segmentation = mode;
            }

            if (!string.Equals(whitelist, _whitelist, StringComparison.Ordinal))
            {
                TesseractMethods.SetVariable(_api, "tessedit_char_whitelist", whitelist ?? string.Empty);
                _whitelist = whitelist;
            }

            var success = false;
            crop.Handle.DangerousAddRef(ref success);
            try
            {
                unsafe
                {
                    fixed (byte* p = crop.Pixels)
                    {
                        TesseractMethods.SetImage(_api, (nint)p, crop.Width, crop.Height, 1, crop.Stride);
                    }
                }

                TesseractMethods.SetSourceResolution(_api, Dpi);
                var textPointer = TesseractMethods.GetUtf8Text(_api);
                var text = Marshal.PtrToStringUTF8(textPointer) ?? string.Empty;
                TesseractMethods.DeleteText(textPointer);
                var confidence = TesseractMethods.MeanTextConfidence(_api);
                TesseractMethods.Clear(_api);
                return new OcrResult(string.Concat(text.Where(c => !char.IsWhiteSpace(c))), confidence);
            }
            finally
            {
                crop.Handle.DangerousRelease();
            }
        }
    }

    public void Dispose() => _api.Dispose();
}

/// <summary>Tesseract or its language data is not installed; the message says which package to install.</summary>
public sealed class OcrUnavailableException : Exception
{
    public OcrUnavailableException(string message)
        : base(message)
    {
    }

    public OcrUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
