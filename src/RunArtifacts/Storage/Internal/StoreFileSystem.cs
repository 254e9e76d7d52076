using RunArtifacts.IO.Internal;
namespace RunArtifacts.Storage.Internal;

/// <summary>The one file-system seam: the publishing rename. Tests override it to inject a crash or a full disk at that point.</summary>
internal class StoreFileSystem
{
    public static readonly StoreFileSystem Real = new();

    /// <summary>Renames the staged run folder to its final name; false when the name is taken.</summary>
    public virtual bool TryPublish(string stagedDirectory, string finalDirectory)
        => NativeFs.TryRenameNoReplace(stagedDirectory, finalDirectory);
}
