using System.Runtime.InteropServices;

namespace RunArtifacts.IO.Internal;

/// <summary>The few POSIX calls .NET does not expose: directory fsync, no-replace rename, hard links, early writeback.</summary>
internal static partial class NativeFs
{
    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000; // Linux
    private const uint RenameNoReplace = 1;
    private const int SyncFileRangeWaitBefore = 1;
    private const int SyncFileRangeWrite = 2;
    private const int SyncFileRangeWaitAfter = 4;
    private const int ENOENT = 2;
    private const int EEXIST = 17;
    private const int ENOTEMPTY = 39;
    private const int ENOSYS = 38;
    private const int EINVAL = 22;
    private const int ATFdCwd = -100;
    private const int EXDEV = 18;
    private const int EBADF = 9;
    private const int EOPNOTSUPP = 95;
    private const int EINTR = 4;

    private static int renameat2Supported = 1;
    private static int copyFileRangeSupported = 1;

    public static bool IsLinux { get; } = OperatingSystem.IsLinux();

    /// <summary>Flushes a directory's entries to disk (no-op where the OS cannot open directories).</summary>
    public static void FsyncDirectory(string path)
    {
        if (!IsLinux && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return;
        }

        var fd = Open(path, ORdOnly | (IsLinux ? ODirectory : 0));
        if (fd < 0)
        {
            return;
        }

        try
        {
            _ = Fsync(fd);
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// Renames a directory only if the target does not exist, atomically. Returns false when the name is taken.
    /// On Linux this is <c>renameat2(RENAME_NOREPLACE)</c>; elsewhere (or on file systems without it) plain
    /// <c>rename</c>, which refuses a non-empty target directory — run folders are never empty.
    /// </summary>
    public static bool TryRenameNoReplace(string from, string to)
    {
        if (IsLinux && Volatile.Read(ref renameat2Supported) == 1)
        {
            if (Renameat2(ATFdCwd, from, ATFdCwd, to, RenameNoReplace) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EEXIST || errno == ENOTEMPTY)
            {
                return false;
            }

            if (errno is not (ENOSYS or EINVAL))
            {
                throw new IOException($"Could not rename '{from}' to '{to}' (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).");
            }

            Volatile.Write(ref renameat2Supported, 0);
        }

        if (!OperatingSystem.IsWindows())
        {
            if (Rename(from, to) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EEXIST || errno == ENOTEMPTY)
            {
                return false;
            }

            throw new IOException($"Could not rename '{from}' to '{to}' (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).");
        }

        try
        {
            Directory.Move(from, to);
            return true;
        }
        catch (IOException) when (Directory.Exists(to))
        {
            return false;
        }
    }

    /// <summary>Makes a hard link; returns false (never throws) when the volume or the OS does not allow it.</summary>
    public static bool TryHardLink(string existing, string newPath)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        return Link(existing, newPath) == 0;
    }

    /// <summary>Starts writeback of a byte range without waiting (Linux); lets the disk work while the copy goes on.</summary>
    public static void StartWriteback(SafeHandle file, long offset, long count)
    {
        if (!IsLinux)
        {
            return;
        }

        _ = SyncFileRange(file, offset, count, SyncFileRangeWrite);
    }

    /// <summary>
    /// Waits until a byte range whose writeback was started is on the disk (Linux; a no-op elsewhere). Not a durability
    /// guarantee (no metadata, no disk-cache flush: the fsync after it gives that); it only bounds the dirty pages in flight.
    /// </summary>
    public static void WaitForWriteback(SafeHandle file, long offset, long count)
    {
        if (!IsLinux)
        {
            return;
        }

        _ = SyncFileRange(file, offset, count, SyncFileRangeWaitBefore | SyncFileRangeWrite | SyncFileRangeWaitAfter);
    }

    /// <summary>
    /// Copies <paramref name="count"/> bytes at <paramref name="offset"/> of <paramref name="input"/> to the same offset of
    /// <paramref name="output"/> inside the kernel (Linux <c>copy_file_range</c>: no trip through user memory, which on some
    /// virtual machines costs several times the copy itself). Returns the bytes copied (fewer only at the end of the input),
    /// or -1 when the system or this pair of file systems cannot do it and nothing was copied (the caller copies itself).
    /// </summary>
    /// <exception cref="IOException">The copy failed part way (a full disk, an I/O error).</exception>
    public static long TryCopyRange(SafeHandle input, SafeHandle output, long offset, long count)
    {
        if (!IsLinux || Volatile.Read(ref copyFileRangeSupported) == 0)
        {
            return -1;
        }

        long done = 0;
        while (done < count)
        {
            long inOffset = offset + done, outOffset = offset + done;
            var n = CopyFileRange(input, ref inOffset, output, ref outOffset, (nuint)(count - done), 0);
            if (n > 0)
            {
                done += n;
                continue;
            }

            if (n == 0)
            {
                break;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
            {
                continue;
            }

            if (done == 0 && errno is ENOSYS or EXDEV or EINVAL or EOPNOTSUPP or EBADF)
            {
                if (errno == ENOSYS)
                {
                    Volatile.Write(ref copyFileRangeSupported, 0);
                }

                return -1;
            }

            throw new IOException($"Could not copy {count - done} bytes at offset {offset + done} (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).", errno);
        }

        return done;
    }

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static partial nint CopyFileRange(SafeHandle input, ref long inOffset, SafeHandle output, ref long outOffset, nuint count, uint flags);

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "renameat2", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "rename", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Rename(string oldPath, string newPath);

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);

    [LibraryImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static partial int SyncFileRange(SafeHandle fd, long offset, long nbytes, int flags);
}
