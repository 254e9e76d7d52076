using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RunArtifacts.Builder;
using RunArtifacts.Catalog;
using RunArtifacts.Catalog.Internal;
using RunArtifacts.Export;
using RunArtifacts.Records;
using RunArtifacts.Reviews;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// <c>registry-bench [RUNS] [EVENTS]</c> (issue 13): builds a root of RUNS run folders (default 100,000; each a copy of one
/// real committed run.json with a file output and two external outputs, renamed) with a catalog built by the catalog's
/// bulk writer, and a hash-chained reviews.jsonl of EVENTS events (default 100,000). Times the portable export and its
/// validation of every run, then review-status lookups through the public store API: the first one (the catalog indexes
/// every event), then the median of 21, against the same fold from reviews.jsonl without the catalog.
/// </summary>
internal static class RegistryBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var eventCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        // REGISTRY_BENCH_ROOT=DIR keeps the root there (built when DIR does not exist yet, reused when it does), so that
        // two builds can be timed on the same root, one after the other; REGISTRY_BENCH_EXPORT=DIR keeps the export.
        var keptRoot = Environment.GetEnvironmentVariable("REGISTRY_BENCH_ROOT");
        var keptExport = Environment.GetEnvironmentVariable("REGISTRY_BENCH_EXPORT");
        var work = Directory.CreateTempSubdirectory("ra-registry-bench-").FullName;
        try
        {
            var root = string.IsNullOrEmpty(keptRoot) ? Path.Combine(work, "root") : Path.GetFullPath(keptRoot);
            var reuse = Directory.Exists(root);
            var store = new RunArtifactStore(new RunArtifactsOptions { Root = root, FlushToDisk = false });
            var ids = reuse ? (await store.QueryRunsAsync(new RunQuery())).Entries.Select(e => e.RunId).Reverse().ToArray() : await BuildRootAsync(store, runs, eventCount);
            runs = ids.Length;

            var export = string.IsNullOrEmpty(keptExport) ? Path.Combine(work, "export") : Path.GetFullPath(keptExport);
            var t = Stopwatch.StartNew();
            if (Environment.GetEnvironmentVariable("REGISTRY_BENCH_SKIP_EXPORT") != "1")
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var result = await PortableExport.ExportAsync(store, new ExportOptions { OutputDirectory = export });
                var exportSeconds = t.Elapsed.TotalSeconds;
                var exportCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                t.Restart();
                cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var validation = await PortableExport.ValidateAsync(export);
                var validateSeconds = t.Elapsed.TotalSeconds;
                var validateCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                Console.WriteLine($"export of {result.Manifest.Counts["runs"]:N0} runs ({result.Manifest.Counts["assets"]:N0} assets, {result.Manifest.Counts["reviews"]:N0} review events, {result.Manifest.Files.Sum(f => f.Bytes) / 1048576.0:F0} MiB): {exportSeconds:F1} s (CPU {exportCpu.TotalSeconds:F1} s)");
                Console.WriteLine($"validate-export: {validateSeconds:F1} s (CPU {validateCpu.TotalSeconds:F1} s, {validation.Problems.Count} problem(s)); together {exportSeconds + validateSeconds:F1} s (CPU {(exportCpu + validateCpu).TotalSeconds:F1} s)");
            }

            if (Environment.GetEnvironmentVariable("REGISTRY_BENCH_SKIP_LOOKUPS") == "1")
            {
                return 0;
            }


            var target = ReviewTarget.Output("ext_output_01");
            t = Stopwatch.StartNew();
            var first = await store.GetReviewStatusAsync(ids[runs / 2], target);
            Console.WriteLine($"first review-status lookup (the catalog indexes {eventCount:N0} events): {t.Elapsed.TotalMilliseconds:F0} ms -> {first}");
            var random = new Random(13);
            var times = new List<double>();
            for (var i = 0; i < 21; i++)
            {
                var id = ids[random.Next(runs)];
                var s = Stopwatch.GetTimestamp();
                await store.GetReviewStatusAsync(id, target);
                times.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"review-status lookup with the catalog (GetReviewStatusAsync, run.json read included): median {times[10]:F2} ms, max {times[^1]:F2} ms");
            if (Environment.GetEnvironmentVariable("REGISTRY_BENCH_BREAKDOWN") == "1")
            {
                var parts = new double[4];
                for (var i = 0; i < 21; i++)
                {
                    var id = ids[random.Next(runs)];
                    var s = Stopwatch.GetTimestamp();
                    var folder = store.FindRunFolder(id)!;
                    parts[0] += Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                    s = Stopwatch.GetTimestamp();
                    await RunBundle.ReadRunAsync(Path.Combine(folder, "run.json"));
                    parts[1] += Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                    s = Stopwatch.GetTimestamp();
                    await store.Catalog.ReadyAsync(CancellationToken.None);
                    parts[2] += Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                    s = Stopwatch.GetTimestamp();
                    store.Catalog.Catalog.ReviewEvents(id, store.ReviewsPath);
                    parts[3] += Stopwatch.GetElapsedTime(s).TotalMilliseconds;
                }

                Console.WriteLine($"breakdown (mean ms): find folder {parts[0] / 21:F2}, read run.json {parts[1] / 21:F2}, catalog ready {parts[2] / 21:F2}, review events query {parts[3] / 21:F2}");
            }
            times.Clear();
            for (var i = 0; i < 5; i++)
            {
                var id = ids[random.Next(runs)];
                var s = Stopwatch.GetTimestamp();
                var run = await RunBundle.ReadRunAsync(Path.Combine(store.FindRunFolder(id)!, "run.json"));
                ReviewFold.Fold(run, store.ReadReviews(id));
                times.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine($"the same fold from reviews.jsonl without the catalog (ReadReviews + ReviewFold): median {times[2]:F0} ms");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static async Task<string[]> BuildRootAsync(RunArtifactStore store, int runs, int eventCount)
    {
        var build = Stopwatch.StartNew();
        var template = await store.CreateRun("bench").WithoutDerivatives().WithPrompt("template").AddInput(new byte[] { 9, 9 }, "in.bin")
            .AddOutput(new byte[] { 1, 2, 3 }, "o.bin")
            .AddExternalOutput(new ExternalAsset("s3://bucket/recordings/ep.wav") { Type = "recording", Visibility = AssetVisibility.Private, Bytes = 1000, Relationships = new Dictionary<string, string> { ["task"] = "task_1" } })
            .AddExternalOutput("https://lu.ma/event", "event-page", "the event page", AssetVisibility.Public)
            .CommitAsync();
        var runJson = await File.ReadAllTextAsync(Path.Combine(template.FullPath, "run.json"));
        var dateDir = Path.GetDirectoryName(template.FullPath)!;
        var ids = new string[runs];
        ids[0] = template.RunId;
        for (var i = 1; i < runs; i++)
        {
            var id = $"{template.RunId}_{i}";
            ids[i] = id;
            var dir = Path.Combine(dateDir, id);
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, "run.json"), runJson.Replace(template.RunId, id, StringComparison.Ordinal));
        }

        File.Delete(store.IndexPath);
        var entry = template.Manifest;
        using (var replacement = store.Catalog.Catalog.BeginReplace(
            ids.Select((id, i) => new CatalogRun(RecordFactoryEntry(entry, id, i), [])), CancellationToken.None))
        {
            replacement.Commit(IndexMark.Empty);
        }

        // A hash-chained reviews.jsonl: event k reviews run k % RUNS, alternating needs-review and approved.
        var prev = new string('0', 64);
        var time = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var writer = new FileStream(store.ReviewsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            for (var k = 0; k < eventCount; k++)
            {
                var e = new ReviewEvent
                {
                    EventId = "rev_" + Guid.CreateVersion7(time.AddSeconds(k)).ToString("N"),
                    RunId = ids[k % runs],
                    Target = ReviewTarget.Output("ext_output_01"),
                    Status = k % 2 == 0 ? ReviewStatus.NeedsReview : ReviewStatus.Approved,
                    Reviewer = "bench",
                    Time = time.AddSeconds(k),
                    PrevSha256 = prev,
                };
                var line = Encoding.UTF8.GetBytes(RecordJson.ToJsonLine(e));
                prev = Convert.ToHexStringLower(SHA256.HashData(line));
                writer.Write(line);
                writer.WriteByte((byte)'\n');
            }
        }

        Console.WriteLine($"root: {runs:N0} run folders, catalog, {eventCount:N0} review events, built in {build.Elapsed.TotalSeconds:F0} s");
        return ids;
    }

    private static IndexEntry RecordFactoryEntry(ManifestRecord m, string id, int i) => new()
    {
        RunId = id,
        RunPath = $"{m.RunPath[..m.RunPath.IndexOf('/', StringComparison.Ordinal)]}/{id}",
        CreatedAt = m.CreatedAt.AddMilliseconds(i),
        Status = m.Status,
        ModelKey = m.ModelKey,
        Tags = m.Tags,
        PromptSummary = m.PromptSummary,
        InputCount = m.InputCount,
        OutputCount = m.OutputCount,
        ExternalOutputCount = m.ExternalOutputCount,
    };
}
