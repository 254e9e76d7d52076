using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Export;

/// <summary>
/// One line of an export's <c>assets.jsonl</c> (schema <c>export-asset</c> v1): one input or output of a run, a file of the
/// bundle or an external asset, as metadata only.
/// </summary>
public sealed record ExportAssetRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.ExportAsset;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Unique id: <c>RUN_ID/PATH</c> for a file (<c>…/original/output_01.png</c>), <c>RUN_ID/ASSET_ID</c> for an external asset.</summary>
    public required string AssetId { get; init; }

    /// <summary>The run it belongs to; must be a run of <c>runs.jsonl</c>.</summary>
    public required string RunId { get; init; }

    /// <summary><c>input</c> or <c>output</c>.</summary>
    public required string Direction { get; init; }

    /// <summary>Where the bytes are: <c>bundle:RUN_PATH/PATH</c> for a file kept in the run bundle, else the external asset's durable URI.</summary>
    public required string StorageUri { get; init; }

    /// <summary><c>bundle</c> for a file of the run bundle; else the provider of the external URI (<c>s3</c>, <c>google-drive</c>, …).</summary>
    public required string StorageProvider { get; init; }

    /// <summary>What it is: an external asset's type, or a file's media kind (<c>image</c>, <c>video</c>, …).</summary>
    public required string Type { get; init; }

    /// <summary>An external asset's title, or a file's original name.</summary>
    public string? Title { get; init; }

    /// <summary>MIME type, when known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Lower-case hex SHA-256, when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Size in bytes, when known.</summary>
    public long? Bytes { get; init; }

    /// <summary>Who may see it (files of a bundle are <c>internal</c>).</summary>
    public required AssetVisibility Visibility { get; init; }

    /// <summary>The current review status (outputs only).</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    /// <summary>How an external asset came to be recorded.</summary>
    public AssetSourceType? SourceType { get; init; }

    /// <summary>Who registered an external asset.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>
    /// Relationship ids into other systems (<c>task</c>, <c>bundle</c>, <c>job</c>, <c>file</c>, …): opaque to the validator,
    /// which checks only <see cref="RunId"/>; kept so an importer can link them.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Relationships { get; init; }
}
