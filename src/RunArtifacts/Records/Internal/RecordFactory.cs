using System.Security.Cryptography;
using System.Text;
using RunArtifacts.Derivatives;

namespace RunArtifacts.Records.Internal;

/// <summary>Derives the manifest, the index line and the sidecars from a run record, so they cannot disagree.</summary>
internal static class RecordFactory
{
    public static ManifestRecord Manifest(RunRecord run)
    {
        var hero = run.Outputs.Count > 0 ? run.Outputs[0] : null;
        var heroWeb = hero is null ? null : hero.WebPath ?? hero.RelativePath;
        var heroThumb = hero is null ? null : hero.ThumbPath ?? hero.PosterPath ?? heroWeb;
        return new ManifestRecord
        {
            RunId = run.RunId,
            CreatedAt = run.CreatedAt,
            Status = run.Status,
            ModelKey = run.ModelKey,
            ProviderModel = run.ProviderModel,
            TaskMode = run.TaskMode,
            HeroOriginal = hero?.RelativePath,
            HeroOutputPath = hero?.RelativePath,
            HeroWeb = heroWeb,
            HeroThumb = heroThumb,
            ThumbnailPath = heroThumb,
            PromptSummary = PromptSummaries.Of(run.Prompts?.Raw ?? run.Prompts?.FinalUsed ?? run.Prompts?.Enhanced),
            Tags = run.Tags,
            InputCount = run.Inputs.Count,
            OutputCount = run.Outputs.Count,
            ExternalOutputCount = run.ExternalOutputs is { Count: > 0 } ext ? ext.Count : null,
            HasVideo = run.Outputs.Any(o => o.Kind == AssetKind.Video),
            HasImage = run.Outputs.Any(o => o.Kind == AssetKind.Image),
            HasAudio = run.Outputs.Any(o => o.Kind == AssetKind.Audio || o.HasAudio == true),
            DurationSeconds = hero?.DurationSeconds,
            WarningCount = run.Warnings.Count,
            ErrorCount = run.Errors.Count,
            ErrorKind = run.Errors.Count > 0 ? run.Errors[0].Kind : null,
            Project = run.Project,
            Metrics = run.Metrics?.Values.ToDictionary(kv => kv.Key, kv => kv.Value.Last, StringComparer.Ordinal),
            RunPath = run.RunPath,
            RunFolder = run.RunPath,
        };
    }

    public static IndexEntry IndexEntry(ManifestRecord m) => new()
    {
        RunId = m.RunId,
        CreatedAt = m.CreatedAt,
        Status = m.Status,
        ModelKey = m.ModelKey,
        TaskMode = m.TaskMode,
        Tags = m.Tags,
        PromptSummary = m.PromptSummary,
        HeroOriginal = m.HeroOriginal,
        HeroOutput = m.HeroOriginal,
        HeroWeb = m.HeroWeb,
        HeroThumb = m.HeroThumb,
        InputCount = m.InputCount,
        OutputCount = m.OutputCount,
        ExternalOutputCount = m.ExternalOutputCount,
        HasVideo = m.HasVideo,
        HasImage = m.HasImage,
        HasAudio = m.HasAudio,
        DurationSeconds = m.DurationSeconds,
        ErrorKind = m.ErrorKind,
        Project = m.Project,
        Metrics = m.Metrics,
        RunPath = m.RunPath,
    };

    /// <summary><c>prefix_</c> + the first 16 hex digits of SHA-256 of <c>run_id/relative_path</c>: stable for a bundle, unique across runs.</summary>
    public static string DeterministicId(string prefix, string runId, string relativePath)
        => prefix + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runId + "/" + relativePath)))[..16];

    public static ClipRecord Clip(RunRecord run, AssetRecord output, MediaFacts? facts, EnvironmentRecord environment) => new()
    {
        ClipId = DeterministicId("clip", run.RunId, output.RelativePath),
        RunId = run.RunId,
        Name = Path.GetFileNameWithoutExtension(output.RelativePath),
        Output = new FileReference { Path = output.RelativePath, Sha256 = output.Sha256, Bytes = output.Bytes },
        MimeType = output.MimeType,
        Kind = output.Kind,
        OriginalFilename = output.OriginalFilename,
        Media = facts,
        ProducedBy = new ProducedBy
        {
            ModelKey = run.ModelKey,
            ProviderModel = run.ProviderModel,
            TaskMode = run.TaskMode,
            PromptSummary = PromptSummaries.Of(run.Prompts?.Raw ?? run.Prompts?.FinalUsed),
            TaskId = run.ProviderTrace?.TaskId,
        },
        CreatedAt = run.CreatedAt,
        Environment = environment,
    };

    public static ViewRecord View(RunRecord run, AssetRecord source, string clipId, DerivativeRecord derivative, GeneratedDerivative generated, EnvironmentRecord environment) => new()
    {
        ViewId = DeterministicId("view", run.RunId, derivative.RelativePath),
        RunId = run.RunId,
        ClipId = clipId,
        Kind = derivative.Kind,
        Source = new FileReference { Path = source.RelativePath, Sha256 = source.Sha256, Bytes = source.Bytes },
        Output = new FileReference { Path = derivative.RelativePath, Sha256 = derivative.Sha256, Bytes = derivative.Bytes },
        MimeType = derivative.MimeType,
        Media = generated.Facts,
        Transform = generated.Transform,
        CreatedAt = run.CreatedAt,
        Environment = environment,
    };
}
