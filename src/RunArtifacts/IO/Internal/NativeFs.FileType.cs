using System.Runtime.InteropServices;

namespace RunArtifacts.IO.Internal;

/// <summary>Whether a path is a regular file, as the kernel says (.NET reports a FIFO, a socket or a device as a file).</summary>
internal static partial class NativeFs
{
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28; // stx_mode, the same on every Linux architecture
    private const int SIfMt = 0xF000;
    private const int SIfReg = 0x8000;
    private const int SIfDir = 0x4000;
    private const int SIfLnk = 0xA000;
    private const int SIfIfo = 0x1000;

    private static int statxSupported = 1;

    /// <summary>What a path is, as the kernel says (<see cref="KindOf"/>).</summary>
    public enum EntryKind
    {
        /// <summary>Not known: not Linux, a C library without <c>statx</c>, or the call failed for another reason than absence.</summary>
        Unknown,

        /// <summary>Nothing at the path.</summary>
        Absent,

        /// <summary>A regular file.</summary>
        Regular,

        /// <summary>A directory.</summary>
        Directory,

        /// <summary>A symbolic link (not followed).</summary>
        Link,

        /// <summary>A FIFO (a named pipe, or the pipe of a shell's process substitution).</summary>
        Pipe,

        /// <summary>A socket or a device.</summary>
        Other,
    }

    /// <summary>
    /// False for a path that exists and is neither a regular file, a directory nor a symbolic link: a FIFO, whose
    /// opening blocks until a writer comes (a hostile run folder could hang a reader forever), a socket or a device.
    /// True otherwise, including where the type cannot be told (not Linux, or the call failed): those paths are read as
    /// they always were.
    /// </summary>
    public static bool IsRegularOrAbsent(string path) => KindOf(path) is not (EntryKind.Pipe or EntryKind.Other);

    /// <summary>
    /// <see cref="IsRegularOrAbsent(string)"/> for an entry a directory listing has already stat'ed: a FIFO, a socket or a
    /// device always lists with size 0, so an entry of any other size needs no second call.
    /// </summary>
    public static bool IsRegularOrAbsent(string path, long listedLength) => listedLength != 0 || IsRegularOrAbsent(path);

    /// <summary>
    /// The kind of entry at <paramref name="path"/>, in one <c>statx</c> call (Linux): of the link itself, or with
    /// <paramref name="followLinks"/> of what the link leads to.
    /// </summary>
    public static EntryKind KindOf(string path, bool followLinks = false)
    {
        if (!IsLinux || Volatile.Read(ref statxSupported) == 0)
        {
            return EntryKind.Unknown;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (StatX(ATFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                return Marshal.GetLastPInvokeError() == ENOENT ? EntryKind.Absent : EntryKind.Unknown;
            }
        }
        catch (EntryPointNotFoundException)
        {
            Volatile.Write(ref statxSupported, 0); // a C library without statx (glibc before 2.28, older musl)
            return EntryKind.Unknown;
        }

        return (MemoryMarshal.Read<ushort>(buffer.AsSpan(StatxModeOffset)) & SIfMt) switch
        {
            SIfReg => EntryKind.Regular,
            SIfDir => EntryKind.Directory,
            SIfLnk => EntryKind.Link,
            SIfIfo => EntryKind.Pipe,
            _ => EntryKind.Other,
        };
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int StatX(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
