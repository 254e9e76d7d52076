using System.Text.Json.Nodes;

namespace RunArtifacts.Specs;

/// <summary>The provider's trace in a <see cref="RunSpec"/> (written to <c>logs/</c> and <c>run.json</c>'s <c>provider_trace</c>).</summary>
public sealed record RunSpecTrace
{
    /// <summary>The provider's task or job id.</summary>
    public string? TaskId { get; init; }

    /// <summary>The payload submitted to the provider (<c>logs/submit_payload.json</c>).</summary>
    public RunSpecDocument? SubmitPayload { get; init; }

    /// <summary>The provider's answer to the submission (<c>logs/submit_response.json</c>).</summary>
    public RunSpecDocument? SubmitResponse { get; init; }

    /// <summary>Status (poll) responses in order; the last is also the final status (<c>logs/status_response_final.json</c>).</summary>
    public IReadOnlyList<RunSpecDocument>? StatusResponses { get; init; }

    /// <summary>Free-form provider metadata (redacted).</summary>
    public JsonObject? Metadata { get; init; }
}
