using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunArtifacts.Builder.Internal;
using RunArtifacts.Capture.Internal;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Redaction.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Storage.Internal;

internal sealed partial class RunCommitter
{
    /// <summary>A staged input or output, before and after derivatives.</summary>
    private sealed class StagedAsset
    {
        public required PendingFile Source { get; init; }

        public required bool IsOutput { get; init; }

        public required string RelativePath { get; set; }

        public required CopyResult Copy { get; init; }

        public required string MimeType { get; init; }

        public required AssetKind Kind { get; init; }

        public MediaFacts? Facts { get; set; }

        public List<(GeneratedDerivative Generated, long Bytes, string? Sha256, string Generator)> Derivatives { get; } = [];

        public string Stem => Path.GetFileNameWithoutExtension(RelativePath);
    }

    private async Task<CommittedRun> StageAndPublishAsync(RunDraft draft, Plan plan, StagingArea staging, CancellationToken cancellationToken)
    {
        var dir = staging.RunDirectory;
        var flush = options.FlushToDisk;
        var redactor = store.Redactor;
        var ledger = new RedactionLedger();
        var warnings = plan.Warnings;
        var progress = draft.Progress;

        // 1. Inputs and outputs: one pass that copies and hashes.
        var totalBytes = draft.Inputs.Concat(draft.Outputs).Sum(f => f.SourcePath is { } p ? new FileInfo(p).Length : f.Bytes?.Length ?? 0);
        long doneBytes = 0;
        void OnBytes(long n)
        {
            var done = Interlocked.Add(ref doneBytes, n);
            progress?.Report(new CommitProgress("copy", null, done, totalBytes));
        }

        var inputs = await StageFilesAsync(draft.Inputs, dir, "inputs", isOutput: false, OnBytes, cancellationToken).ConfigureAwait(false);
        var outputs = await StageFilesAsync(draft.Outputs, dir, "original", isOutput: true, OnBytes, cancellationToken).ConfigureAwait(false);

        // 2. Probe and derive.
        var toolVersions = new List<string>();
        await ProbeAsync(inputs.Concat(outputs).ToList(), dir, warnings, toolVersions, cancellationToken).ConfigureAwait(false);
        if (!draft.SkipDerivatives)
        {
            await DeriveAsync(draft, outputs, dir, warnings, toolVersions, progress, cancellationToken).ConfigureAwait(false);
        }

        // 3. Text content, through the redactor.
        progress?.Report(new CommitProgress("records", null, 0, null));
        var prompts = WritePrompts(draft, dir, redactor, ledger, flush);
        string? requestPath = null;
        if (draft.Request is not null)
        {
            requestPath = "request.json";
            var redacted = redactor.RedactJson(draft.Request, requestPath, ledger);
            FileCopier.WriteSmallFile(Path.Combine(dir, requestPath), Encoding.UTF8.GetBytes(redacted!.ToJsonString(IndentedJson)), flush);
        }

        var captures = new List<CaptureRecord>();
        var logs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? WriteLog(PendingLog? log, string? nameOverride = null)
        {
            if (log is null)
            {
                return null;
            }

            var name = nameOverride ?? log.Name;
            Directory.CreateDirectory(Path.Combine(dir, "logs"));
            var captured = TextCapture.Capture(name, "logs/" + name, log.Content.Span, options.Capture, redactor, ledger, log.PreferJson);
            FileCopier.WriteSmallFile(Path.Combine(dir, captured.Record.Path!), captured.Content, flush);
            captures.Add(captured.Record);
            logs[name] = captured.Record.Path!;
            return captured.Record.Path;
        }

        var submitPayloadPath = WriteLog(draft.SubmitPayload);
        var submitResponsePath = WriteLog(draft.SubmitResponse);
        var statusPaths = new List<string>();
        for (var i = 0; i < draft.StatusResponses.Count; i++)
        {
            var last = i == draft.StatusResponses.Count - 1;
            statusPaths.Add(WriteLog(draft.StatusResponses[i], last ? "status_response_final" : null)!);
        }

        foreach (var log in draft.Logs)
        {
            WriteLog(log);
        }

        var errors = draft.Errors.Select(e => e(redactor, ledger)).ToList();
        var privacy = ErrorShaper.PrivacyFor(options);
        warnings = warnings.Select((w, i) => w with { Message = privacy.Scrub(redactor.RedactText(w.Message, "run.json#warnings", $"[{i}].message", ledger), "run.json#warnings", $"[{i}].message", ledger) }).ToList();
        var notes = draft.Notes is null ? null : redactor.RedactText(draft.Notes, "run.json#notes", ledger);
        var source = RedactSource(draft.Source, redactor, ledger);
        var runOptions = draft.Options.Count == 0 ? null : (JsonObject?)redactor.RedactJson(draft.Options, "run.json#options", ledger);
        var metadata = draft.ProviderMetadata.Count == 0 ? null : (JsonObject?)redactor.RedactJson(draft.ProviderMetadata, "run.json#provider_trace.metadata", ledger);
        var tags = draft.Tags.Select(t => redactor.RedactText(t, "run.json#tags", ledger)).Distinct(StringComparer.Ordinal).ToList();

        var environment = store.Environment with { FfmpegVersion = toolVersions.FirstOrDefault() };
        var trace = draft.TaskId is null && submitPayloadPath is null && submitResponsePath is null && statusPaths.Count == 0 && metadata is null && requestPath is null
            ? null
            : new ProviderTraceRecord
            {
                TaskId = draft.TaskId is null ? null : redactor.RedactText(draft.TaskId, "run.json#provider_trace.task_id", ledger),
                RequestPath = requestPath,
                SubmitPayloadPath = submitPayloadPath,
                SubmitResponsePath = submitResponsePath,
                StatusPaths = statusPaths,
                FinalStatusPath = statusPaths.LastOrDefault(),
                Metadata = metadata,
            };

        var inputRecords = inputs.Select(a => ToAssetRecord(a, redactor, ledger)).ToList();
        var outputRecords = outputs.Select(a => ToAssetRecord(a, redactor, ledger)).ToList();
        var createdAt = draft.CreatedAt;
        var finishedAt = store.TimeProvider.GetUtcNow();
        var dateFolder = Naming.DateFolder(createdAt);
        var baseId = Naming.RunIdBase(createdAt, plan.ModelKeySlug, plan.Slug);

        RunRecord BuildRun(string runId) => new()
        {
            RunId = runId,
            CreatedAt = createdAt,
            FinishedAt = finishedAt,
            Status = draft.Status,
            ModelKey = draft.ModelKey,
            ProviderModel = draft.ProviderModel,
            TaskMode = draft.TaskMode,
            Slug = plan.Slug,
            RunPath = $"{dateFolder}/{runId}",
            Prompts = prompts,
            Inputs = inputRecords,
            Outputs = outputRecords.Select(o => o with { ClipPath = o.RelativePath + ".clip.json" }).ToList(),
            RequestPath = requestPath,
            ProviderTrace = trace,
            Logs = logs,
            SourceContext = source,
            Options = runOptions,
            Defaults = draft.Defaults.ToList(),
            Tags = tags,
            Notes = notes,
            Warnings = warnings,
            Errors = errors,
            Redaction = ledger.ToSummary(redactor.Marker, options.Redaction.MaxEntries),
            Captures = captures,
            DerivativeSettings = store.DerivativeSettingsRecord,
            Environment = environment,
        };

        // 4. Records that carry the run id, then one rename decides the id.
        var dateDir = Path.Combine(store.RootPath, dateFolder);
        Directory.CreateDirectory(dateDir);
        FsyncTree(dir, flush);
        var attempt = FirstCandidate(dateDir, baseId);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var runId = Naming.WithSuffix(baseId, attempt);
            var run = BuildRun(runId);
            var manifest = RecordFactory.Manifest(run);
            WriteIdRecords(dir, run, manifest, outputs, environment, flush);
            progress?.Report(new CommitProgress("publish", null, 0, null));
            if (store.FileSystem.TryPublish(dir, Path.Combine(dateDir, runId)))
            {
                staging.Published = true;
                if (flush)
                {
                    NativeFs.FsyncDirectory(dateDir);
                    NativeFs.FsyncDirectory(store.RootPath);
                    NativeFs.FsyncDirectory(staging.StagingRoot);
                }

                return new CommittedRun
                {
                    RunId = runId,
                    RunPath = run.RunPath,
                    FullPath = Path.Combine(dateDir, runId),
                    Run = run,
                    Manifest = manifest,
                    IndexEntry = RecordFactory.IndexEntry(manifest),
                };
            }

            attempt++;
        }
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, TypeInfoResolver = RunArtifactsJsonContext.Default };

    /// <summary>
    /// A hint for the first suffix to try (the rename still decides): the first free one, found with O(log n) existence
    /// checks (gallop, then bisect) instead of listing a date folder that may hold thousands of runs.
    /// </summary>
    internal static int FirstCandidate(string dateDir, string baseId)
    {
        bool Taken(int n) => Directory.Exists(Path.Combine(dateDir, Naming.WithSuffix(baseId, n)));
        if (!Taken(1))
        {
            return 1;
        }

        int taken = 1, free = 2;
        while (Taken(free))
        {
            taken = free;
            if (free >= 1 << 24)
            {
                return free + 1;
            }

            free *= 2;
        }

        while (free - taken > 1)
        {
            var mid = taken + ((free - taken) / 2);
            if (Taken(mid))
            {
                taken = mid;
            }
            else
            {
                free = mid;
            }
        }

        return free;
    }

    private async Task<List<StagedAsset>> StageFilesAsync(List<PendingFile> files, string dir, string folder, bool isOutput, Action<long> onBytes, CancellationToken cancellationToken)
    {
        var staged = new List<StagedAsset>(files.Count);
        if (files.Count == 0)
        {
            return staged;
        }

        Directory.CreateDirectory(Path.Combine(dir, folder));
        var slots = new StagedAsset[files.Count];

        // Files are staged concurrently (SHA-256 is the CPU-bound part; one file per core keeps every core hashing
        // while the disk works). Each copy is itself one pass that overlaps reading, hashing and writing.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, files.Count), parallel, async (i, ct) =>
        {
            var file = files[i];
            var temp = $"{folder}/.pending_{i:0000}";
            CopyResult copy;
            try
            {
                copy = await FileCopier.CopyAsync(file, Path.Combine(dir, temp), options.CopyMode, options.ComputeSha256, options.FlushToDisk, onBytes, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when ((ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException) && file.SourcePath is not null)
            {
                throw new ArtifactValidationException($"{(isOutput ? "Output" : "Input")} {i + 1} '{file.SourcePath}' could not be read: {ex.Message}", ex);
            }

            var mime = file.MimeType ?? MediaTypes.Detect(copy.Head, file.OriginalFileName);
            var kind = file.Kind ?? MediaTypes.KindOf(mime);
            slots[i] = new StagedAsset { Source = file, IsOutput = isOutput, RelativePath = temp, Copy = copy, MimeType = mime, Kind = kind };
        }).ConfigureAwait(false);
        staged.AddRange(slots);

        // Names depend on every file's kind, so they are given once all are staged.
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var asset in staged)
        {
            var prefix = isOutput ? "output" : Naming.InputPrefix(asset.Source.Role, asset.Kind);
            var n = counters[prefix] = counters.GetValueOrDefault(prefix) + 1;
            var finalPath = $"{folder}/{prefix}_{n:00}.{Naming.Extension(asset.Source.OriginalFileName, asset.MimeType)}";
            File.Move(Path.Combine(dir, asset.RelativePath), Path.Combine(dir, finalPath));
            asset.RelativePath = finalPath;
        }

        return staged;
    }

    private AssetRecord ToAssetRecord(StagedAsset a, SecretRedactor redactor, RedactionLedger ledger)
    {
        var facts = a.Facts;
        var derivatives = a.Derivatives.Select(d => new DerivativeRecord
        {
            Kind = d.Generated.Kind,
            RelativePath = d.Generated.RelativePath,
            ViewPath = d.Generated.RelativePath + ".view.json",
            MimeType = d.Generated.MimeType,
            Width = d.Generated.Facts?.Width,
            Height = d.Generated.Facts?.Height,
            DurationSeconds = d.Generated.Facts?.DurationSeconds,
            Bytes = d.Bytes,
            Sha256 = d.Sha256,
            CodecName = d.Generated.Facts?.CodecName,
            Generator = d.Generator,
        }).ToList();
        string? PathOf(DerivativeKind kind) => derivatives.FirstOrDefault(d => d.Kind == kind)?.RelativePath;
        return new AssetRecord
        {
            Kind = a.Kind,
            Role = a.Source.Role,
            RelativePath = a.RelativePath,
            OriginalFilename = redactor.RedactText(a.Source.OriginalFileName, "run.json#original_filename", ledger),
            SourcePath = options.RecordAbsolutePaths && a.Source.SourcePath is { } p ? Path.GetFullPath(p) : null,
            SourceUrl = a.Source.SourceUrl is { } url ? redactor.RedactText(url, "run.json#source_url", ledger) : null,
            MimeType = a.MimeType,
            Width = facts?.Width,
            Height = facts?.Height,
            DurationSeconds = facts?.DurationSeconds,
            Fps = facts?.Fps,
            CodecName = facts?.CodecName,
            PixFmt = facts?.PixFmt,
            ColorSpace = facts?.ColorSpace,
            HasAudio = facts?.HasAudio,
            Rotation = facts?.Rotation,
            Bytes = a.Copy.Bytes,
            Sha256 = a.Copy.Sha256,
            HardLinked = a.Copy.HardLinked ? true : null,
            WebPath = PathOf(DerivativeKind.Web),
            ThumbPath = PathOf(DerivativeKind.Thumb),
            PosterPath = PathOf(DerivativeKind.Poster),
            Derivatives = derivatives,
            Metadata = a.Source.Metadata is null ? null : (JsonObject?)redactor.RedactJson(a.Source.Metadata, "run.json#metadata", ledger),
        };
    }

    private PromptRecord? WritePrompts(RunDraft draft, string dir, SecretRedactor redactor, RedactionLedger ledger, bool flush)
    {
        if (draft.PromptRaw is null && draft.PromptEnhanced is null && draft.PromptFinal is null)
        {
            return null;
        }

        // Each distinct prompt is scanned once; its redactions are then accounted at every place it is written.
        var scanned = new Dictionary<string, (string Text, IReadOnlyList<RedactionEntry> Entries)>(StringComparer.Ordinal);
        string? Redact(string? text, string place)
        {
            if (text is null)
            {
                return null;
            }

            if (!scanned.TryGetValue(text, out var done))
            {
                var scratch = new RedactionLedger();
                done = (redactor.RedactText(text, place, scratch), scratch.ToSummary(redactor.Marker, int.MaxValue).Entries);
                scanned[text] = done;
            }

            foreach (var e in done.Entries)
            {
                ledger.Add(place, e.Location, e.Rule, e.Count);
            }

            return done.Text;
        }

        string? Write(string? text, string file)
        {
            if (Redact(text, file) is not { } redacted)
            {
                return null;
            }

            FileCopier.WriteSmallFile(Path.Combine(dir, file), Encoding.UTF8.GetBytes(redacted), flush);
            return file;
        }

        var finalUsed = draft.PromptFinal ?? draft.PromptEnhanced ?? draft.PromptRaw;
        var finalDiffers = draft.PromptFinal is not null && draft.PromptFinal != draft.PromptRaw && draft.PromptFinal != draft.PromptEnhanced;
        var raw = Redact(draft.PromptRaw, "run.json#prompts.raw");
        var enhanced = Redact(draft.PromptEnhanced, "run.json#prompts.enhanced");
        return new PromptRecord
        {
            Raw = raw,
            Enhanced = enhanced,
            FinalUsed = Redact(finalUsed, "run.json#prompts.final_used"),
            PromptProfile = draft.PromptProfile,
            RawPath = Write(draft.PromptRaw, "prompt.txt"),
            EnhancedPath = Write(draft.PromptEnhanced, "prompt_enhanced.txt"),
            FinalUsedPath = finalDiffers ? Write(draft.PromptFinal, "prompt_final.txt") : null,
        };
    }

    private static SourceContextRecord? RedactSource(SourceContextRecord? source, SecretRedactor redactor, RedactionLedger ledger)
    {
        if (source is null)
        {
            return null;
        }

        string? R(string? s, string field) => s is null ? null : redactor.RedactText(s, "run.json#source_context." + field, ledger);
        return new SourceContextRecord
        {
            SourceType = R(source.SourceType, "source_type"),
            SourceUser = R(source.SourceUser, "source_user"),
            SourceChannel = R(source.SourceChannel, "source_channel"),
            SourceAgent = R(source.SourceAgent, "source_agent"),
            ProjectName = R(source.ProjectName, "project_name"),
            Notes = R(source.Notes, "notes"),
        };
    }

    private static void WriteIdRecords(string dir, RunRecord run, ManifestRecord manifest, List<StagedAsset> outputs, EnvironmentRecord environment, bool flush)
    {
        foreach (var (asset, record) in outputs.Zip(run.Outputs))
        {
            var clip = RecordFactory.Clip(run, record, asset.Facts, environment);
            Write(record.ClipPath!, JsonSerializer.SerializeToUtf8Bytes(clip, RunArtifactsJsonContext.Default.ClipRecord));
            foreach (var (derivative, generated) in record.Derivatives.Zip(asset.Derivatives))
            {
                var view = RecordFactory.View(run, record, clip.ClipId, derivative, generated.Generated, environment);
                Write(derivative.ViewPath!, JsonSerializer.SerializeToUtf8Bytes(view, RunArtifactsJsonContext.Default.ViewRecord));
            }
        }

        Write("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest, RunArtifactsJsonContext.Default.ManifestRecord));
        Write("notes.md", Encoding.UTF8.GetBytes(NotesWriter.Write(run)));
        Write("run.json", JsonSerializer.SerializeToUtf8Bytes(run, RunArtifactsJsonContext.Default.RunRecord));
        if (flush)
        {
            NativeFs.FsyncDirectory(dir);
        }

        void Write(string relative, byte[] content)
            => FileCopier.WriteSmallFile(Path.Combine(dir, relative), content, flush);
    }

    /// <summary>Flushes every folder of the staged run, so its entries survive a crash after the rename.</summary>
    private static void FsyncTree(string dir, bool flush)
    {
        if (!flush)
        {
            return;
        }

        foreach (var sub in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories))
        {
            NativeFs.FsyncDirectory(sub);
        }

        NativeFs.FsyncDirectory(dir);
    }
}
