using System.Diagnostics;
using System.Globalization;
using RunArtifacts.Catalog;
using RunArtifacts.Catalog.Internal;

namespace RunArtifacts.Benchmarks;

/// <summary>
/// <c>catalog-rebuild [FOLDERS] [REPEATS]</c> (issue 12): only the catalog rebuild from FOLDERS real run folders (default
/// 10,000; the folders of <c>catalog-bench</c>), REPEATS times (default 3): the folder scan and the SQLite build timed
/// apart, then the whole rebuild as a reader meets it (missing catalog, first query). Wall and CPU time (all threads).
/// </summary>
internal static class CatalogRebuildBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var work = Directory.CreateTempSubdirectory("ra-catalog-rebuild-").FullName;
        try
        {
            var store = await CatalogBench.MakeFoldersAsync(Path.Combine(work, "folders"), count);
            if (Environment.GetEnvironmentVariable("CATALOG_REBUILD_BREAKDOWN") == "1")
            {
                Breakdown(store);
                Breakdown(store);
            }

            for (var r = 0; r < repeats; r++)
            {
                var (scan, scanCpu, runs) = Time(() => store.Catalog.ScanAll(CancellationToken.None));
                var (build, buildCpu, _) = Time(() =>
                {
                    using var replacement = store.Catalog.Catalog.BeginReplace(runs, CancellationToken.None);
                    replacement.Commit(IndexMark.Empty);
                    return 0;
                });
                File.Delete(store.CatalogPath);
                var (whole, wholeCpu, result) = Time(() => store.QueryRunsAsync(new RunQuery { Limit = 1 }).GetAwaiter().GetResult());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rebuild {count:N0} folders: scan {scan:F2} s (CPU {scanCpu:F2} s), SQLite build {build:F2} s (CPU {buildCpu:F2} s); whole rebuild {whole:F2} s (CPU {wholeCpu:F2} s); {runs.Count:N0} runs, more={result.HasMore}"));
                File.Delete(store.CatalogPath);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    /// <summary>One thread, the parts of a folder scan timed apart (CPU time of the process).</summary>
    private static void Breakdown(RunArtifacts.Storage.RunArtifactStore store)
    {
        var folders = store.EnumerateRunFolders().ToList();
        var (_, enumerate, _) = Time(() => store.EnumerateRunFolders().Count());
        var (_, readBytes, bytes) = Time(() => folders.Select(f => (File.ReadAllBytes(Path.Combine(f, "manifest.json")), File.ReadAllBytes(Path.Combine(f, "run.json")))).ToList());
        var (_, parse, records) = Time(() => bytes.Select((b, i) => (
            RunArtifacts.Records.Internal.RecordReader.Read(b.Item1, "m", RunArtifacts.Schemas.RecordKind.Manifest, RunArtifacts.Serialization.RunArtifactsJsonContext.Default.ManifestRecord),
            RunArtifacts.Records.Internal.RecordReader.Read(b.Item2, "r", RunArtifacts.Schemas.RecordKind.Run, RunArtifacts.Serialization.RunArtifactsJsonContext.Default.RunRecord))).ToList());
        var (_, list, _) = Time(() => folders.Sum(f => Directory.EnumerateFiles(f, "*", new EnumerationOptions { RecurseSubdirectories = true }).Count()));
        var (_, scan, _) = Time(() => folders.Select((f, i) => RunFileScanner.Scan(RunArtifacts.Records.Internal.RecordFactory.IndexEntry(records[i].Item1), records[i].Item2, f)).Count());
        var (_, whole, _) = Time(() => folders.Select(store.Catalog.Scan).Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"breakdown, one thread, CPU s per {folders.Count:N0} folders: enumerate folders {enumerate:F2}; read manifest+run.json {readBytes:F2}; parse both {parse:F2}; list files {list:F2}; file rows (list + hash records) {scan:F2}; whole Scan {whole:F2}"));
    }

    private static (double Wall, double Cpu, T Result) Time<T>(Func<T> work)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        var result = work();
        return (wall.Elapsed.TotalSeconds, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds, result);
    }
}
