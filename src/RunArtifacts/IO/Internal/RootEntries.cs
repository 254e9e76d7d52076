namespace RunArtifacts.IO.Internal;

/// <summary>
/// The store's own entries in its root (the index and its lock, the staging folder, the project and date folders runs
/// are published into) must be what they look like. A symbolic link planted in place of one would make a commit write
/// through it, outside the root; a FIFO in place of the index would hang it. Checked before anything is published.
/// The root itself may be a link: only the entries under it are checked.
/// </summary>
internal static class RootEntries
{
    /// <summary>Throws <see cref="IOException"/> naming <paramref name="path"/> when it is a symbolic link, or a file that is not a regular file.</summary>
    /// <param name="path">The entry; a missing one passes (it is created as a real file or folder).</param>
    /// <param name="directory">True for a folder, false for a file.</param>
    public static void EnsurePlain(string path, bool directory)
    {
        // One statx on Linux; elsewhere the link is read (FIFOs cannot be told apart there).
        var kind = NativeFs.KindOf(path);
        var noun = directory ? "folder" : "file";
        if (kind is NativeFs.EntryKind.Link or NativeFs.EntryKind.Unknown
            && (directory ? new DirectoryInfo(path).LinkTarget : new FileInfo(path).LinkTarget) is { } target)
        {
            throw new IOException($"'{path}' is a symbolic link (to '{target}'). The store does not follow links among its own {noun}s, so that it never writes outside its root: replace the link with a real {noun}.");
        }

        if (kind is NativeFs.EntryKind.Pipe or NativeFs.EntryKind.Other)
        {
            throw new IOException($"'{path}' is not a regular {noun} (a FIFO, a socket or a device): the store cannot use it; remove it.");
        }
    }

    /// <summary><see cref="EnsurePlain"/> for every folder from <paramref name="root"/> (excluded) down to <paramref name="folder"/> (included).</summary>
    public static void EnsurePlainFolders(string root, string folder)
    {
        for (var dir = folder; dir.Length > root.Length && dir.StartsWith(root, StringComparison.Ordinal); dir = Path.GetDirectoryName(dir)!)
        {
            EnsurePlain(dir, directory: true);
        }
    }
}
