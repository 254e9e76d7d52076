using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records.Internal;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;

namespace RunArtifacts.Verification.Internal;


/// <summary>Checks one run folder: records against schemas, files against hashes, paths, join keys, index line, secrets.</summary>
internal sealed partial class RunChecker(SecretRedactor redactor, VerifyOptions options, HashWorkers hashWorkers)
{
    private const int MaxSchemaErrorsPerFile = 20;
    private const int SmallFileLimit = 1024 * 1024;
    private const string SchemaVersionProperty = "schema_version";

    public async Task<RunVerificationResult> CheckAsync(string runDirectory, string runPath, IReadOnlyList<IndexLine>? indexLines, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var run = new RunState(Path.GetFullPath(runDirectory), runPath);
        try
        {
            await CheckRecordsAndFilesAsync(run, indexLines, onBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            run.Problem(".", VerificationChecks.Read, $"the run folder could not be read: {ex.Message}");
        }

        return new RunVerificationResult
        {
            RunId = run.RunId,
            RunPath = runPath,
            Problems = run.Problems,
            Warnings = run.Warnings,
            FilesHashed = run.FilesHashed,
            BytesHashed = run.BytesHashed,
        };
    }

    private async Task CheckRecordsAndFilesAsync(RunState run, IReadOnlyList<IndexLine>? indexLines, Action<long> onBytes, CancellationToken cancellationToken)
    {
        // The folder is listed first, and its large files start hashing at once, beside the records' checks. Problems
        // are reported in the same order as ever: the listing's after the records'.
        var listing = ListFiles(run.Directory);
        await using var hashes = new LargeFileHashes(hashWorkers, onBytes, cancellationToken);
        hashes.Start(run.Directory, listing.Large);
        run.NotRegular.UnionWith(listing.Others);
        await CheckAsync(run, indexLines, listing, hashes, onBytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task CheckAsync(RunState run, IReadOnlyList<IndexLine>? indexLines, Listing listing, LargeFileHashes hashes, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var record = ReadRecord(run, "run.json", RecordKind.Run, RunArtifactsJsonContext.Default.RunRecord, "the bundle layout");
        var manifest = ReadRecord(run, "manifest.json", RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord, "the bundle layout");
        if (record is not null)
        {
            CheckRun(run, record);
            CheckExternal(run, record);
            CheckExperiment(run, record);
        }

        if (manifest is not null)
        {
            CheckManifest(run, manifest, record);
            if (indexLines is not null && options.CheckIndex)
            {
                CheckIndex(run, manifest, indexLines);
            }
        }

        foreach (var (relative, target) in listing.Links)
        {
            run.Problem(relative, VerificationChecks.Path, $"is a symbolic link (to '{target}'); a bundle holds only regular files");
            run.Account(relative);
        }

        foreach (var relative in listing.Others)
        {
            run.Problem(relative, VerificationChecks.Path, "is not a regular file (a FIFO, a socket or a device), and was not opened; a bundle holds only regular files");
            run.Account(relative);
        }

        var files = listing.Files;
        foreach (var file in files.Where(f => !run.Accounted.Contains(f)))
        {
            run.Problem(file, VerificationChecks.Unaccounted, "no record names this file");
        }

        await HashAsync(run, hashes, onBytes, cancellationToken).ConfigureAwait(false);
        if (options.ScanSecrets)
        {
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanSecrets(run, file, cancellationToken);
            }
        }
    }

    /// <summary>Reads a record, reporting every read and schema problem; null when it cannot be mapped onto its type.</summary>
    private static T? ReadRecord<T>(RunState run, string relative, RecordKind kind, JsonTypeInfo<T> typeInfo, string? namedBy, byte[]? content = null)
        where T : class
    {
        if (content is null)
        {
            run.Account(relative);
            var full = Path.Combine(run.Directory, relative);
            if (!File.Exists(full))
            {
                run.Problem(relative, VerificationChecks.Missing, $"the {RecordReader.Name(kind)} record is missing (named by {namedBy})");
                return null;
            }

            if (run.NotRegular.Contains(relative))
            {
                return null; // reported with the listing's other entries; opening a FIFO would block
            }

            content = File.ReadAllBytes(full);
            run.Contents[relative] = content; // hashed and scanned from memory later, not read again
        }

        var read = RecordReader.TryRead(content, relative, kind, typeInfo, validate: true, MaxSchemaErrorsPerFile);
        foreach (var problem in read.Problems)
        {
            run.Problem(relative, problem.Kind == RecordProblemKind.Schema ? VerificationChecks.Schema : VerificationChecks.Read, problem.Message);
        }

        return read.Record;
    }

    /// <summary>
    /// The fields in which a record disagrees with the one derived from its source. <c>schema_version</c> is left out:
    /// each record carries the minor version of the library that wrote it, and a root holds several (runs written by
    /// 1.0 and an index rebuilt by 1.1), while the reader has already refused another major.
    /// </summary>
    private static List<string> Differences(JsonObject expected, JsonObject actual)
        => expected.Select(p => p.Key).Union(actual.Select(p => p.Key), StringComparer.Ordinal)
            .Where(k => k != SchemaVersionProperty && !JsonNode.DeepEquals(expected[k], actual[k]))
            .ToList();

    private static string Short(string? sha) => sha is null ? "(none)" : sha.Length > 12 ? sha[..12] + "…" : sha;

    /// <summary>
    /// The run folder's regular files (relative, sorted), its symbolic links with their targets, its other entries
    /// (FIFOs, sockets, devices), and the regular files over <see cref="SmallFileLimit"/>.
    /// </summary>
    private sealed record Listing(List<string> Files, List<(string Relative, string Target)> Links, List<string> Others, List<string> Large);

    /// <summary>What one file is expected to be, and which record field says so.</summary>
    private sealed record Expectation(string NamedBy, long? Bytes, string? Sha256);

    /// <summary>The state of one run's check.</summary>
    private sealed class RunState(string directory, string runPath)
    {
        public string Directory { get; } = directory;

        public string RunPath { get; } = runPath;

        public string RunId { get; } = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));

        public List<VerificationProblem> Problems { get; } = [];

        public List<VerificationProblem> Warnings { get; } = [];

        /// <summary>The run's originals (inputs and outputs, by relative path), named by <c>run.json</c>.</summary>
        public HashSet<string> Originals { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Accounted { get; } = new(StringComparer.Ordinal);

        /// <summary>Entries the listing found to be neither regular files, directories nor links: never opened.</summary>
        public HashSet<string> NotRegular { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Expectation>> Expected { get; } = new(StringComparer.Ordinal);

        /// <summary>Small files already read whole (records, small outputs): hashed and scanned from here, so each is read once.</summary>
        public Dictionary<string, byte[]> Contents { get; } = new(StringComparer.Ordinal);

        public int FilesHashed { get; set; }

        public long BytesHashed { get; set; }

        public void Problem(string file, string check, string message) => Problems.Add(new VerificationProblem(RunId, file, check, message));

        public void Warning(string file, string check, string message) => Warnings.Add(new VerificationProblem(RunId, file, check, message));

        public void Account(string relative) => Accounted.Add(relative);

        /// <summary>A path a record names: it must be safe, stay inside the run, exist, and match its size and hash.</summary>
        /// <returns>Whether the path is safe to open.</returns>
        public bool Name(string? relative, string namedBy, string field, long? bytes = null, string? sha256 = null, bool expectFile = true)
        {
            if (relative is null)
            {
                return false;
            }

            if (RunPaths.Problem(relative) is { } why)
            {
                Problem(namedBy, VerificationChecks.Path, $"{field} '{relative}' {why}");
                return false;
            }

            if (!RunPaths.TryResolve(Directory, relative, out _))
            {
                Problem(namedBy, VerificationChecks.Path, $"{field} '{relative}' leaves the run folder");
                return false;
            }

            Accounted.Add(relative);
            if (!expectFile)
            {
                return true;
            }

            if (!Expected.TryGetValue(relative, out var list))
            {
                Expected[relative] = list = [];
            }

            list.Add(new Expectation($"{namedBy} {field}", bytes, sha256));
            return true;
        }
    }
}
