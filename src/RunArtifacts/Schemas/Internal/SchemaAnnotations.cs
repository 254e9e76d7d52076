namespace RunArtifacts.Schemas.Internal;

/// <summary>
/// What <see cref="System.Text.Json.Schema.JsonSchemaExporter"/> cannot infer from the record types: patterns, formats
/// and bounds of single properties, keyed by <c>TypeName.PropertyName</c> (C# names).
/// </summary>
internal static class SchemaAnnotations
{
    /// <summary>Lower-case hex SHA-256.</summary>
    public const string Sha256 = "^[0-9a-f]{64}$";

    /// <summary><c>YYYYMMDD_HHMMSS_model_key[_slug][_N]</c>, or under the project layout <c>YYYY-MM-DD_HH-MM-SS_hash_or_model[_N]</c>.</summary>
    public const string RunId = "^([0-9]{8}_[0-9]{6}|[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}-[0-9]{2}-[0-9]{2})_[a-z0-9]+(_[a-z0-9]+)*$";

    /// <summary><c>YYYY-MM-DD/RUN_ID</c>, or <c>PROJECT/RUN_ID</c> under the project layout.</summary>
    public const string RunPath = "^([0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{8}_[0-9]{6}|[a-z0-9]+(_[a-z0-9]+)*/[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{2}-[0-9]{2}-[0-9]{2})_[a-z0-9]+(_[a-z0-9]+)*$";

    /// <summary>
    /// A path relative to the run folder: <c>/</c> separators, no leading <c>/</c>, no drive, no backslash,
    /// no empty, <c>.</c> or <c>..</c> segment, no control character.
    /// </summary>
    public const string RelativePath = "^(?![A-Za-z]:)(?!.*\\\\)(?!.*//)(?!/)(?!.*/$)(?!(.*/)?\\.\\.?(/|$))[^\\u0000-\\u001f]+$";

    /// <summary>RFC 3339 in UTC, as every record writes times.</summary>
    public const string UtcTime = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z$";

    /// <summary>Semantic version of a v1 record.</summary>
    public const string Version1 = "^1\\.[0-9]+\\.[0-9]+$";

    /// <summary>A property annotation.</summary>
    internal sealed record Annotation(string? Pattern = null, long? Minimum = null, bool ItemsOrValues = false);

    private static readonly Annotation Path = new(RelativePath);
    private static readonly Annotation PathItems = new(RelativePath, ItemsOrValues: true);
    private static readonly Annotation Hash = new(Sha256);
    private static readonly Annotation Count = new(Minimum: 0);

