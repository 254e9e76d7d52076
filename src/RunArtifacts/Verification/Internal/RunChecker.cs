using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RunArtifacts.Index.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Schemas;
using RunArtifacts.Serialization;
using RunArtifacts.Storage.Internal;

namespace RunArtifacts.Verification.Internal;


/// <summary>Checks one run folder: records against schemas, files against hashes, paths, join keys, index line, secrets.</summary>
internal sealed class RunChecker(SecretRedactor redactor, VerifyOptions options, SemaphoreSlim hashGate)
{
    private const int MaxSchemaErrorsPerFile = 20;
    private const int SniffBytes = 8192;
    private const int WholeTextLimit = 16 * 1024 * 1024;

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
            FilesHashed = run.FilesHashed,
            BytesHashed = run.BytesHashed,
        };
    }

    private async Task CheckRecordsAndFilesAsync(RunState run, IReadOnlyList<IndexLine>? indexLines, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var record = ReadRecord(run, "run.json", RecordKind.Run, RunArtifactsJsonContext.Default.RunRecord, "the bundle layout");
        var manifest = ReadRecord(run, "manifest.json", RecordKind.Manifest, RunArtifactsJsonContext.Default.ManifestRecord, "the bundle layout");
        if (record is not null)
        {
            CheckRun(run, record);
        }

        if (manifest is not null)
        {
            CheckManifest(run, manifest, record);
            if (indexLines is not null && options.CheckIndex)
            {
                CheckIndex(run, manifest, indexLines);
            }
        }

        var files = ListFiles(run);
        foreach (var file in files.Where(f => !run.Accounted.Contains(f)))
        {
            run.Problem(file, VerificationChecks.Unaccounted, "no record names this file");
        }

        await HashAsync(run, onBytes, cancellationToken).ConfigureAwait(false);
        if (options.ScanSecrets)
        {
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ScanSecrets(run, file);
            }
        }
    }

    private static void CheckRun(RunState run, RunRecord record)
    {
        if (record.RunId != run.RunId)
        {
            run.Problem("run.json", VerificationChecks.Join, $"run_id '{record.RunId}' is not the folder name '{run.RunId}'");
        }

        if (record.RunPath != run.RunPath)
        {
            run.Problem("run.json", VerificationChecks.Join, $"run_path '{record.RunPath}' is not where the run is ('{run.RunPath}')");
        }

        const string By = "run.json";
        run.Name(record.ManifestPath, By, "manifest_path", expectFile: false);
        run.Name(record.NotesPath, By, "notes_path");
        run.Name(record.RequestPath, By, "request_path");
        if (record.Prompts is { } p)
        {
            run.Name(p.RawPath, By, "prompts.raw_path");
            run.Name(p.EnhancedPath, By, "prompts.enhanced_path");
            run.Name(p.FinalUsedPath, By, "prompts.final_used_path");
        }

        if (record.ProviderTrace is { } t)
        {
            run.Name(t.RequestPath, By, "provider_trace.request_path");
            run.Name(t.SubmitPayloadPath, By, "provider_trace.submit_payload_path");
            run.Name(t.SubmitResponsePath, By, "provider_trace.submit_response_path");
            run.Name(t.FinalStatusPath, By, "provider_trace.final_status_path");
            foreach (var s in t.StatusPaths)
            {
                run.Name(s, By, "provider_trace.status_paths");
            }
        }

        foreach (var (name, path) in record.Logs)
        {
            run.Name(path, By, $"logs.{name}");
        }

        foreach (var c in record.Captures)
        {
            run.Name(c.Path, By, $"captures[{c.Name}].path", c.Path is null ? null : c.KeptBytes);
        }

        foreach (var w in record.Warnings)
        {
            if (w.Path is { } wp && RunPaths.Problem(wp) is { } why)
            {
                run.Problem(By, VerificationChecks.Path, $"warnings[{w.Code}].path '{wp}' {why}");
            }
        }

        for (var i = 0; i < record.Inputs.Count; i++)
        {
            var a = record.Inputs[i];
            run.Name(a.RelativePath, By, $"inputs[{i}].relative_path", a.Bytes, a.Sha256);
        }

        for (var i = 0; i < record.Outputs.Count; i++)
        {
            CheckOutput(run, record, record.Outputs[i], i);
        }
    }

    private static void CheckOutput(RunState run, RunRecord record, AssetRecord output, int i)
    {
        const string By = "run.json";
        var field = $"outputs[{i}]";
        run.Name(output.RelativePath, By, field + ".relative_path", output.Bytes, output.Sha256);
        foreach (var (kind, path) in new[] { ("web", output.WebPath), ("thumb", output.ThumbPath), ("poster", output.PosterPath) })
        {
            if (path is not null && !output.Derivatives.Any(d => d.RelativePath == path))
            {
                run.Problem(By, VerificationChecks.Join, $"{field}.{kind}_path '{path}' is not one of the output's derivatives");
            }
        }

        var clipPath = output.ClipPath ?? output.RelativePath + ".clip.json";
        if (!run.Name(clipPath, By, field + ".clip_path", expectFile: false))
        {
            return;
        }

        var clip = ReadRecord(run, clipPath, RecordKind.Clip, RunArtifactsJsonContext.Default.ClipRecord, $"{By} {field}");
        if (clip is not null)
        {
            var join = new List<string>();
            if (clip.RunId != record.RunId)
            {
                join.Add($"run_id '{clip.RunId}' is not the run's '{record.RunId}'");
            }

            var expectedId = RecordFactory.DeterministicId("clip", record.RunId, output.RelativePath);
            if (clip.ClipId != expectedId)
            {
                join.Add($"clip_id '{clip.ClipId}' is not the deterministic id '{expectedId}'");
            }

            if (clip.Output.Path != output.RelativePath)
            {
                join.Add($"output.path '{clip.Output.Path}' is not the output's '{output.RelativePath}'");
            }

            if (clip.Output.Sha256 != output.Sha256)
            {
                join.Add($"output.sha256 {Short(clip.Output.Sha256)} is not run.json's {Short(output.Sha256)}");
            }

            if (clip.Output.Bytes != output.Bytes)
            {
                join.Add($"output.bytes {clip.Output.Bytes} is not run.json's {output.Bytes}");
            }

            foreach (var message in join)
            {
                run.Problem(clipPath, VerificationChecks.Join, message);
            }

            run.Name(clip.Output.Path, clipPath, "output.path", clip.Output.Bytes, clip.Output.Sha256);
        }

        for (var d = 0; d < output.Derivatives.Count; d++)
        {
            CheckDerivative(run, record, output, clip, output.Derivatives[d], $"{field}.derivatives[{d}]");
        }
    }

    private static void CheckDerivative(RunState run, RunRecord record, AssetRecord output, ClipRecord? clip, DerivativeRecord derivative, string field)
    {
        const string By = "run.json";
        run.Name(derivative.RelativePath, By, field + ".relative_path", derivative.Bytes, derivative.Sha256);
        var viewPath = derivative.ViewPath ?? derivative.RelativePath + ".view.json";
        if (!run.Name(viewPath, By, field + ".view_path", expectFile: false))
        {
            return;
        }

        var view = ReadRecord(run, viewPath, RecordKind.View, RunArtifactsJsonContext.Default.ViewRecord, $"{By} {field}");
        if (view is null)
        {
            return;
        }

        var join = new List<string>();
        if (view.RunId != record.RunId)
        {
            join.Add($"run_id '{view.RunId}' is not the run's '{record.RunId}'");
        }

        var expectedId = RecordFactory.DeterministicId("view", record.RunId, derivative.RelativePath);
        if (view.ViewId != expectedId)
        {
            join.Add($"view_id '{view.ViewId}' is not the deterministic id '{expectedId}'");
        }

        if (view.Kind != derivative.Kind)
        {
            join.Add($"kind '{view.Kind}' is not run.json's '{derivative.Kind}'");
        }

        if (view.Output.Path != derivative.RelativePath)
        {
            join.Add($"output.path '{view.Output.Path}' is not the derivative's '{derivative.RelativePath}'");
        }

        if (view.Output.Sha256 != derivative.Sha256 || view.Output.Bytes != derivative.Bytes)
        {
            join.Add($"output ({Short(view.Output.Sha256)}, {view.Output.Bytes} bytes) is not run.json's ({Short(derivative.Sha256)}, {derivative.Bytes} bytes)");
        }

        if (view.Source.Path != output.RelativePath)
        {
            join.Add($"source.path '{view.Source.Path}' is not the original '{output.RelativePath}'");
        }

        if (clip is not null)
        {
            if (view.Source.Sha256 != clip.Output.Sha256)
            {
                join.Add($"source.sha256 {Short(view.Source.Sha256)} is not the clip's output.sha256 {Short(clip.Output.Sha256)}");
            }

            if (view.ClipId != clip.ClipId)
            {
                join.Add($"clip_id '{view.ClipId}' is not the clip's '{clip.ClipId}'");
            }
        }

        foreach (var message in join)
        {
            run.Problem(viewPath, VerificationChecks.Join, message);
        }

        run.Name(view.Output.Path, viewPath, "output.path", view.Output.Bytes, view.Output.Sha256);
        run.Name(view.Source.Path, viewPath, "source.path", view.Source.Bytes, view.Source.Sha256);
    }

    private static void CheckManifest(RunState run, ManifestRecord manifest, RunRecord? record)
    {
        const string By = "manifest.json";
        run.Name(manifest.HeroOriginal, By, "hero_original");
        run.Name(manifest.HeroOutputPath, By, "hero_output_path");
        run.Name(manifest.HeroWeb, By, "hero_web");
        run.Name(manifest.HeroThumb, By, "hero_thumb");
        run.Name(manifest.ThumbnailPath, By, "thumbnail_path");
        if (manifest.RunPath != run.RunPath)
        {
            run.Problem(By, VerificationChecks.Join, $"run_path '{manifest.RunPath}' is not where the run is ('{run.RunPath}')");
        }

        if (record is null)
        {
            return;
        }

        var expected = JsonSerializer.SerializeToNode(RecordFactory.Manifest(record), RunArtifactsJsonContext.Default.ManifestRecord)!.AsObject();
        var actual = JsonSerializer.SerializeToNode(manifest, RunArtifactsJsonContext.Default.ManifestRecord)!.AsObject();
        var differing = Differences(expected, actual);
        if (differing.Count > 0)
        {
            run.Problem(By, VerificationChecks.Manifest, $"disagrees with run.json on {string.Join(", ", differing)}");
        }
    }

    private static void CheckIndex(RunState run, ManifestRecord manifest, IReadOnlyList<IndexLine> lines)
    {
        const string By = "index.jsonl";
        if (lines.Count == 0)
        {
            run.Problem(By, VerificationChecks.Index, "the run has no index line ('artifacts reindex' rebuilds the index)");
            return;
        }

        if (lines.Count > 1)
        {
            run.Problem(By, VerificationChecks.Index, $"the run has {lines.Count} index lines (lines {string.Join(", ", lines.Select(l => l.LineNumber))})");
        }

        var expected = JsonSerializer.SerializeToNode(RecordFactory.IndexEntry(manifest), RunArtifactsJsonContext.Default.IndexEntry)!.AsObject();
        foreach (var line in lines)
        {
            var where = $"{By}:{line.LineNumber}";
            var entry = ReadRecord(run, where, RecordKind.IndexEntry, RunArtifactsJsonContext.Default.IndexEntry, null, Encoding.UTF8.GetBytes(line.Text));
            if (entry is null)
            {
                continue;
            }

            var actual = JsonSerializer.SerializeToNode(entry, RunArtifactsJsonContext.Default.IndexEntry)!.AsObject();
            var differing = Differences(expected, actual);
            if (differing.Count > 0)
            {
                run.Problem(where, VerificationChecks.Index, $"disagrees with manifest.json on {string.Join(", ", differing)}");
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

            content = File.ReadAllBytes(full);
        }

        var read = RecordReader.TryRead(content, relative, kind, typeInfo, validate: true, MaxSchemaErrorsPerFile);
        foreach (var problem in read.Problems)
        {
            run.Problem(relative, problem.Kind == RecordProblemKind.Schema ? VerificationChecks.Schema : VerificationChecks.Read, problem.Message);
        }

        return read.Record;
    }

    /// <summary>Every file under the run folder, relative, with <c>/</c>; symbolic links are reported and not followed.</summary>
    private static List<string> ListFiles(RunState run)
    {
        var files = new List<string>();
        var enumeration = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        var pending = new Stack<DirectoryInfo>();
        pending.Push(new DirectoryInfo(run.Directory));
        while (pending.Count > 0)
        {
            foreach (var entry in pending.Pop().EnumerateFileSystemInfos("*", enumeration))
            {
                var relative = Path.GetRelativePath(run.Directory, entry.FullName).Replace('\\', '/');
                if (entry.LinkTarget is not null)
                {
                    run.Problem(relative, VerificationChecks.Path, $"is a symbolic link (to '{entry.LinkTarget}'); a bundle holds only regular files");
                    run.Account(relative);
                    continue;
                }

                if (entry is DirectoryInfo sub)
                {
                    pending.Push(sub);
                }
                else
                {
                    files.Add(relative);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private async Task HashAsync(RunState run, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var jobs = run.Expected.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
        var results = new (long Bytes, string? Sha256, bool Exists)[jobs.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, jobs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelism), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (relative, expectations) = jobs[i];
                var full = Path.Combine(run.Directory, relative);
                var info = new FileInfo(full);
                if (!info.Exists || info.LinkTarget is not null)
                {
                    results[i] = (0, null, info.Exists);
                    return;
                }

                if (!expectations.Any(e => e.Sha256 is not null))
                {
                    results[i] = (info.Length, null, true);
                    return;
                }

                await hashGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var (bytes, sha) = await FileCopier.HashFileAsync(full, ct).ConfigureAwait(false);
                    onBytes(bytes);
                    results[i] = (bytes, sha, true);
                }
                finally
                {
                    hashGate.Release();
                }
            }).ConfigureAwait(false);

        for (var i = 0; i < jobs.Count; i++)
        {
            var (relative, expectations) = jobs[i];
            var (bytes, sha, exists) = results[i];
            if (!exists)
            {
                run.Problem(relative, VerificationChecks.Missing, $"named by {string.Join(", ", expectations.Select(e => e.NamedBy).Distinct())} but missing");
                continue;
            }

            if (sha is not null)
            {
                run.FilesHashed++;
                run.BytesHashed += bytes;
            }

            foreach (var e in expectations)
            {
                if (e.Bytes is { } expectedBytes && expectedBytes != bytes)
                {
                    run.Problem(relative, VerificationChecks.Size, $"{e.NamedBy} records {expectedBytes} bytes, the file has {bytes}");
                }

                if (e.Sha256 is { } expectedSha && sha is not null && !string.Equals(expectedSha, sha, StringComparison.Ordinal))
                {
                    run.Problem(relative, VerificationChecks.Sha256, $"{e.NamedBy} records sha256 {Short(expectedSha)}, the file has {Short(sha)}");
                }
            }
        }
    }

    private void ScanSecrets(RunState run, string relative)
    {
        var full = Path.Combine(run.Directory, relative);
        using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var head = new byte[(int)Math.Min(SniffBytes, stream.Length)];
        stream.ReadExactly(head);
        if (head.AsSpan().Contains((byte)0))
        {
            return;
        }

        stream.Position = 0;
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        if (stream.Length <= WholeTextLimit)
        {
            Report(reader.ReadToEnd(), 0);
            return;
        }

        // Large text: scan whole lines in chunks, keeping line numbers.
        var chunk = new StringBuilder();
        var linesBefore = 0;
        var linesInChunk = 0;
        while (reader.ReadLine() is { } line)
        {
            chunk.Append(line).Append('\n');
            linesInChunk++;
            if (chunk.Length >= WholeTextLimit)
            {
                Report(chunk.ToString(), linesBefore);
                linesBefore += linesInChunk;
                linesInChunk = 0;
                chunk.Clear();
            }
        }

        Report(chunk.ToString(), linesBefore);

        void Report(string text, int lineOffset)
        {
            foreach (var (rule, line) in redactor.FindSecrets(text))
            {
                run.Problem(relative, VerificationChecks.Secret, $"line {line + lineOffset} matches secret rule '{rule}'");
            }
        }
    }

    private static List<string> Differences(JsonObject expected, JsonObject actual)
        => expected.Select(p => p.Key).Union(actual.Select(p => p.Key), StringComparer.Ordinal)
            .Where(k => !JsonNode.DeepEquals(expected[k], actual[k]))
            .ToList();

    private static string Short(string? sha) => sha is null ? "(none)" : sha.Length > 12 ? sha[..12] + "…" : sha;

    /// <summary>What one file is expected to be, and which record field says so.</summary>
    private sealed record Expectation(string NamedBy, long? Bytes, string? Sha256);

    /// <summary>The state of one run's check.</summary>
    private sealed class RunState(string directory, string runPath)
    {
        public string Directory { get; } = directory;

        public string RunPath { get; } = runPath;

        public string RunId { get; } = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));

        public List<VerificationProblem> Problems { get; } = [];

        public HashSet<string> Accounted { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Expectation>> Expected { get; } = new(StringComparer.Ordinal);

        public int FilesHashed { get; set; }

        public long BytesHashed { get; set; }

        public void Problem(string file, string check, string message) => Problems.Add(new VerificationProblem(RunId, file, check, message));

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
