using System.Collections.Concurrent;
using RunArtifacts.IO.Internal;

namespace RunArtifacts.Storage.Internal;

/// <summary>
/// The folders runs are published into (date folders) whose own entry this store has already flushed in their
/// parent. A run's rename is made durable by flushing the folder it lands in; the folder's entry in the root needs a
/// flush only once, after the folder first appears, not on every commit.
/// </summary>
internal sealed class PublishFolders
{
    private readonly ConcurrentDictionary<string, byte> durable = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the folder if it is missing; a folder found missing is forgotten as durable (it is a new folder now).
    /// Throws <see cref="IOException"/> when it, or a folder between it and <paramref name="root"/>, is a symbolic link:
    /// the run would be published through it, outside the root.
    /// </summary>
    public void Create(string root, string folder)
    {
        RootEntries.EnsurePlainFolders(root, folder);
        if (!Directory.Exists(folder))
        {
            durable.TryRemove(folder, out _);
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>
    /// After a run was renamed into <paramref name="folder"/> and that folder flushed: flushes every folder from its
    /// parent up to the root, unless this store did so since it last found the folder missing.
    /// </summary>
    public void MakeEntryDurable(string root, string folder)
    {
        if (durable.ContainsKey(folder))
        {
            return;
        }

        for (var dir = Path.GetDirectoryName(folder); dir is not null && dir.Length >= root.Length; dir = Path.GetDirectoryName(dir))
        {
            NativeFs.FsyncDirectory(dir);
            if (dir.Length == root.Length)
            {
                break;
            }
        }

        durable.TryAdd(folder, 0);
    }
}
