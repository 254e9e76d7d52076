using System.Security.Cryptography;
using System.Text.Json;
using RunArtifacts.IO.Internal;
using RunArtifacts.Redaction;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Reviews;
using RunArtifacts.Schemas;
using RunArtifacts.Schemas.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Export.Internal;

/// <summary>
/// Checks an export folder: the manifest, then each data file (checksum and count against the manifest, every line
/// against its schema, ids unique, relationships resolved), then a secret scan of every file. Problems are collected,
/// never thrown. Relationship rule: an asset's and a review's <c>run_id</c> must be an exported run, a review's target
/// an exported asset of that run (by path, asset id or sha256) and its <c>supersedes</c> an exported event; the
/// <c>relationships</c> map of an asset (task, bundle, job, file ids in other systems) is opaque and not resolved.
/// </summary>
internal static class ExportValidator
{
    /// <summary>Said of an export file that is a FIFO, a socket or a device: opening a FIFO would block the check until a writer came.</summary>
    private const string NotRegular = "not a regular file (a FIFO, a socket or a device); it was not opened";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<RecordKind, SubsetValidator> Subsets = new();

    private static readonly HashSet<string> TimeFields = new(StringComparer.Ordinal) { "created_at", "finished_at", "time", "exported_at" };

    public static ExportValidationResult Validate(string dir, CancellationToken cancellationToken)
    {
        var problems = new List<ExportProblem>();
        void Problem(string file, int? line, string check, string message) => problems.Add(new ExportProblem(file, line, check, message));
        if (!Directory.Exists(dir))
        {
            Problem(".", null, ExportChecks.Read, $"no export folder '{dir}'");
            return new ExportValidationResult(problems);
        }

        // Each file's secret scan starts as soon as its bytes are read and runs beside the line checks; the findings are
        // reported after them, file by file in the order below, exactly as a scan at the end would give them.
        var redactor = new SecretRedactor(new RedactionOptions());
        var scans = new Dictionary<string, Task<List<(string Rule, int Line)>>>(StringComparer.Ordinal);
        void StartScan(string file, byte[] content)
            => scans[file] = Task.Run(() => TextFileSecretScan.ScanWhole(redactor, content, cancellationToken), cancellationToken);

        ExportManifestRecord? manifest = null;
        var manifestPath = Path.Combine(dir, Exporter.ManifestFile);
        if (!File.Exists(manifestPath))
        {
            Problem(Exporter.ManifestFile, null, ExportChecks.Read, "missing");
        }
        else if (!NativeFs.IsRegularOrAbsent(manifestPath))
        {
            Problem(Exporter.ManifestFile, null, ExportChecks.Read, NotRegular);
        }
        else
        {
            var bytes = File.ReadAllBytes(manifestPath);
            StartScan(Exporter.ManifestFile, bytes);
            if (CheckRecord(bytes, RecordKind.ExportManifest, Exporter.ManifestFile, null, Problem, out var record))
            {
                manifest = (ExportManifestRecord)record!;
            }
        }

        var runs = new Dictionary<string, int>(StringComparer.Ordinal);
        var assets = new Dictionary<string, (string RunId, string? Sha256)>(StringComparer.Ordinal);
        var events = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<(string RunId, string Sha256)>();
        var pendingReviews = new List<(int Line, ReviewEvent Event)>();
        foreach (var (file, entity, kind) in new[] { (Exporter.RunsFile, "runs", RecordKind.ExportRun), (Exporter.AssetsFile, "assets", RecordKind.ExportAsset), (Exporter.ReviewsFile, "reviews", RecordKind.ReviewEvent) })
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(dir, file);
            if (!File.Exists(path))
            {
                Problem(file, null, ExportChecks.Read, "missing");
                continue;
            }

            if (!NativeFs.IsRegularOrAbsent(path))
            {
                Problem(file, null, ExportChecks.Read, NotRegular);
                continue;
            }

            var content = File.ReadAllBytes(path);
            StartScan(file, content);
            var digest = Convert.ToHexStringLower(SHA256.HashData(content));
            long size = content.Length;
            var count = 0;
            foreach (var (number, bytes) in Lines(content))
            {
                count++;
                if (!CheckRecord(bytes, kind, file, number, Problem, out var parsed))
                {
                    // A record with a bad field still exists: its id keeps the records that point to it from dangling.
                    if (Id(bytes, kind == RecordKind.ExportRun ? "run_id" : kind == RecordKind.ExportAsset ? "asset_id" : "event_id") is { } id)
                    {
                        _ = kind switch
                        {
                            RecordKind.ExportRun => runs.TryAdd(id, number),
                            RecordKind.ExportAsset => assets.TryAdd(id, (id.Split('/')[0], null)),
                            _ => events.Add(id),
                        };
                    }

                    continue;
                }

                switch (kind)
                {
                    case RecordKind.ExportRun:
                        var run = (ExportRunRecord)parsed!;
                        if (!runs.TryAdd(run.RunId, number))
                        {
                            Problem(file, number, ExportChecks.DuplicateId, $"run_id {run.RunId} repeats line {runs[run.RunId]}");
                        }

                        break;
                    case RecordKind.ExportAsset:
                        var asset = (ExportAssetRecord)parsed!;
                        if (!assets.TryAdd(asset.AssetId, (asset.RunId, asset.Sha256)))
                        {
                            Problem(file, number, ExportChecks.DuplicateId, $"asset_id {asset.AssetId} is repeated");
                        }
                        else if (asset.Sha256 is { } sha)
                        {
                            hashes.Add((asset.RunId, sha));
                        }

                        if (!runs.ContainsKey(asset.RunId))
                        {
                            Problem(file, number, ExportChecks.DanglingRelation, $"run_id {asset.RunId} is no exported run");
                        }

                        break;
                    default:
                        var e = (ReviewEvent)parsed!;
                        if (!events.Add(e.EventId))
                        {
                            Problem(file, number, ExportChecks.DuplicateId, $"event_id {e.EventId} is repeated");
                        }

                        pendingReviews.Add((number, e));
                        break;
                }
            }

            if (manifest is not null)
            {
                var listed = manifest.Files.FirstOrDefault(f => f.Name == file);
                if (listed is null)
                {
                    Problem(Exporter.ManifestFile, null, ExportChecks.Checksum, $"{file} is not listed in files");
                }
                else
                {
                    if (listed.Sha256 != digest || listed.Bytes != size)
                    {
                        Problem(file, null, ExportChecks.Checksum, $"sha256 {digest[..12]}… and {size} bytes differ from the manifest's {listed.Sha256[..Math.Min(12, listed.Sha256.Length)]}… and {listed.Bytes} bytes");
                    }

                    if (listed.Records != count)
                    {
                        Problem(file, null, ExportChecks.Count, $"{count} record(s), the manifest's files entry says {listed.Records}");
                    }
                }

                if (!manifest.Counts.TryGetValue(entity, out var expected) || expected != count)
                {
                    Problem(file, null, ExportChecks.Count, $"{count} record(s), the manifest's counts.{entity} says {(manifest.Counts.ContainsKey(entity) ? expected : "nothing")}");
                }
            }
        }

