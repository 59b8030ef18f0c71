namespace BallotScan.Host.Station;

/// <summary>
/// The data folder's lock file (station.lock), held open exclusively while a station serves from the folder: a second
/// station on the same folder is refused with a message instead of two processes writing one count's keys and database.
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _file;

    private DataFolderLock(FileStream file) => _file = file;

    /// <summary>The lock, or null when another process holds it.</summary>
    public static DataFolderLock? Take(string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            return new DataFolderLock(new FileStream(Path.Combine(folder, "station.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
