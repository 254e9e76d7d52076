using System.Buffers.Binary;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Catalog.Internal;

/// <summary>
/// An inter-process reader/writer lock on a lock file (shared: <c>flock(LOCK_SH)</c>, exclusive: <c>flock(LOCK_EX)</c>,
/// as .NET takes them for <see cref="FileShare"/> other than and equal to <see cref="FileShare.None"/>). Released by the
/// OS when the holder dies. The file's first 8 bytes are the catalog's generation: whoever replaces or deletes the
/// catalog file writes a new one under the exclusive lock, so that a process holding an idle connection to the old
/// file knows, under the shared lock, to let it go.
/// </summary>
internal static class CatalogLock
{
    public static FileStream Acquire(string path, bool exclusive, TimeSpan timeout)
    {
        RootEntries.EnsurePlain(path, directory: false); // its generation is written: never through a link, nor into a FIFO
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

    /// <summary>The generation written in a held lock file (0 for a lock file that never had one).</summary>
    public static long ReadGeneration(FileStream held)
    {
        Span<byte> bytes = stackalloc byte[8];
        return RandomAccess.Read(held.SafeFileHandle, bytes, 0) == bytes.Length ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;
    }

    /// <summary>Writes a new generation into a lock file held exclusively: every idle connection opened before is stale.</summary>
    public static void NewGeneration(FileStream heldExclusively)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Random.Shared.NextInt64(1, long.MaxValue));
        RandomAccess.Write(heldExclusively.SafeFileHandle, bytes, 0);
    }
}
