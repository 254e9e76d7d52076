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
}

/// <summary>A named log or trace document, kept as given until the commit redacts and captures it.</summary>
internal sealed record PendingLog(string Name, ReadOnlyMemory<byte> Content, bool PreferJson);

/// <summary>Everything a builder collected; the committer turns it into a bundle.</summary>
internal sealed class RunDraft
{
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

    public SourceContextRecord? Source { get; set; }

    public string? Notes { get; set; }

    public JsonObject Options { get; } = [];

    public List<string> Defaults { get; } = [];

    public List<WarningRecord> Warnings { get; } = [];

    public List<Func<Redaction.Internal.SecretRedactor, Redaction.Internal.RedactionLedger, ErrorRecord>> Errors { get; } = [];

    public RunStatus Status { get; set; } = RunStatus.Succeeded;

    public bool StatusSet { get; set; }

    public IProgress<CommitProgress>? Progress { get; set; }

    public List<DerivativeRegistration> ExtraGenerators { get; } = [];

    public bool SkipDerivatives { get; set; }
}
