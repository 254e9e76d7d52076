using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>Sidecar of one original output (<c>&lt;output&gt;.clip.json</c>, schema <c>clip</c> v1).</summary>
public sealed record ClipRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.Clip;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Deterministic id: <c>clip_</c> + the first 16 hex digits of SHA-256(<c>run_id/path</c>).</summary>
    public required string ClipId { get; init; }

    /// <summary>The run this output belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>Name of the output (its file name without extension, <c>output_01</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The output file.</summary>
    public required FileReference Output { get; init; }

    /// <summary>MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>The broad kind of media.</summary>
    public AssetKind Kind { get; init; }

    /// <summary>File name the caller gave.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>Probed media facts.</summary>
    public MediaFacts? Media { get; init; }

    /// <summary>How it was produced.</summary>
    public required ProducedBy ProducedBy { get; init; }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>What wrote the sidecar.</summary>
    public required EnvironmentRecord Environment { get; init; }
}
