using System.Diagnostics;
using System.Globalization;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// Times one commit of the given outputs in process (after a small warm-up commit, so JIT is not measured) and
/// prints the milliseconds. Used by benchmarks/commit-vs-tools.sh, which times the plain tools around it.
/// Usage: commit-once ROOT (copy|hardlink) FILE...
/// </summary>
public static class CommitOnce
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = args[0];
        var mode = args[1] == "hardlink" ? CopyMode.HardLink : CopyMode.Copy;
        var files = args[2..];
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, CopyMode = mode, ComputeSha256 = true, FlushToDisk = true });

        // Warm-up: same code path on a tiny file.
        var warm = Path.Combine(Path.GetTempPath(), $"ra-warm-{Environment.ProcessId}.bin");
        await File.WriteAllBytesAsync(warm, new byte[4096]);
        await store.CreateRun("warmup").AddOutput(warm).CommitAsync();
        File.Delete(warm);

        var builder = store.CreateRun("bench").WithSlug(mode.ToString());
        foreach (var f in files)
        {
            builder.AddOutput(f);
        }

        var sw = Stopwatch.StartNew();
        var run = await builder.CommitAsync();
        sw.Stop();
        Console.WriteLine(sw.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " " + run.FullPath);
        return 0;
    }
}
