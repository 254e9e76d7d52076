using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>One line of <c>index.jsonl</c> (schema <c>index-entry</c> v1): the manifest's browsing fields, compact.</summary>
public sealed record IndexEntry
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.IndexEntry;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>The run id.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The outcome.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The caller's model key.</summary>
    public required string ModelKey { get; init; }

    /// <summary>Task mode.</summary>
    public string? TaskMode { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Prompt summary.</summary>
    public string? PromptSummary { get; init; }

    /// <summary>The hero's original, relative to the run folder.</summary>
    public string? HeroOriginal { get; init; }

    /// <summary>Same as <see cref="HeroOriginal"/>.</summary>
    public string? HeroOutput { get; init; }

    /// <summary>The hero's web path, relative to the run folder.</summary>
    public string? HeroWeb { get; init; }

    /// <summary>The hero's thumbnail path, relative to the run folder.</summary>
    public string? HeroThumb { get; init; }

    /// <summary>Number of inputs.</summary>
    public int InputCount { get; init; }

    /// <summary>Number of outputs.</summary>
    public int OutputCount { get; init; }

    /// <summary>Number of external outputs (schema 1.1.0; absent when none).</summary>
    public int? ExternalOutputCount { get; init; }

    /// <summary>Whether any output is a video.</summary>
    public bool HasVideo { get; init; }

    /// <summary>Whether any output is an image.</summary>
    public bool HasImage { get; init; }

    /// <summary>Whether any output has sound.</summary>
    public bool HasAudio { get; init; }

    /// <summary>Duration of the hero, for video and audio.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Kind of the first error, for failed runs.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>The project the run belongs to (since 1.1.0).</summary>
    public string? Project { get; init; }

    /// <summary>The last value of each metric, by name (since 1.1.0).</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Folder of the run relative to the root.</summary>
    public required string RunPath { get; init; }
}
