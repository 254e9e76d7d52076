using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Export;

/// <summary>One line of an export's <c>runs.jsonl</c> (schema <c>export-run</c> v1): a run's metadata, snake_case, no binaries.</summary>
public sealed record ExportRunRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.ExportRun;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>The run id, unique in the export.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run was created (RFC 3339, UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run was committed (RFC 3339, UTC).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The outcome.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The caller's key for the model.</summary>
    public required string ModelKey { get; init; }

    /// <summary>The provider's model name.</summary>
    public string? ProviderModel { get; init; }

    /// <summary>Task mode.</summary>
    public string? TaskMode { get; init; }

    /// <summary>Folder of the run relative to the source root.</summary>
    public required string RunPath { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The project the run belongs to, when recorded.</summary>
    public string? ProjectName { get; init; }

    /// <summary>Number of assets of the run in <c>assets.jsonl</c> (inputs and outputs, files and external).</summary>
    public required int AssetCount { get; init; }

    /// <summary>The current review status of the run itself.</summary>
    public required ReviewStatus ReviewStatus { get; init; }

    /// <summary>Whether the run or one of its outputs is approved (accepted proof).</summary>
    public required bool HasAcceptedProof { get; init; }

    /// <summary>The kind of the first error, for failed runs.</summary>
    public string? ErrorKind { get; init; }
}
