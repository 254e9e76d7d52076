using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RunArtifacts.Catalog;
using RunArtifacts.Records;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Reviews;
using RunArtifacts.Serialization;
using RunArtifacts.Storage;

namespace RunArtifacts.Export.Internal;

/// <summary>One export: query, read run records in parallel, write the files into a staging folder beside the target while hashing them, scan them for secrets, write the manifest, rename.</summary>
internal sealed class Exporter(RunArtifactStore store, ExportOptions options)
{
    public const string RunsFile = "runs.jsonl";
    public const string AssetsFile = "assets.jsonl";
    public const string ReviewsFile = "reviews.jsonl";
    public const string ManifestFile = "manifest.json";

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
        var records = new RunRecord?[entries.Length];
        await Parallel.ForAsync(0, entries.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount) }, async (i, ct) =>
        {
            try
            {
                records[i] = await RunBundle.ReadRunAsync(Path.Combine(store.RootPath, entries[i].RunPath, "run.json"), ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArtifactFormatException)
            {
                records[i] = null;
            }
        }).ConfigureAwait(false);

        var exported = records.Where(r => r is not null).Select(r => r!).ToList();
        var ids = exported.Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);

        // Review events of the exported runs, byte for byte, in file order.
        var eventLines = new List<byte[]>();
        var events = new Dictionary<string, List<ReviewEvent>>(StringComparer.Ordinal);
        var unreadable = 0;
        foreach (var (_, bytes) in store.Reviews.Lines())
        {
            if (!Reviews.Internal.ReviewsFile.TryParse(bytes, out var e))
            {
                unreadable++;
                continue;
            }

            if (ids.Contains(e.RunId))
            {
                eventLines.Add(bytes);
                (events.TryGetValue(e.RunId, out var list) ? list : events[e.RunId] = []).Add(e);
            }
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var runs = new Writer(Path.Combine(staging, RunsFile));
            var assets = new Writer(Path.Combine(staging, AssetsFile));
            using (runs)
            using (assets)
            {
                foreach (var run in exported)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var states = ReviewFold.Fold(run, events.TryGetValue(run.RunId, out var list) ? list : []);
                    var assetRecords = Assets(run, states).ToList();
                    runs.Line(JsonSerializer.SerializeToUtf8Bytes(RunLine(run, states, assetRecords.Count), RunArtifactsJsonContext.Compact.ExportRunRecord));
                    foreach (var a in assetRecords)
                    {
                        assets.Line(JsonSerializer.SerializeToUtf8Bytes(a, RunArtifactsJsonContext.Compact.ExportAssetRecord));
                    }
                }
            }

            var reviews = new Writer(Path.Combine(staging, ReviewsFile));
            using (reviews)
            {
                foreach (var line in eventLines)
                {
                    reviews.Line(line);
                }
            }

            var writers = new[] { (runs, "runs"), (assets, "assets"), (reviews, "reviews") };
            var found = new List<string>();
            foreach (var (w, _) in writers)
            {
                foreach (var (rule, line) in TextFileSecretScan.Scan(store.Redactor, w.Path, cancellationToken))
                {
                    found.Add($"{Path.GetFileName(w.Path)} line {line}: secret pattern {rule}");
                }
            }

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
            if (entries.Length != exported.Count)
            {
                omitted.Add(new() { Entity = "runs", Reason = $"{entries.Length - exported.Count} run(s) in the catalog had no readable run.json." });
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
