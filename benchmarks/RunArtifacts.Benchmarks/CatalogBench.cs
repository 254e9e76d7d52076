using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RunArtifacts.Catalog;
using RunArtifacts.Catalog.Internal;
using RunArtifacts.Records;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// <c>catalog-bench [RUNS] [FOLDERS]</c>: a console harness for the catalog. Builds a synthetic catalog of RUNS runs
/// (default 1,000,000), times queries through the public store API (median of 21, freshness check included), writes
/// the same runs as index lines for a <c>grep</c> reference, times the commit hook over real commits, and rebuilds the
/// catalog from FOLDERS real run folders (default 10,000).
/// </summary>
internal static class CatalogBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var folders = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var work = Directory.CreateTempSubdirectory("ra-catalog-bench-").FullName;
        try
        {
            await QueriesAsync(Path.Combine(work, "synthetic"), runs, Path.Combine(work, "index-for-grep.jsonl"));
            await CommitHookAsync(Path.Combine(work, "commits"));
            await RebuildAsync(Path.Combine(work, "folders"), folders);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Run i: model m(i % 20), tags t(i % 50) and "all", one minute apart; its input is the output of run i - 7 (chains of every length), one output, one derivative, two records.</summary>
    private static CatalogRun Synthetic(int i)
    {
        static string H(char role, int n) => role + n.ToString("x63", CultureInfo.InvariantCulture);
        var created = Start.AddMinutes(i);
        var entry = new IndexEntry
        {
            RunId = $"{created:yyyyMMdd_HHmmss}_m{i % 20}_{i}",
            RunPath = $"{created:yyyy-MM-dd}/{created:yyyyMMdd_HHmmss}_m{i % 20}_{i}",
            CreatedAt = created,
            Status = i % 10 == 0 ? RunStatus.Failed : RunStatus.Succeeded,
            ModelKey = $"m{i % 20}",
            Tags = [$"t{i % 50}", "all"],
            PromptSummary = $"synthetic prompt number {i} about a lighthouse at dusk",
            HeroOriginal = "original/output_01.png",
            HeroOutput = "original/output_01.png",
            HeroWeb = "web/output_01.webp",
            HeroThumb = "web/output_01.webp",
            InputCount = 1,
            OutputCount = 1,
            HasImage = true,
        };
        return new CatalogRun(entry,
        [
            new("inputs/ref_01.png", RunFileRole.Input, H('a', Math.Max(0, i - 7)), 1000, "image/png"),
            new("original/output_01.png", RunFileRole.Output, H('a', i), 1000, "image/png"),
            new("web/output_01.webp", RunFileRole.Derivative, H('b', i), 300, "image/webp"),
            new("run.json", RunFileRole.Record, H('c', i), 4000, "application/json"),
            new("manifest.json", RunFileRole.Record, H('d', i), 900, "application/json"),
        ]);
    }

    private static async Task QueriesAsync(string root, int count, string grepIndex)
    {
        Directory.CreateDirectory(root);
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = false });
        var build = Stopwatch.StartNew();
        using (var replacement = store.Catalog.Catalog.BeginReplace(Enumerable.Range(0, count).Select(Synthetic), CancellationToken.None))
        {
            replacement.Commit(IndexMark.Empty);
        }

        Console.WriteLine($"synthetic catalog: {count:N0} runs, {count * 5:N0} files, built in {build.Elapsed.TotalSeconds:F1} s, {new FileInfo(store.CatalogPath).Length / 1048576.0:F0} MiB");

        await using (var index = new StreamWriter(grepIndex))
        {
            for (var i = 0; i < count; i++)
            {
                await index.WriteLineAsync(JsonSerializer.Serialize(Synthetic(i).Entry, RunArtifactsJsonContext.Compact.IndexEntry));
            }
        }

        var mid = count / 2;
        var midId = Synthetic(mid).Entry.RunId;
        var since = Start.AddMinutes(mid);
        await TimeAsync("tag filter t7, newest 100", () => store.QueryRunsAsync(new RunQuery { Tag = "t7", Limit = 100 }));
        await TimeAsync("tag filter t7, all matches", () => store.QueryRunsAsync(new RunQuery { Tag = "t7" }));
        await TimeAsync("model m3 + 7-day range, newest 100", () => store.QueryRunsAsync(new RunQuery { ModelKey = "m3", Since = since, Until = since.AddDays(7), Limit = 100 }));
        await TimeAsync("model m3 + 7-day range, all matches", () => store.QueryRunsAsync(new RunQuery { ModelKey = "m3", Since = since, Until = since.AddDays(7) }));
        await TimeAsync("lineage depth 3, both ways", () => store.GetLineageAsync(midId, new LineageQuery { Depth = 3 }));
        await TimeAsync("FindBySha256 (an output)", () => store.FindBySha256Async("a" + mid.ToString("x63", CultureInfo.InvariantCulture)));
        await TimeAsync("FindRunAsync by id", () => store.FindRunAsync(midId));
        Console.WriteLine($"grep reference: time grep -c -F '\"tags\":\\[\"t7\"' {grepIndex}");
        var grep = Stopwatch.StartNew();
        using (var p = Process.Start(new ProcessStartInfo("grep", ["-c", "-F", "\"tags\":[\"t7\"", grepIndex]) { RedirectStandardOutput = true })!)
        {
            var matched = (await p.StandardOutput.ReadToEndAsync()).Trim();
            await p.WaitForExitAsync();
            Console.WriteLine($"  grep -c tag t7 over the {count:N0}-line index: {grep.Elapsed.TotalMilliseconds:F0} ms ({matched} lines)");
        }
    }

    private static async Task CommitHookAsync(string root)
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = false });
        await store.CreateRun("warm").AddOutput(new byte[] { 1 }, "o.bin").CommitAsync();
        await store.QueryRunsAsync(); // the catalog exists: the hook writes from now on
        var times = new List<double>();
        var scans = new List<double>();
        var upserts = new List<double>();
        for (var i = 0; i < 201; i++)
        {
            var run = await store.CreateRun("hook").WithPrompt("p" + i).AddInput(new byte[] { (byte)i, 2 }, "in.bin").AddOutput(new byte[] { (byte)i, 3, 4 }, "o.bin").AddLog("stdout", "log " + i).AddTags("bench").CommitAsync();
            var t = Stopwatch.GetTimestamp();
            store.Catalog.RecordCommitted(run with { });
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);

            // The two halves of the hook, timed apart: listing the run's files (record files hashed), then the SQLite upsert.
            t = Stopwatch.GetTimestamp();
            var rows = RunFileScanner.Scan(run.IndexEntry, run.Run, run.FullPath);
            scans.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            store.Catalog.Catalog.Upsert([rows]);
            upserts.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        times.Sort();
        scans.Sort();
        upserts.Sort();
        Console.WriteLine($"catalog update per commit (the commit hook, timed again after each of 201 real commits): median {times[100]:F3} ms, p90 {times[180]:F3} ms");
        Console.WriteLine($"  of which listing the run's files: median {scans[100]:F3} ms; the SQLite upsert: median {upserts[100]:F3} ms, p90 {upserts[180]:F3} ms");
    }

    private static async Task RebuildAsync(string root, int count)
    {
        var store = await MakeFoldersAsync(root, count);
        var rebuild = Stopwatch.StartNew();
        var cpu = Environment.CpuUsage.TotalTime;
        var result = await store.QueryRunsAsync(new RunQuery { Limit = 1 });
        Console.WriteLine($"  rebuild from {count:N0} folders (missing catalog, first query): {rebuild.Elapsed.TotalSeconds:F1} s, CPU {(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F1} s; {result.HasMore}");
    }

    /// <summary>A root of <paramref name="count"/> run folders: copies of one committed run (inputs, output, log, records) with the id rewritten; no catalog.</summary>
    internal static async Task<RunArtifactStore> MakeFoldersAsync(string root, int count)
    {
        var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = false });
        var template = await store.CreateRun("tmpl").WithPrompt("template").AddInput(new byte[] { 9, 9 }, "in.bin").AddOutput(new byte[] { 1, 2, 3 }, "o.bin").AddLog("stdout", "x").AddTags("t").CommitAsync();
        var templateId = template.RunId;
        var files = Directory.GetFiles(template.FullPath, "*", SearchOption.AllDirectories).Select(f => (Relative: Path.GetRelativePath(template.FullPath, f), Text: File.ReadAllText(f))).ToList();
        var dateDir = Path.GetDirectoryName(template.FullPath)!;
        var copy = Stopwatch.StartNew();
        for (var i = 1; i < count; i++)
        {
            var id = $"{templateId}_{i}";
            var dir = Path.Combine(dateDir, id);
            foreach (var (relative, text) in files)
            {
                var path = Path.Combine(dir, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, text.Replace(templateId, id, StringComparison.Ordinal));
            }
        }

        Console.WriteLine($"rebuild: {count:N0} run folders of {files.Count} files each (copies of one committed run, ids rewritten) made in {copy.Elapsed.TotalSeconds:F0} s");
        File.Delete(store.CatalogPath);
        return store;
    }

    private static async Task TimeAsync<T>(string name, Func<Task<T>> query)
    {
        await query();
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await query();
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine($"  {name}: median {times[10]:F2} ms (min {times[0]:F2}, max {times[^1]:F2})");
    }
}
