using System.Text.Json.Nodes;
using RunArtifacts.Derivatives;
using RunArtifacts.Records;

namespace RunArtifacts.Builder.Internal;

/// <summary>Where a pending file's bytes come from: exactly one of a path, a stream or a buffer.</summary>
internal sealed record PendingFile
{
    public string? SourcePath { get; init; }

    public Stream? Stream { get; init; }

    public bool LeaveStreamOpen { get; init; }

    public ReadOnlyMemory<byte>? Bytes { get; init; }

    public required string OriginalFileName { get; init; }

    public string? Role { get; init; }

    public AssetKind? Kind { get; init; }

    public string? SourceUrl { get; init; }

    public string? MimeType { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>Initial review status of an output (issue 13).</summary>
    public ReviewStatus? ReviewStatus { get; init; }
}

/// <summary>A named log or trace document, kept as given until the commit redacts and captures it.</summary>
internal sealed record PendingLog(string Name, ReadOnlyMemory<byte> Content, bool PreferJson);

/// <summary>
/// An error as the caller gave it (an exception, or a kind and a message); the commit's WriteTexts step shapes and
/// redacts it (<see cref="Capture.Internal.ErrorShaper"/>).
/// </summary>
internal sealed record PendingError(Exception? Exception, string? Kind, string? Message, int? HttpStatus, string? Code, string? Stage);

/// <summary>
/// Everything a builder collected; the commit pipeline turns it into a bundle. The builder freezes it when
/// <c>CommitAsync</c> starts: from then on the draft is only read, and any builder call throws.
/// </summary>
internal sealed class RunDraft
{
    private int frozen;

    /// <summary>True once the commit has started.</summary>
    public bool IsFrozen => Volatile.Read(ref frozen) != 0;

    /// <summary>Freezes the draft; false when it was frozen already (a second commit).</summary>
    public bool TryFreeze() => Interlocked.Exchange(ref frozen, 1) == 0;

    public required string ModelKey { get; init; }

    public string? ProviderModel { get; set; }

    public string? TaskMode { get; set; }

    public string? Slug { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? PromptRaw { get; set; }

    public string? PromptEnhanced { get; set; }

    public string? PromptFinal { get; set; }

    public string? PromptProfile { get; set; }

    public JsonNode? Request { get; set; }

    public List<PendingFile> Inputs { get; } = [];

    public List<PendingFile> Outputs { get; } = [];

    public string? TaskId { get; set; }

    public PendingLog? SubmitPayload { get; set; }

    public PendingLog? SubmitResponse { get; set; }

    public List<PendingLog> StatusResponses { get; } = [];

    public List<PendingLog> Logs { get; } = [];

    public JsonObject ProviderMetadata { get; } = [];

    public List<string> Tags { get; } = [];

    /// <summary>The same tags as a set, for the duplicate check of each one added (the list's own search made n tags cost n²).</summary>
    public HashSet<string> TagSet { get; } = new(StringComparer.Ordinal);

    public SourceContextRecord? Source { get; set; }

    public string? Notes { get; set; }

    public JsonObject Options { get; } = [];

    public List<string> Defaults { get; } = [];

    public List<WarningRecord> Warnings { get; } = [];

    public List<PendingError> Errors { get; } = [];

    public RunStatus Status { get; set; } = RunStatus.Succeeded;

    public bool StatusSet { get; set; }

    public IProgress<CommitProgress>? Progress { get; set; }

    public List<DerivativeRegistration> ExtraGenerators { get; } = [];

    public bool SkipDerivatives { get; set; }

    public List<PendingExternal> ExternalInputs { get; } = [];

    public List<PendingExternal> ExternalOutputs { get; } = [];

    /// <summary>Initial review status of the outputs (issue 13); null means draft.</summary>
    public ReviewStatus? ReviewStatus { get; set; }
    /// <summary>Configuration, metrics, artifact files, project and capture (issue 14).</summary>
    public ExperimentDraft Experiment { get; } = new();
}

/// <summary>An external asset that passed the storage policy: the URI to store and its provider.</summary>
internal sealed record PendingExternal(Builder.ExternalAsset Asset, StorageProvider Provider);
