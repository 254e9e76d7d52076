namespace RunArtifacts.Records;

/// <summary>The <c>$id</c> of each v1 schema and the version every v1 record carries.</summary>
internal static class SchemaIds
{
    /// <summary>Base of every schema id.</summary>
    public const string Base = "https://runartifacts.dev/schemas/v1/";

    /// <summary>Semantic version written into <c>schema_version</c>.</summary>
    public const string Version = "1.0.0";

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

    /// <summary>A run spec (the input of <c>artifacts commit --spec</c>).</summary>
    public const string RunSpec = Base + "run-spec.schema.json";
}
