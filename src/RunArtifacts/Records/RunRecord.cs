using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RunArtifacts.Records;

/// <summary>The full record of one run (<c>run.json</c>, schema <c>run</c> v1).</summary>
public sealed record RunRecord
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.Run;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>The run id: <c>YYYYMMDD_HHMMSS_model_key[_slug][_N]</c>, also the folder name.</summary>
    public required string RunId { get; init; }

    /// <summary>When the run was created (RFC 3339, UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run was committed (RFC 3339, UTC).</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>The outcome.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>The caller's key for the model (<c>nano_banana_pro</c>).</summary>
    public required string ModelKey { get; init; }

    /// <summary>The provider's own model name.</summary>
    public string? ProviderModel { get; init; }

    /// <summary>Task mode (<c>text_to_image</c>, <c>image_to_video</c>, …).</summary>
    public string? TaskMode { get; init; }

    /// <summary>The slug that was appended to the run id, after slugging.</summary>
    public string? Slug { get; init; }

    /// <summary>Folder of the run relative to the root (<c>2026-03-26/RUN_ID</c>).</summary>
    public required string RunPath { get; init; }

    /// <summary>The prompts.</summary>
    public PromptRecord? Prompts { get; init; }

    /// <summary>Copies of the inputs, in the order given.</summary>
    public IReadOnlyList<AssetRecord> Inputs { get; init; } = [];

    /// <summary>The outputs, byte-for-byte, in the order given; the first is the hero.</summary>
    public IReadOnlyList<AssetRecord> Outputs { get; init; } = [];

    /// <summary>Inputs that live elsewhere, recorded as metadata only (schema 1.1.0; absent when none).</summary>
    public IReadOnlyList<ExternalAssetRecord>? ExternalInputs { get; init; }

    /// <summary>Outputs that live elsewhere, recorded as metadata only (schema 1.1.0; absent when none).</summary>
    public IReadOnlyList<ExternalAssetRecord>? ExternalOutputs { get; init; }

    /// <summary>Path of <c>request.json</c>, when a request was given.</summary>
    public string? RequestPath { get; init; }

    /// <summary>The provider's trace.</summary>
    public ProviderTraceRecord? ProviderTrace { get; init; }

    /// <summary>Named logs: name to path relative to the run folder.</summary>
    public IReadOnlyDictionary<string, string> Logs { get; init; } = new Dictionary<string, string>();

    /// <summary>Where the run came from.</summary>
    public SourceContextRecord? SourceContext { get; init; }

    /// <summary>The options the run used (redacted).</summary>
    public JsonObject? Options { get; init; }

    /// <summary>Names of the options whose defaults were applied.</summary>
    public IReadOnlyList<string> Defaults { get; init; } = [];

    /// <summary>Tags, in the order given, without duplicates.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free-form notes (redacted).</summary>
    public string? Notes { get; init; }

    /// <summary>What went wrong but did not stop the run from being kept.</summary>
    public IReadOnlyList<WarningRecord> Warnings { get; init; } = [];

    /// <summary>Shaped failures.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; init; } = [];

    /// <summary>Accounting of the redactions made in this run.</summary>
    public required RedactionSummary Redaction { get; init; }

    /// <summary>How each captured text was kept (sizes, hashes, truncation).</summary>
    public IReadOnlyList<CaptureRecord> Captures { get; init; } = [];

    /// <summary>The derivative settings in force.</summary>
    public DerivativeSettingsRecord? DerivativeSettings { get; init; }

    /// <summary>What wrote the run.</summary>
    public required EnvironmentRecord Environment { get; init; }

    /// <summary>The project the run belongs to (since 1.1.0).</summary>
    public string? Project { get; init; }

    /// <summary>The configuration, when given (since 1.1.0).</summary>
    public ConfigRecord? Config { get; init; }

    /// <summary>Summary of the metrics in <c>metrics.json</c>, when given (since 1.1.0).</summary>
    public MetricsSummaryRecord? Metrics { get; init; }

    /// <summary>Files beyond the outputs, under <c>artifacts/</c> (since 1.1.0).</summary>
    public IReadOnlyList<ArtifactFileRecord>? ArtifactFiles { get; init; }

    /// <summary>Path of <c>run_manifest.json</c>, when written (since 1.1.0).</summary>
    public string? RunManifestPath { get; init; }

    /// <summary>Path of <c>manifest.json</c>.</summary>
    public string ManifestPath { get; init; } = "manifest.json";

    /// <summary>Path of <c>notes.md</c>.</summary>
    public string NotesPath { get; init; } = "notes.md";
}