    /// <summary>Annotations by <c>TypeName.PropertyName</c>.</summary>
    public static IReadOnlyDictionary<string, Annotation> ByProperty { get; } = new Dictionary<string, Annotation>(StringComparer.Ordinal)
    {
        ["RunRecord.RunId"] = new(RunId),
        ["RunRecord.RunPath"] = new(RunPath),
        ["RunRecord.RequestPath"] = Path,
        ["RunRecord.ManifestPath"] = Path,
        ["RunRecord.NotesPath"] = Path,
        ["RunRecord.Logs"] = PathItems,
        ["ManifestRecord.RunId"] = new(RunId),
        ["ManifestRecord.RunPath"] = new(RunPath),
        ["ManifestRecord.RunFolder"] = new(RunPath),
        ["ManifestRecord.HeroOriginal"] = Path,
        ["ManifestRecord.HeroOutputPath"] = Path,
        ["ManifestRecord.HeroWeb"] = Path,
        ["ManifestRecord.HeroThumb"] = Path,
        ["ManifestRecord.ThumbnailPath"] = Path,
        ["ManifestRecord.InputCount"] = Count,
        ["ManifestRecord.OutputCount"] = Count,
        ["ManifestRecord.WarningCount"] = Count,
        ["ManifestRecord.ErrorCount"] = Count,
        ["IndexEntry.RunId"] = new(RunId),
        ["IndexEntry.RunPath"] = new(RunPath),
        ["IndexEntry.HeroOriginal"] = Path,
        ["IndexEntry.HeroOutput"] = Path,
        ["IndexEntry.HeroWeb"] = Path,
        ["IndexEntry.HeroThumb"] = Path,
        ["IndexEntry.InputCount"] = Count,
        ["IndexEntry.OutputCount"] = Count,
        ["ManifestRecord.ExternalOutputCount"] = Count,
        ["IndexEntry.ExternalOutputCount"] = Count,
        ["ExternalAssetRecord.AssetId"] = new("^ext_(input|output)_[0-9]{2,}$"),
        ["ExternalAssetRecord.Sha256"] = Hash,
        ["ExternalAssetRecord.Bytes"] = Count,
        ["ReviewEvent.EventId"] = new("^rev_[0-9a-f]{32}$"),
        ["ExportRunRecord.RunId"] = new(RunId),
        ["ExportRunRecord.AssetCount"] = Count,
        ["ExportAssetRecord.RunId"] = new(RunId),
        ["ExportAssetRecord.Sha256"] = Hash,
        ["ExportAssetRecord.Bytes"] = Count,
        ["ExportAssetRecord.Direction"] = new("^(input|output)$"),
        ["ExportFileRecord.Sha256"] = Hash,
        ["ExportFileRecord.Bytes"] = Count,
        ["ExportFileRecord.Records"] = Count,
        ["ReviewEvent.RunId"] = new(RunId),
        ["ReviewEvent.PrevSha256"] = Hash,
        ["ReviewTarget.Sha256"] = Hash,
        ["ClipRecord.ClipId"] = new("^clip_[0-9a-f]{16}$"),
        ["ClipRecord.RunId"] = new(RunId),
        ["ViewRecord.ViewId"] = new("^view_[0-9a-f]{16}$"),
        ["ViewRecord.RunId"] = new(RunId),
        ["ViewRecord.ClipId"] = new("^clip_[0-9a-f]{16}$"),
        ["FileReference.Path"] = Path,
        ["FileReference.Sha256"] = Hash,
        ["FileReference.Bytes"] = Count,
        ["AssetRecord.RelativePath"] = Path,
        ["AssetRecord.ClipPath"] = Path,
        ["AssetRecord.WebPath"] = Path,
        ["AssetRecord.ThumbPath"] = Path,
        ["AssetRecord.PosterPath"] = Path,
        ["AssetRecord.Sha256"] = Hash,
        ["AssetRecord.Bytes"] = Count,
        ["AssetRecord.Width"] = Count,
        ["AssetRecord.Height"] = Count,
        ["AssetRecord.DurationSeconds"] = Count,
        ["DerivativeRecord.RelativePath"] = Path,
        ["DerivativeRecord.ViewPath"] = Path,
        ["DerivativeRecord.Sha256"] = Hash,
        ["DerivativeRecord.Bytes"] = Count,
        ["DerivativeRecord.Width"] = Count,
        ["DerivativeRecord.Height"] = Count,
        ["DerivativeRecord.DurationSeconds"] = Count,
        ["MediaFacts.Width"] = Count,
        ["MediaFacts.Height"] = Count,
        ["MediaFacts.DurationSeconds"] = Count,
        ["MediaFacts.FrameCount"] = Count,
        ["PromptRecord.RawPath"] = Path,
        ["PromptRecord.EnhancedPath"] = Path,
        ["PromptRecord.FinalUsedPath"] = Path,
        ["ProviderTraceRecord.RequestPath"] = Path,
        ["ProviderTraceRecord.SubmitPayloadPath"] = Path,
        ["ProviderTraceRecord.SubmitResponsePath"] = Path,
        ["ProviderTraceRecord.StatusPaths"] = PathItems,
        ["ProviderTraceRecord.FinalStatusPath"] = Path,
        ["CaptureRecord.Path"] = Path,
        ["CaptureRecord.OriginalSha256"] = Hash,
        ["CaptureRecord.OriginalBytes"] = Count,
        ["CaptureRecord.KeptBytes"] = Count,
        ["CaptureRecord.HeadBytes"] = Count,
        ["CaptureRecord.TailBytes"] = Count,
        ["WarningRecord.Path"] = Path,
        ["RedactionSummary.Total"] = Count,
        ["RedactionEntry.Count"] = Count,
        ["RunSpec.ModelKey"] = new("\\S"),
        ["RunSpecFile.Role"] = new("^[A-Za-z0-9_-]+$"),
        ["RunSpecError.HttpStatus"] = new(Minimum: 100),
    };
}
