using BallotScan.Engine.Imaging;
using PdfSharp.Drawing;

namespace BallotScan.Engine.Printing;

/// <summary>Draws a QR code as exact vector modules.</summary>
internal static class QrDrawing
{
    /// <summary>Draws <paramref name="matrix"/> with its top-left corner at (<paramref name="x0"/>, <paramref name="y0"/>), modules of <paramref name="module"/> points.</summary>
    public static void Draw(XGraphics g, QrMatrix matrix, double x0, double y0, double module)
    {
        for (var row = 0; row < matrix.Size; row++)
        {
            // One rectangle per run of dark modules: fewer objects, no hairline gaps between neighbours.
            for (var column = 0; column < matrix.Size; column++)
            {
                if (!matrix.IsDark(row, column))
                {
                    continue;
                }

                var end = column;
                while (end + 1 < matrix.Size && matrix.IsDark(row, end + 1))
                {
                    end++;
                }

                g.DrawRectangle(XBrushes.Black, x0 + (column * module), y0 + (row * module), (end - column + 1) * module, module);
                column = end;
            }
        }
    }
}
