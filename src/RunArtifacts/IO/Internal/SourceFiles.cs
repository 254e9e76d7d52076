using System.Text;

namespace RunArtifacts.IO.Internal;

/// <summary>
/// What the caller names by path, checked for its kind before it is read (Linux; elsewhere every path is read as
/// before). An original (an input, an output, an artifact file) is copied and hashed byte for byte, so it must be a
/// regular file: a FIFO would block the copy until a writer comes, and a device is no file at all (<c>/dev/zero</c>
/// never ends). A text read whole (a log, a config, a prompt file) may come through a pipe, as a shell's process
/// substitution <c>&lt;(…)</c> gives it, but not from a device or a socket.
/// </summary>
internal static class SourceFiles
{
    /// <summary>Why <paramref name="path"/> cannot be copied as an original (after links); null when it is a regular file or absent.</summary>
    public static string? NotAnOriginal(string path) => NativeFs.KindOf(path, followLinks: true) switch
    {
        NativeFs.EntryKind.Pipe => "is a FIFO (a named pipe), not a file: an original is copied and hashed byte for byte; write it to a file first",
        NativeFs.EntryKind.Other => "is a device or a socket, not a file",
        _ => null,
    };

    /// <summary>The UTF-8 text of <paramref name="path"/>; <see cref="IOException"/> for a device or a socket, which is not read.</summary>
    public static string ReadText(string path)
    {
        if (NativeFs.KindOf(path, followLinks: true) == NativeFs.EntryKind.Other)
        {
            throw new IOException($"'{path}' is a device or a socket, not a file; it was not read.");
        }

        return File.ReadAllText(path, Encoding.UTF8);
    }
}
