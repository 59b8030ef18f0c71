using System.Security.Cryptography;

namespace BallotScan.Engine.Recognition;

/// <summary>Reads many image files on every core. A file that cannot be read is reported and skipped; the run goes on.</summary>
public static class BatchReader
{
    /// <summary>
    /// Reads <paramref name="files"/> in parallel and hands each file's interpretations to <paramref name="onRead"/> (in any
    /// order, from any thread) with the file's position in the list. A file with the same bytes as one earlier in the list
    /// is not read again: it gets one rejected interpretation, <see cref="ReviewReason.Duplicate"/>, naming the original,
    /// so that a sheet imported twice is never counted twice.
    /// </summary>
    public static void Read(IReadOnlyList<string> files, BallotReader reader, Action<int, IReadOnlyList<SheetInterpretation>> onRead, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onRead);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        var hashes = new string?[files.Count];
        Parallel.For(0, files.Count, parallel, i =>
        {
            try
            {
                using var stream = File.OpenRead(files[i]);
                // An empty file is no copy of another empty one: each is reported as empty when it is read.
                hashes[i] = stream.Length == 0 ? null : Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                hashes[i] = null; // reported when it is read
            }
        });
        var duplicates = Duplicates(hashes);

        Parallel.For(0, files.Count, parallel, index =>
        {
            if (duplicates.TryGetValue(index, out var original))
            {
                onRead(index, [new SheetInterpretation
                {
                    Source = files[index],
                    Sha256 = hashes[index],
                    Accepted = false,
                    SheetReasons = [ReviewReason.Duplicate],
                    Message = $"The same file (byte for byte) as {files[original]}: counted once.",
                    SameAs = files[original],
                }]);
                return;
            }

            IReadOnlyList<SheetInterpretation> results;
            try
            {
                results = reader.ReadFile(File.ReadAllBytes(files[index]), files[index]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                results = [new SheetInterpretation { Source = files[index], Accepted = false, SheetReasons = [ReviewReason.Unlocatable], Message = $"The file could not be read: {e.Message}" }];
            }

            onRead(index, results);
        });
    }

    /// <summary>Which files repeat an earlier file's bytes: index → the original's index.</summary>
    public static IReadOnlyDictionary<int, int> Duplicates(IReadOnlyList<string?> sha256ByFile)
    {
        ArgumentNullException.ThrowIfNull(sha256ByFile);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = new Dictionary<int, int>();
        for (var i = 0; i < sha256ByFile.Count; i++)
        {
            if (sha256ByFile[i] is not { } sha)
            {
                continue;
            }

            if (first.TryGetValue(sha, out var original))
            {
                duplicates[i] = original;
            }
            else
            {
                first[sha] = i;
            }
        }

        return duplicates;
    }
}
