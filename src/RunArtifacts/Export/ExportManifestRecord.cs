using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Export;

/// <summary>An export's <c>manifest.json</c> (schema <c>export-manifest</c> v1): what was exported, counts and checksums.</summary>
public sealed record ExportManifestRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.ExportManifest;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Version of the export format (<c>1.0</c>).</summary>
    public required string FormatVersion { get; init; }

    /// <summary>When the export was made (RFC 3339, UTC).</summary>
    public required DateTimeOffset ExportedAt { get; init; }

    /// <summary>The source root's folder name (never its absolute path).</summary>
    public required string SourceRoot { get; init; }

    /// <summary>The filters the export applied, in words; empty for every run.</summary>
    public IReadOnlyList<string> Filters { get; init; } = [];

    /// <summary>Records per entity: <c>runs</c>, <c>assets</c>, <c>reviews</c>.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Each data file: name, SHA-256, bytes and line count.</summary>
    public required IReadOnlyList<ExportFileRecord> Files { get; init; }

    /// <summary>What the export leaves out, and why.</summary>
    public required IReadOnlyList<ExportOmission> Omitted { get; init; }
}

/// <summary>One data file of an export, as its manifest lists it.</summary>
public sealed record ExportFileRecord
{
    /// <summary>File name (<c>runs.jsonl</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The entity it holds (<c>runs</c>, <c>assets</c>, <c>reviews</c>).</summary>
    public required string Entity { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Number of records (lines).</summary>
    public required int Records { get; init; }
}

/// <summary>An entity the export leaves out, and why.</summary>
public sealed record ExportOmission
{
    /// <summary>The entity (<c>binaries</c>, <c>derivatives</c>, <c>logs</c>, …).</summary>
    public required string Entity { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }
}
