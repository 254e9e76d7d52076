using System.Text;
using System.Text.Json;
using RunArtifacts.IO.Internal;
using RunArtifacts.Records;
using RunArtifacts.Records.Internal;
using RunArtifacts.Serialization;

namespace RunArtifacts.Storage.Internal.Commit;

/// <summary>
/// Step 6, <see cref="CommitStage.AssembleRecords"/>: the asset records, the provider trace and the run record from the
/// staged files and the redacted texts; then the records that carry the run id (clip and view
/// sidecars, <c>manifest.json</c>, <c>notes.md</c>, <c>run.json</c>) written for the first free suffix, and every small file and folder of the run flushed at once. No text meets the
/// redactor here: every text comes from <see cref="WriteTextsStep"/>.
/// </summary>
internal static class AssembleRecordsStep
{
    public static AssembledRun Run(CommitContext context, CommitWork work)
    {
        var draft = work.Draft;
        var texts = work.Texts;
        var environment = ExperimentRecords.Environment(context.Environment with { FfmpegVersion = work.ToolVersions.FirstOrDefault() }, work);
        var trace = draft.TaskId is null && texts.SubmitPayloadPath is null && texts.SubmitResponsePath is null && texts.StatusPaths.Count == 0 && texts.ProviderMetadata is null && texts.RequestPath is null
            ? null
            : new ProviderTraceRecord
            {
                TaskId = texts.TaskId,
                RequestPath = texts.RequestPath,
                SubmitPayloadPath = texts.SubmitPayloadPath,
                SubmitResponsePath = texts.SubmitResponsePath,
                StatusPaths = texts.StatusPaths,
                FinalStatusPath = texts.StatusPaths.LastOrDefault(),
                Metadata = texts.ProviderMetadata,
            };

        var inputRecords = work.Inputs.Select(a => ToAssetRecord(a, context.Options)).ToList();
        var outputRecords = work.Outputs.Select(a => ToAssetRecord(a, context.Options)).ToList();
        var createdAt = draft.CreatedAt;
        var finishedAt = context.Clock.GetUtcNow();
        var dateFolder = ExperimentRecords.ParentFolder(context, work);

        RunRecord BuildRun(string runId) => ExperimentRecords.Complete(new RunRecord
        {
            RunId = runId,
            CreatedAt = createdAt,
            FinishedAt = finishedAt,
            Status = draft.Status,
            ModelKey = draft.ModelKey,
            ProviderModel = draft.ProviderModel,
            TaskMode = draft.TaskMode,
            Slug = work.Slug,
            RunPath = $"{dateFolder}/{runId}",
            Prompts = texts.Prompts,
            Inputs = inputRecords,
            Outputs = outputRecords.Select(o => o with { ClipPath = o.RelativePath + ".clip.json", ReviewStatus = o.ReviewStatus ?? draft.ReviewStatus }).ToList(),
            ExternalInputs = texts.External.Inputs,
            ExternalOutputs = texts.External.Outputs,
            RequestPath = texts.RequestPath,
            ProviderTrace = trace,
            Logs = texts.Logs,
            SourceContext = texts.Source,
            Options = texts.Options,
            Defaults = draft.Defaults.ToList(),
            Tags = texts.Tags,
            Notes = texts.Notes,
            Warnings = texts.Warnings,
            Errors = texts.Errors,
            Redaction = texts.Redaction,
            Captures = texts.Captures,
            DerivativeSettings = context.DerivativeSettings,
            Environment = environment,
        }, work);

        var dateDir = Path.Combine(context.RootPath, dateFolder);
        context.PublishFolders.Create(context.RootPath, dateDir);
        var flush = context.Options.FlushToDisk;

        // Inputs, outputs and derivatives were flushed by the pass that staged them; everything else is flushed with the records.
        var flushedByCopy = work.Assets.SelectMany(a => a.Derivatives.Select(d => d.Generated.RelativePath).Prepend(a.RelativePath)).ToHashSet(StringComparer.Ordinal);
        var assembled = new AssembledRun(work.Directory, dateDir, ExperimentRecords.RunIdBase(context, work), BuildRun, work.Outputs, environment, flush, flushedByCopy);
        assembled.WriteFor(PublishStep.FirstCandidate(dateDir, assembled.BaseId));
        return assembled;
    }

    private static AssetRecord ToAssetRecord(StagedAsset a, RunArtifactsOptions options)
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
            OriginalFilename = a.OriginalFilename!,
            SourcePath = options.RecordAbsolutePaths && a.Source.SourcePath is { } p ? Path.GetFullPath(p) : null,
            SourceUrl = a.SourceUrl,
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
            Metadata = a.Metadata,
            ReviewStatus = a.IsOutput ? a.Source.ReviewStatus : null,
        };
    }
}

/// <summary>The run's records, ready to be written for one candidate run id (the publish rename decides which one holds).</summary>
internal sealed class AssembledRun(string directory, string dateDirectory, string baseId, Func<string, RunRecord> build, List<StagedAsset> outputs, EnvironmentRecord environment, bool flush, IReadOnlySet<string> flushedByCopy)
{
    public string Directory => directory;

    public string DateDirectory => dateDirectory;

    public string BaseId => baseId;

    /// <summary>The suffix the records on disk were written for.</summary>
    public int Attempt { get; private set; }

    public string RunId { get; private set; } = string.Empty;

    public RunRecord Run { get; private set; } = null!;

    public ManifestRecord Manifest { get; private set; } = null!;

    /// <summary>Writes the records that carry the run id for the given suffix, replacing those of an earlier attempt.</summary>
    public void WriteFor(int attempt)
    {
        Attempt = attempt;
        RunId = Naming.WithSuffix(baseId, attempt);
        Run = build(RunId);
        Manifest = RecordFactory.Manifest(Run);
        foreach (var (asset, record) in outputs.Zip(Run.Outputs))
        {
            var clip = RecordFactory.Clip(Run, record, asset.Facts, environment);
            Write(record.ClipPath!, JsonSerializer.SerializeToUtf8Bytes(clip, RunArtifactsJsonContext.Default.ClipRecord));
            foreach (var (derivative, generated) in record.Derivatives.Zip(asset.Derivatives))
            {
                var view = RecordFactory.View(Run, record, clip.ClipId, derivative, generated.Generated, environment);
                Write(derivative.ViewPath!, JsonSerializer.SerializeToUtf8Bytes(view, RunArtifactsJsonContext.Default.ViewRecord));
            }
        }

        Write("manifest.json", JsonSerializer.SerializeToUtf8Bytes(Manifest, RunArtifactsJsonContext.Default.ManifestRecord));
        Write("notes.md", Encoding.UTF8.GetBytes(NotesWriter.Write(Run)));
        Write("run.json", JsonSerializer.SerializeToUtf8Bytes(Run, RunArtifactsJsonContext.Default.RunRecord));
        if (flush)
        {
            // Every text, record and folder of the run at once, before the publish rename.
            StagedRunFlush.Flush(directory, flushedByCopy);
        }

        void Write(string relative, byte[] content)
            => FileCopier.WriteSmallFile(Path.Combine(directory, relative), content, flush);
    }
}
