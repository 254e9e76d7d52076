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
        if (args[0] == "prompt-only")
        {
            return await PromptOnlyAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 && args[3] == "noflush");
        }

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

    /// <summary>Median time of N prompt-only failed runs, each its own commit (a warm-up of 20 first).</summary>
    private static async Task<int> PromptOnlyAsync(string root, int count, bool noFlush)
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = !noFlush });
        var times = new List<double>();
        for (var i = 0; i < count + 20; i++)
        {
            var sw = Stopwatch.StartNew();
            await store.CreateRun("bench").WithPrompt("a lighthouse at dusk").Failed("timeout", "provider timed out after 120 s").CommitAsync();
            if (i >= 20)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"prompt-only failed run, flush {(noFlush ? "off" : "on")}: median {times[times.Count / 2]:0.00} ms, p10 {times[times.Count / 10]:0.00} ms, p90 {times[times.Count * 9 / 10]:0.00} ms over {count} commits"));
        return 0;
    }
}
