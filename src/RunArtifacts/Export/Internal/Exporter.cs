using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RunArtifacts.Catalog;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Reviews;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Export.Internal;

/// <summary>
/// One export: query, then read, fold and serialise the run records in parallel batches and write their lines in catalog
/// order into a staging folder beside the target while hashing them (the files are byte for byte those of a sequential
/// export), scan them for secrets, write the manifest, rename.
/// </summary>
internal sealed class Exporter(RunArtifactStore store, ExportOptions options)
{
    public const string RunsFile = "runs.jsonl";
    public const string AssetsFile = "assets.jsonl";
    public const string ReviewsFile = "reviews.jsonl";
    public const string ManifestFile = "manifest.json";

    /// <summary>How many runs are read and serialised at once before they are written (a test sets 1 for the plain sequential export).</summary>
    internal int BatchSize { get; init; } = 4096;

    /// <summary>How many runs are read and serialised at the same time (-1: all cores; a test sets 1).</summary>
    internal int MaxDegreeOfParallelism { get; init; } = -1;

    public async Task<ExportResult> RunAsync(CancellationToken cancellationToken)
    {
        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.OutputDirectory));
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new ArtifactValidationException($"The export folder '{target}' exists and is not empty; give a new folder.");
        }

        if (File.Exists(target))
        {
            throw new ArtifactValidationException($"'{target}' is a file; give a new folder.");
        }

        var query = options.Runs ?? new RunQuery();
        var entries = (await store.QueryRunsAsync(query, cancellationToken).ConfigureAwait(false)).Entries.Reverse().ToArray();

        // Every parseable review event, grouped by run (file order kept): the fold of an exported run takes its group.
        var eventLines = new List<(string RunId, byte[] Line)>();
        var events = new Dictionary<string, List<ReviewEvent>>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var (_, bytes) in store.Reviews.Lines())
        {
            if (!Reviews.Internal.ReviewsFile.TryParse(bytes, out var e))
            {
                unreadable++;
                continue;
            }

            eventLines.Add((e.RunId, bytes));
            (events.TryGetValue(e.RunId, out var list) ? list : events[e.RunId] = []).Add(e);
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var runs = new Writer(Path.Combine(staging, RunsFile));
            var assets = new Writer(Path.Combine(staging, AssetsFile));
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var exportedCount = 0;
            using (runs)
            using (assets)
            {
                // Batches of runs: each run read, folded and serialised on all cores, then written in catalog order.
                var lines = new RunLines?[Math.Min(BatchSize, entries.Length)];
                for (var batch = 0; batch < entries.Length; batch += BatchSize)
                {
                    var count = Math.Min(BatchSize, entries.Length - batch);
                    Parallel.For(0, count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxDegreeOfParallelism }, i =>
                        lines[i] = Serialize(Path.Combine(store.RootPath, entries[batch + i].RunPath, "run.json"), events));
                    for (var i = 0; i < count; i++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (lines[i] is not { } run)
                        {
                            continue;
                        }

                        exportedCount++;
                        ids.Add(run.RunId);
                        runs.Line(run.Run);
                        foreach (var a in run.Assets)
                        {
                            assets.Line(a);
                        }

                        lines[i] = null;
                    }
                }
            }

            var reviews = new Writer(Path.Combine(staging, ReviewsFile));
            using (reviews)
            {
                // Review events of the exported runs, byte for byte, in file order.
                foreach (var (runId, line) in eventLines)
                {
                    if (ids.Contains(runId))
                    {
                        reviews.Line(line);
                    }
                }
            }

            var writers = new[] { (runs, "runs"), (assets, "assets"), (reviews, "reviews") };
            // The three files scanned at the same time; their findings listed file by file, line by line.
            var scans = new List<(string Rule, int Line)>[writers.Length];
            Parallel.For(0, writers.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                scans[i] = TextFileSecretScan.ScanWhole(store.Redactor, File.ReadAllBytes(writers[i].Item1.Path), cancellationToken));
            var found = writers.Zip(scans).SelectMany(x => x.Second.Select(f => $"{Path.GetFileName(x.First.Item1.Path)} line {f.Line}: secret pattern {f.Rule}")).ToList();

            if (found.Count > 0)
            {
                throw new ArtifactValidationException(["The export was not published: a secret pattern was found.", .. found.Take(20)]);
            }

            var omitted = new List<ExportOmission>
            {
                new() { Entity = "binaries", Reason = "The export is metadata only: files stay in their run bundles (storage_uri bundle:…) or their external storage." },
                new() { Entity = "derivatives", Reason = "Web copies, thumbnails and posters are browsing aids rebuilt from the originals." },
                new() { Entity = "texts", Reason = "Prompts, requests, logs and notes stay in the run bundles (redacted there)." },
            };
            if (entries.Length != exportedCount)
            {
                omitted.Add(new() { Entity = "runs", Reason = $"{entries.Length - exportedCount} run(s) in the catalog had no readable run.json." });
            }

            if (unreadable > 0)
            {
                omitted.Add(new() { Entity = "reviews", Reason = $"{unreadable} line(s) of reviews.jsonl did not parse (see artifacts verify)." });
            }

            var manifest = new ExportManifestRecord
            {
                FormatVersion = PortableExport.FormatVersion,
                ExportedAt = store.TimeProvider.GetUtcNow(),
                SourceRoot = Path.GetFileName(Path.TrimEndingDirectorySeparator(store.RootPath)),
                Filters = Describe(query),
                Counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["runs"] = runs.Records, ["assets"] = assets.Records, ["reviews"] = reviews.Records },
                Files = writers.Select(x => new ExportFileRecord { Name = Path.GetFileName(x.Item1.Path), Entity = x.Item2, Sha256 = x.Item1.Sha256, Bytes = x.Item1.Bytes, Records = x.Item1.Records }).ToList(),
                Omitted = omitted,
            };
            IO.Internal.FileCopier.WriteSmallFile(Path.Combine(staging, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, RunArtifactsJsonContext.Default.ExportManifestRecord), store.Options.FlushToDisk);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return new ExportResult(target, manifest);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>
    /// Reads one run record and serialises its <c>runs.jsonl</c> line and <c>assets.jsonl</c> lines; null when the
    /// record cannot be read (the run is omitted).
    /// </summary>
    private static RunLines? Serialize(string runJson, Dictionary<string, List<ReviewEvent>> events)
    {
        RunRecord run;
        try
        {
            // The read of RunBundle.ReadRunAsync, synchronous (on a worker of the parallel loop) into a reused buffer.
            IO.Internal.RegularFiles.EnsureReadable(runJson);
            using var handle = File.OpenHandle(runJson, FileMode.Open, FileAccess.Read, FileShare.Read);
            var length = RandomAccess.GetLength(handle);
            if (length > Array.MaxLength)
            {
                throw new IOException($"'{runJson}' is too large.");
            }

            var buffer = readBuffer is { } b && b.Length >= length ? b : readBuffer = new byte[Math.Max(length, 1 << 16)];
            var read = 0;
            int n;
            while (read < length && (n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read)) > 0)
            {
                read += n;
            }

            run = RecordReader.Read(buffer.AsMemory(0, read), runJson, RecordKind.Run, RunArtifactsJsonContext.Default.RunRecord);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArtifactFormatException)
        {
            return null;
        }

        var states = ReviewFold.Fold(run, events.TryGetValue(run.RunId, out var list) ? list : []);
        var assetRecords = Assets(run, states).ToList();
        var runLine = JsonSerializer.SerializeToUtf8Bytes(RunLine(run, states, assetRecords.Count), RunArtifactsJsonContext.Compact.ExportRunRecord);
        var assetLines = new byte[assetRecords.Count][];
        for (var i = 0; i < assetLines.Length; i++)
        {
            assetLines[i] = JsonSerializer.SerializeToUtf8Bytes(assetRecords[i], RunArtifactsJsonContext.Compact.ExportAssetRecord);
        }

        return new RunLines(run.RunId, runLine, assetLines);
    }

    [ThreadStatic]
    private static byte[]? readBuffer;

    /// <summary>One exported run's lines.</summary>
    private sealed record RunLines(string RunId, byte[] Run, byte[][] Assets);

    private static ExportRunRecord RunLine(RunRecord run, IReadOnlyList<ReviewState> states, int assetCount) => new()
    {
        RunId = run.RunId,
        CreatedAt = run.CreatedAt,
        FinishedAt = run.FinishedAt,
        Status = run.Status,
        ModelKey = run.ModelKey,
        ProviderModel = run.ProviderModel,
        TaskMode = run.TaskMode,
        RunPath = run.RunPath,
        Tags = run.Tags,
        ProjectName = run.SourceContext?.ProjectName,
        AssetCount = assetCount,
        ReviewStatus = states[0].Status,
        HasAcceptedProof = states.Any(s => s.IsAcceptedProof),
        ErrorKind = run.Errors.Count > 0 ? run.Errors[0].Kind : null,
    };

    private static IEnumerable<ExportAssetRecord> Assets(RunRecord run, IReadOnlyList<ReviewState> states)
    {
        ReviewStatus? StatusOf(string path) => states.FirstOrDefault(s => s.Target.Kind == ReviewTargetKind.Output && s.Target.Path == path)?.Status;
        ExportAssetRecord File(AssetRecord a, string direction) => new()
        {
            AssetId = $"{run.RunId}/{a.RelativePath}",
            RunId = run.RunId,
            Direction = direction,
            StorageUri = $"bundle:{run.RunPath}/{a.RelativePath}",
            StorageProvider = "bundle",
            Type = a.Kind.ToString().ToLowerInvariant(),
            Title = a.OriginalFilename,
            ContentType = a.MimeType,
            Sha256 = a.Sha256,
            Bytes = a.Bytes,
            Visibility = AssetVisibility.Internal,
            ReviewStatus = direction == "output" ? StatusOf(a.RelativePath) : null,
        };
        ExportAssetRecord External(ExternalAssetRecord x, string direction) => new()
        {
            AssetId = $"{run.RunId}/{x.AssetId}",
            RunId = run.RunId,
            Direction = direction,
            StorageUri = x.Uri,
            StorageProvider = StoragePolicy.Name(x.Provider),
            Type = x.Type,
            Title = x.Title,
            ContentType = x.ContentType,
            Sha256 = x.Sha256,
            Bytes = x.Bytes,
            Visibility = x.Visibility,
            ReviewStatus = direction == "output" ? StatusOf(x.AssetId) : null,
            SourceType = x.SourceType,
            CreatedBy = x.CreatedBy,
            Relationships = x.Relationships,
        };

        foreach (var a in run.Inputs)
        {
            yield return File(a, "input");
        }

        foreach (var x in run.ExternalInputs ?? [])
        {
            yield return External(x, "input");
        }

        foreach (var a in run.Outputs)
        {
            yield return File(a, "output");
        }

        foreach (var x in run.ExternalOutputs ?? [])
        {
            yield return External(x, "output");
        }
    }

    private static List<string> Describe(RunQuery q)
    {
        var filters = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null)
            {
                filters.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
            }
        }

        Add("model", q.ModelKey);
        Add("tag", q.Tag);
        Add("status", q.Status?.ToString().ToLowerInvariant());
        Add("since", q.Since is { } s ? RecordJson.FormatTimestamp(s) : null);
        Add("until", q.Until is { } u ? RecordJson.FormatTimestamp(u) : null);
        Add("text", q.Text);
        Add("limit", q.Limit);
        return filters;
    }

    /// <summary>A <c>.jsonl</c> file written one line at a time, hashed and counted as it goes.</summary>
    private sealed class Writer : IDisposable
    {
        private readonly FileStream stream;
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private static readonly byte[] Newline = "\n"u8.ToArray();

        public Writer(string path)
        {
            Path = path;
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public string Path { get; }

        public int Records { get; private set; }

        public long Bytes { get; private set; }

        public string Sha256 { get; private set; } = string.Empty;

        public void Line(ReadOnlySpan<byte> line)
        {
            stream.Write(line);
            stream.Write(Newline);
            hash.AppendData(line);
            hash.AppendData(Newline);
            Bytes += line.Length + 1;
            Records++;
        }

        public void Dispose()
        {
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            hash.Dispose();
        }
    }
}
