using Microsoft.Win32.SafeHandles;

namespace RunArtifacts.IO.Internal;

/// <summary>The one way a line is appended to a JSON Lines file (<c>index.jsonl</c>, <c>reviews.jsonl</c>).</summary>
internal static class JsonLines
{
    /// <summary>
    /// Writes <paramref name="line"/> and its newline at <paramref name="length"/> in one write, after a newline first
    /// when a crashed writer left a torn last line; flushed to disk when asked. The caller holds the file's lock.
    /// </summary>
    public static void Append(SafeFileHandle handle, long length, ReadOnlySpan<byte> line, bool needsNewline, bool flush)
    {
        var buffer = new byte[line.Length + 1 + (needsNewline ? 1 : 0)];
        var at = 0;
        if (needsNewline)
        {
            buffer[at++] = (byte)'\n';
        }

        line.CopyTo(buffer.AsSpan(at));
        buffer[^1] = (byte)'\n';
        RandomAccess.Write(handle, buffer, length);
        if (flush)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }
}
