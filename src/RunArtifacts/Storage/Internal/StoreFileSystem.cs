using RunArtifacts.IO.Internal;
namespace RunArtifacts.Storage.Internal;

/// <summary>
/// The file-system seam: the publishing rename, and the fsyncs of the deferred publish flush. Tests override it to
/// inject a crash or a full disk at that point, or to count flushes.
/// </summary>
internal class StoreFileSystem
{
    public static readonly StoreFileSystem Real = new();

    /// <summary>Renames the staged run folder to its final name; false when the name is taken.</summary>
    public virtual bool TryPublish(string stagedDirectory, string finalDirectory)
        => NativeFs.TryRenameNoReplace(stagedDirectory, finalDirectory);

    /// <summary>Flushes a folder's entries to disk (the group flusher of <see cref="RunArtifactsOptions.DeferPublishFlush"/>).</summary>
    public virtual void FsyncDirectory(string directory) => NativeFs.FsyncDirectory(directory);

    /// <summary>Flushes a file's data to disk (the group flusher's fsync of <c>index.jsonl</c>).</summary>
    public virtual void FsyncFile(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        RandomAccess.FlushToDisk(handle);
    }
}
