using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>The browsing summary of a run (<c>manifest.json</c>, schema <c>manifest</c> v1).</summary>
public sealed record ManifestRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.Manifest;

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

    /// <summary>The provider's model name.</summary>
    public string? ProviderModel { get; init; }

    /// <summary>Task mode.</summary>
    public string? TaskMode { get; init; }

    /// <summary>Path of the first output's original.</summary>
    public string? HeroOriginal { get; init; }

    /// <summary>Same as <see cref="HeroOriginal"/> (field name kept for readers of the original writer).</summary>
    public string? HeroOutputPath { get; init; }

    /// <summary>The hero's web derivative, else the original.</summary>
    public string? HeroWeb { get; init; }

    /// <summary>The hero's thumbnail, else its poster, else its web path.</summary>
    public string? HeroThumb { get; init; }

    /// <summary>Same as <see cref="HeroThumb"/> (field name kept for readers of the original writer).</summary>
    public string? ThumbnailPath { get; init; }

    /// <summary>The prompt, whitespace collapsed, 140 characters at most (ending in <c>...</c> when cut).</summary>
    public string? PromptSummary { get; init; }

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

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

    /// <summary>Whether any output is audio or a video with sound.</summary>
    public bool HasAudio { get; init; }

    /// <summary>Duration of the hero, for video and audio.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Number of warnings.</summary>
    public int WarningCount { get; init; }

    /// <summary>Number of errors.</summary>
    public int ErrorCount { get; init; }

    /// <summary>Kind of the first error, for failed runs.</summary>
    public string? ErrorKind { get; init; }

    /// <summary>The project the run belongs to (since 1.1.0).</summary>
    public string? Project { get; init; }

    /// <summary>The last value of each metric, by name (since 1.1.0).</summary>
    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>Folder of the run relative to the root.</summary>
    public required string RunPath { get; init; }

    /// <summary>Same as <see cref="RunPath"/> (field name kept for readers of the original writer).</summary>
    public string? RunFolder { get; init; }
}