        foreach (var (number, e) in pendingReviews)
        {
            if (!runs.ContainsKey(e.RunId))
            {
                Problem(Exporter.ReviewsFile, number, ExportChecks.DanglingRelation, $"run_id {e.RunId} is no exported run");
                continue;
            }

            var targetFound = e.Target.Kind switch
            {
                ReviewTargetKind.Run => true,
                ReviewTargetKind.Output => assets.ContainsKey($"{e.RunId}/{e.Target.Path}"),
                _ => e.Target.Sha256 is { } sha ? hashes.Contains((e.RunId, sha)) : assets.Values.Any(a => a.RunId == e.RunId && a.Sha256 is null),
            };
            if (!targetFound)
            {
                Problem(Exporter.ReviewsFile, number, ExportChecks.DanglingRelation, $"target {e.Target} is no exported asset of run {e.RunId}");
            }

            if (e.Supersedes is { } s && !events.Contains(s))
            {
                Problem(Exporter.ReviewsFile, number, ExportChecks.DanglingRelation, $"supersedes {s}, which is no exported event");
            }
        }

        foreach (var file in new[] { Exporter.ManifestFile, Exporter.RunsFile, Exporter.AssetsFile, Exporter.ReviewsFile })
        {
            if (scans.TryGetValue(file, out var scan))
            {
                foreach (var (rule, line) in scan.GetAwaiter().GetResult())
                {
                    Problem(file, line, ExportChecks.Secret, $"secret pattern {rule}");
                }
            }
        }

