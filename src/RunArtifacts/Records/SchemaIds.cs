namespace RunArtifacts.Records;

/// <summary>The <c>$id</c> of each v1 schema and the version every v1 record carries.</summary>
internal static class SchemaIds
{
    /// <summary>Base of every schema id.</summary>
    public const string Base = "https://runartifacts.dev/schemas/v1/";

    /// <summary>Semantic version written into <c>schema_version</c>.</summary>
    public const string Version = "1.1.0";

    /// <summary>Major version this library reads.</summary>
    public const int Major = 1;

    /// <summary><c>run.json</c>.</summary>
    public const string Run = Base + "run.schema.json";

    /// <summary><c>manifest.json</c>.</summary>
    public const string Manifest = Base + "manifest.schema.json";

    /// <summary>One <c>index.jsonl</c> line.</summary>
    public const string IndexEntry = Base + "index-entry.schema.json";

    /// <summary><c>*.clip.json</c>.</summary>
    public const string Clip = Base + "clip.schema.json";

    /// <summary><c>*.view.json</c>.</summary>
    public const string View = Base + "view.schema.json";

    /// <summary>One <c>reviews.jsonl</c> line (a review event).</summary>
    public const string ReviewEvent = Base + "review-event.schema.json";

    /// <summary>One line of an export's <c>runs.jsonl</c>.</summary>
    public const string ExportRun = Base + "export-run.schema.json";

    /// <summary>One line of an export's <c>assets.jsonl</c>.</summary>
    public const string ExportAsset = Base + "export-asset.schema.json";

    /// <summary>An export's <c>manifest.json</c>.</summary>
    public const string ExportManifest = Base + "export-manifest.schema.json";

    /// <summary>A run spec (the input of <c>artifacts commit --spec</c>).</summary>
    public const string RunSpec = Base + "run-spec.schema.json";

    /// <summary><c>metrics.json</c> (since 1.1.0).</summary>
    public const string Metrics = Base + "metrics.schema.json";

    /// <summary><c>run_manifest.json</c> (since 1.1.0).</summary>
    public const string RunManifest = Base + "run-manifest.schema.json";
}
