using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BallotScan.Engine.Imaging;

/// <summary>
/// A grayscale JPEG decoded from the top down into an image of its full size, a band of rows at a time, skipping the
/// bands its reader does not need: a skipped row's data is still read (the file is checked to its end) but never turned
/// into pixels (on a 200 dpi scan about a third of the decode) and the row is filled with mid-gray. Rows decoded are pixel for pixel those of
/// <see cref="ImageCodec.Decode"/> (the same libjpeg, the same method); the image tells which rows it holds
/// (<see cref="GrayImage.HasRows"/>). Only a baseline one-component JPEG without an EXIF block qualifies (a scanner's
/// gray page); <see cref="TryOpen"/> gives null for any other file, to be decoded whole.
/// </summary>
internal sealed unsafe class JpegRowDecoder : IDisposable
{
    private readonly DecodedRows _rows = new();
    private GCHandle _pin;
    private nint _decoder;

    private JpegRowDecoder(GCHandle pin, nint decoder, GrayImage image)
    {
        (_pin, _decoder, Image) = (pin, decoder, image);
        image.Decoded = _rows;
    }

    /// <summary>The image being decoded: rows not yet decoded, or skipped, hold none of the sheet's pixels.</summary>
    public GrayImage Image { get; }

    /// <summary>True when libjpeg went on past damaged data (the file is better decoded whole, as it always was).</summary>
    public bool Damaged { get; private set; }

    /// <summary>Time spent in libjpeg so far.</summary>
    public TimeSpan DecodeTime { get; private set; }

    /// <summary>
    /// Opens <paramref name="bytes"/>, a JPEG whose header <see cref="ImageCodec.CheckPage"/> has passed, or gives null
    /// when it does not qualify.
    /// </summary>
    /// <exception cref="ImagingException">libjpeg cannot read the header.</exception>
    public static JpegRowDecoder? TryOpen(byte[] bytes, PageSize size)
    {
        var clock = Stopwatch.StartNew();
        var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        JpegRowDecoder? opened = null;
        try
        {
            var status = ShimMethods.JpegRowsOpen((byte*)pin.AddrOfPinnedObject(), (nuint)bytes.Length, out var decoder, out var handle);
            if (status != 0 || decoder == 0)
            {
                handle.Dispose();
                ShimMethods.Check(status, "JPEG rows");
                return null;
            }

            var image = new GrayImage(handle);
            if (image.Width != size.Width || image.Height != size.Height)
            {
                ShimMethods.JpegRowsFree(decoder);
                image.Dispose();
                return null;
            }

            opened = new JpegRowDecoder(pin, decoder, image) { DecodeTime = clock.Elapsed };
            return opened;
        }
        finally
        {
            if (opened is null)
            {
                pin.Free();
            }
        }
    }

    /// <summary>Decodes the rows from the front up to (not including) <paramref name="row"/>.</summary>
    public void DecodeTo(int row) => Advance(row, skip: false);

    /// <summary>Skips the rows from the front up to (not including) <paramref name="row"/>: read, never turned into pixels.</summary>
    public void SkipTo(int row) => Advance(row, skip: true);

    public void Dispose()
    {
        if (_decoder != 0)
        {
            ShimMethods.JpegRowsFree(_decoder);
            _decoder = 0;
            _pin.Free();
        }

        Image.Dispose();
    }

    private void Advance(int row, bool skip)
    {
        ObjectDisposedException.ThrowIf(_decoder == 0, this);
        row = Math.Clamp(row, _rows.Front, Image.Height);
        if (row == _rows.Front)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        ShimMethods.Check(ShimMethods.JpegRowsAdvance(_decoder, row, skip ? 1 : 0, out var warnings), "JPEG rows");
        DecodeTime += clock.Elapsed;
        Damaged = warnings > 0;
        if (skip)
        {
            _rows.Skipped(row);
        }
        else
        {
            _rows.Decoded(row);
        }
    }
}