        foreach (var extra in Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Where(n => n is not (Exporter.ManifestFile or Exporter.RunsFile or Exporter.AssetsFile or Exporter.ReviewsFile)))
        {
            Problem(extra!, null, ExportChecks.Read, "not part of an export (an export holds manifest.json, runs.jsonl, assets.jsonl and reviews.jsonl only)");
        }

        return new ExportValidationResult(problems);
    }

    /// <summary>Parses and schema-checks one record, and maps it onto its type (once); false when it cannot be mapped.</summary>
    private static bool CheckRecord(byte[] bytes, RecordKind kind, string file, int? line, Action<string, int?, string, string> problem, out object? record)
    {
        record = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            problem(file, line, ExportChecks.Read, $"not JSON: {ex.Message}");
            return false;
        }

        using (document)
        {
            // The fast pre-check certifies the ordinary line; any other line gets the full evaluation and its exact messages.
            var errors = Subsets.GetOrAdd(kind, static k => SubsetValidator.For(RecordSchemas.GetSchemaJson(k))).Certifies(document.RootElement)
                ? []
                : SchemaValidator.For(kind).Validate(document.RootElement);
            foreach (var error in errors)
            {
                var field = error.InstancePath.Split('/').LastOrDefault() ?? string.Empty;
                var check = error.Keyword switch
                {
                    "required" => ExportChecks.Required,
                    "enum" or "const" => ExportChecks.Enum,
                    _ when TimeFields.Contains(field) => ExportChecks.Timestamp,
                    _ => ExportChecks.Schema,
                };
                problem(file, line, check, $"{(error.InstancePath.Length == 0 ? "/" : error.InstancePath)}: {error.Message}");
            }

            if (errors.Count > 0)
            {
                return false;
            }
        }

        try
        {
            record = kind switch
            {
                RecordKind.ExportRun => JsonSerializer.Deserialize(bytes, RunArtifactsJsonContext.Default.ExportRunRecord),
                RecordKind.ExportAsset => JsonSerializer.Deserialize(bytes, RunArtifactsJsonContext.Default.ExportAssetRecord),
                RecordKind.ExportManifest => JsonSerializer.Deserialize(bytes, RunArtifactsJsonContext.Default.ExportManifestRecord),
                _ => JsonSerializer.Deserialize(bytes, RunArtifactsJsonContext.Default.ReviewEvent),
            };
            return record is not null;
        }
        catch (JsonException ex)
        {
            problem(file, line, TimeFields.Any(f => ex.Path?.EndsWith(f, StringComparison.Ordinal) == true) ? ExportChecks.Timestamp : ExportChecks.Schema, $"{ex.Path}: {ex.Message}");
            return false;
        }
    }

    private static string? Id(byte[] bytes, string field)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Each non-empty line (without its newline) with its 1-based line number.</summary>
    private static IEnumerable<(int Number, byte[] Line)> Lines(byte[] all)
    {
        var number = 0;
        var start = 0;
        while (start < all.Length)
        {
            var nl = Array.IndexOf(all, (byte)'\n', start);
            var end = nl < 0 ? all.Length : nl + 1;
            var line = all[start..(nl < 0 ? all.Length : nl)];
            start = end;
            number++;
            if (line.Length > 0)
            {
                yield return (number, line);
            }
        }
    }
}
