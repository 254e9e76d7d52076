using System.Globalization;
using RunArtifacts.Cli.Internal;

namespace RunArtifacts.Cli.Tests;

/// <summary>
/// The tool's C heap on transparent huge pages (<see cref="ProcessHeap"/>). These run in the test process, whose malloc
/// settings they change (one arena, memory kept for reuse); that costs it nothing but memory it would have returned.
/// What the settings are for, fewer page faults and faster image commits, is measured by benchmarks/images-vips.sh.
/// </summary>
[NonParallelizable]
public class ProcessHeapTests
{
    [Test]
    [Platform("Linux")]
    public void Apply_AdvisesTheHeapOfEveryArenaTheThreadsReach_AsTheKernelReports()
    {
        Assume.That(ProcessHeap.IsGlibc(), "glibc only");

        var advised = ProcessHeap.Apply(tunables: null, transparentHugePages: "always [madvise] never");

        // The main thread's arena and at least one more: this test host has many threads, each with an arena.
        Assert.That(advised, Has.Count.GreaterThanOrEqualTo(2));
        var mappings = Mappings();
        foreach (var (start, length) in advised)
        {
            Assert.That((long)start % (2 << 20), Is.Zero, "a huge page boundary");
            Assert.That(length, Is.GreaterThanOrEqualTo(26L << 20).And.Matches<long>(l => l % (2 << 20) == 0));
            var covering = mappings.Where(m => m.Start < start + length && start < m.End).ToList();
            Assert.That(covering.Sum(m => Math.Min(m.End, start + length) - Math.Max(m.Start, start)), Is.EqualTo(length), "the whole range is mapped");
            Assert.That(covering, Has.All.Matches<Mapping>(m => m!.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("hg")), $"VmFlags of {start:x}: MADV_HUGEPAGE");
        }

        Assert.That(advised.Select(r => r.Start).Distinct().Count(), Is.EqualTo(advised.Count), "no arena advised twice");
    }

    [TestCase("glibc.malloc.hugetlb=0", "always [madvise] never")]
    [TestCase("glibc.rtld.optional_static_tls=512:glibc.malloc.arena_max=4", "[always] madvise never")]
    [TestCase(null, "always madvise [never]")]
    [TestCase(null, null)]
    [Platform("Linux")]
    public void Apply_UserTunablesOrNoHugePages_AdvisesNothing(string? tunables, string? transparentHugePages)
    {
        Assert.That(ProcessHeap.Apply(tunables, transparentHugePages), Is.Empty);
    }

    private sealed record Mapping(long Start, long End, string Flags);

    /// <summary>Every mapping of this process with its VmFlags, from /proc/self/smaps.</summary>
    private static List<Mapping> Mappings()
    {
        var mappings = new List<Mapping>();
        long start = 0, end = 0;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash > 0 && space > dash && long.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var s))
            {
                start = s;
                end = long.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                mappings.Add(new Mapping(start, end, line[8..]));
            }
        }

        return mappings;
    }
}
