using System.Runtime.InteropServices;

namespace RunArtifacts.Cli.Internal;

/// <summary>
/// Puts the tool's C heap, where libvips and libwebp allocate, on transparent huge pages (Linux with glibc only).
/// </summary>
/// <remarks>
/// <para>
/// An image commit has libvips allocate and zero tens of megabytes in small pieces: region buffers on every worker
/// thread, the web-sized pixels, the encoder's frame. Each first touch of a 4 KiB page is a page fault, and on a virtual
/// machine a fault is expensive: about 10 µs where this was measured, 12,500 faults and a third of the CPU of a
/// 2048×1536 JPEG commit. A 2 MiB huge page takes one fault instead of 512. glibc does this itself under
/// <c>GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1</c>, but only when that is set before the
/// process starts. <see cref="Prepare"/> does the same from inside, with documented calls only:
/// </para>
/// <list type="bullet">
/// <item><c>mallopt</c>: one arena at most (a new thread shares the arenas that exist instead of growing its own),
/// blocks up to 32 MiB from the heap instead of a fresh <c>mmap</c> each, and freed memory kept for reuse.</item>
/// <item>For each arena: a 30 MiB block is taken from it (address space only, nothing is touched), advised
/// <c>MADV_HUGEPAGE</c>, and given back, so that the arena's next allocations land in advised memory. The main
/// thread reaches the main arena; short-lived threads reach the others.</item>
/// </list>
/// <para>
/// A 2048×1536 JPEG commit through the native tool went from 0.29 to 0.22 s, a 4096² PNG from 0.41 to 0.30 s, and a
/// prompt-only commit stayed at 0.07 s (benchmarks/README.md, session 11). Nothing changes when
/// <c>GLIBC_TUNABLES</c> already sets a <c>glibc.malloc</c> tunable (the user's choice wins), on musl, or when the
/// kernel's transparent huge pages are <c>never</c> (then only the <c>mallopt</c> settings apply). The tool's
/// commands are short-lived, so memory kept for reuse is returned when the process ends. Where the kernel compacts
/// memory to serve a huge-page fault (its THP <c>defrag</c> setting on a host whose memory is fragmented), a fault can
/// cost more than it saves: <c>GLIBC_TUNABLES=glibc.malloc.hugetlb=0</c> keeps glibc's defaults.
/// </para>
/// </remarks>
internal static partial class ProcessHeap
{
    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;
    private const int MArenaMax = -8;
    private const int MadvHugepage = 14;
    private const long HugePage = 2L << 20;

    /// <summary>Below glibc's largest mmap threshold (32 MiB on 64-bit), so the block comes from the arena's heap.</summary>
    private const int ReserveBytes = 30 << 20;

    /// <summary>More than the arenas a process has before <c>Main</c> (one, for the native tool).</summary>
    private const int MaxHelperThreads = 8;

    /// <summary>Applies the settings to this process, once, before any image work; see the remarks.</summary>
    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            return;
        }

        string? thp = null;
        try
        {
            thp = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No THP in this kernel: the mallopt settings still apply.
        }

        try
        {
            Apply(Environment.GetEnvironmentVariable("GLIBC_TUNABLES"), thp);
        }
        catch (OutOfMemoryException)
        {
            // A 30 MiB block (address space only) or a thread refused, as under a small `ulimit -v`: the tool runs on
            // with the heap as it is.
        }
    }

    /// <summary>
    /// The settings, given the <c>GLIBC_TUNABLES</c> value and the kernel's THP mode (the text of
    /// <c>/sys/kernel/mm/transparent_hugepage/enabled</c>, or null). Returns the address ranges advised for huge pages.
    /// </summary>
    internal static IReadOnlyList<(nint Start, long Length)> Apply(string? tunables, string? transparentHugePages)
    {
        if (tunables?.Contains("glibc.malloc.", StringComparison.Ordinal) == true)
        {
            return [];
        }

        Mallopt(MArenaMax, 1);
        Mallopt(MMmapThreshold, 32 << 20);
        Mallopt(MTrimThreshold, 256 << 20);
        if (transparentHugePages is null || transparentHugePages.Contains("[never]", StringComparison.Ordinal))
        {
            return [];
        }

        var advised = new List<(nint Start, long Length)>();
        AdviseThisThreadsArena(advised);

        // A new thread is handed the arenas in turn, the main one first: helpers go on until one meets an arena that
        // an earlier helper met, so that every arena was reached once.
        var met = new List<nint>();
        for (var i = 0; i < MaxHelperThreads; i++)
        {
            nint block = 0;
            var helper = new Thread(() => block = AdviseThisThreadsArena(advised)) { IsBackground = true, Name = "heap-advise" };
            helper.Start();
            helper.Join();
            if (met.Contains(block))
            {
                break;
            }

            met.Add(block);
        }

        return advised;
    }

    /// <summary>
    /// Takes a 30 MiB block from this thread's arena, advises it unless it was advised before, and gives it back.
    /// Returns its address, which is the same for every thread of one arena (the block is the top of the arena's heap).
    /// </summary>
    private static unsafe nint AdviseThisThreadsArena(List<(nint Start, long Length)> advised)
    {
        var block = NativeMemory.Alloc(ReserveBytes);
        try
        {
            var start = ((nint)block + (nint)(HugePage - 1)) & ~(nint)(HugePage - 1);
            var end = ((nint)block + ReserveBytes) & ~(nint)(HugePage - 1);
            if (end > start && !advised.Exists(r => start < r.Start + r.Length && r.Start < end)
                && Madvise(start, (nuint)(end - start), MadvHugepage) == 0)
            {
                advised.Add((start, end - start));
            }

            return (nint)block;
        }
        finally
        {
            NativeMemory.Free(block);
        }
    }

    /// <summary>Whether this process's C library is glibc (the one whose malloc the settings are for).</summary>
    internal static bool IsGlibc()
        => NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);

    [LibraryImport("libc.so.6", EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);
}
