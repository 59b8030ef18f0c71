namespace BallotScan.Engine.Fonts;

/// <summary>One face of a font file: a .ttf has one (index 0), a .ttc collection several.</summary>
/// <param name="Path">The font file.</param>
/// <param name="Index">The face inside the file.</param>
/// <param name="Family">The family name, as fontconfig gives it.</param>
public sealed record FontFace(string Path, int Index, string Family);
