namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// An inter-process reader/writer lock on a lock file (shared: <c>flock(LOCK_SH)</c>, exclusive: <c>flock(LOCK_EX)</c>,
/// as .NET takes them for <see cref="FileShare"/> other than and equal to <see cref="FileShare.None"/>). Released by the
/// OS when the holder dies.
/// </summary>
internal static class CatalogLock
{
    public static FileStream Acquire(string path, bool exclusive, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var delay = 1;
        while (true)
        {
            try
            {
                // A shared lock is opened for reading only: .NET takes LOCK_SH on every file system for read-only handles.
                return exclusive
                    ? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None)
                    : new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 20);
            }
            catch (IOException ex)
            {
                throw new IOException($"Timed out after {timeout} waiting for the catalog lock '{path}'.", ex);
            }
        }
    }
}
