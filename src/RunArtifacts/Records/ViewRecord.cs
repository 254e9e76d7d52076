using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>Sidecar of one derivative (<c>&lt;derivative&gt;.view.json</c>, schema <c>view</c> v1).</summary>
public sealed record ViewRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.View;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Deterministic id: <c>view_</c> + the first 16 hex digits of SHA-256(<c>run_id/path</c>).</summary>
    public required string ViewId { get; init; }

    /// <summary>The run this derivative belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The clip id of the source output.</summary>
    public string? ClipId { get; init; }

    /// <summary>What the derivative is for.</summary>
    public required DerivativeKind Kind { get; init; }

    /// <summary>The original it was made from; <c>source.sha256 == clip.output.sha256</c>.</summary>
    public required FileReference Source { get; init; }

    /// <summary>The derivative file.</summary>
    public required FileReference Output { get; init; }

    /// <summary>MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>Probed media facts of the derivative.</summary>
    public MediaFacts? Media { get; init; }

    /// <summary>How it was made.</summary>
    public required TransformRecord Transform { get; init; }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>What wrote the sidecar.</summary>
    public required EnvironmentRecord Environment { get; init; }
}
