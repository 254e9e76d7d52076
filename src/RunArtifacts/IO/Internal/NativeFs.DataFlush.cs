using System.Runtime.InteropServices;

namespace RunArtifacts.IO.Internal;

internal static partial class NativeFs
{
    private const int EROFS = 30;

    /// <summary>
    /// Flushes a file's data, and the metadata needed to read it back, to the disk (<c>fdatasync</c>; Linux only, a no-op
    /// elsewhere). A copy calls it while it goes on, so that the disk's own cache is emptied as the copy runs instead of
    /// all at once by the final fsync (<see cref="KernelCopy"/>). Like <see cref="FileStream.Flush(bool)"/>, a file system
    /// that cannot sync (read-only, a pipe) is not an error.
    /// </summary>
    /// <exception cref="IOException">The flush failed (an I/O error, a full disk): the copy is not durable.</exception>
    public static void FlushData(SafeHandle file)
    {
        if (!IsLinux)
        {
            return;
        }

        while (Fdatasync(file) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
            {
                continue;
            }

            if (errno is EROFS or EINVAL or EOPNOTSUPP)
            {
                return;
            }

            throw new IOException($"Could not flush the copy to disk (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).", errno);
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int Fdatasync(SafeHandle fd);
}
