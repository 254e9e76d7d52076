namespace RunArtifacts.IO.Internal;

/// <summary>
/// The one check a reader of the store's own files makes before opening one: opening a FIFO blocks until a writer
/// comes, so a record, the index or the reviews file replaced by one must not hang every reader of the root.
/// </summary>
internal static class RegularFiles
{
    /// <summary>Throws <see cref="ArtifactFormatException"/> naming <paramref name="path"/> when it is a FIFO, a socket or a device.</summary>
    /// <param name="path">The file about to be opened for reading; a missing one passes (the open reports it).</param>
    /// <param name="remedy">What to do about it, appended to the message.</param>
    public static void EnsureReadable(string path, string? remedy = null)
    {
        if (!NativeFs.IsRegularOrAbsent(path))
        {
            throw new ArtifactFormatException($"'{path}' is not a regular file (a FIFO, a socket or a device); it was not opened.{(remedy is null ? string.Empty : " " + remedy)}") { FilePath = path };
        }
    }
}
