using System.Text.Json.Nodes;

namespace RunArtifacts.Records;

/// <summary>The provider's request/response trace, as paths to redacted logs.</summary>
public sealed record ProviderTraceRecord
{
    /// <summary>The provider's task or job id.</summary>
    public string? TaskId { get; init; }

    /// <summary>Path of <c>request.json</c>.</summary>
    public string? RequestPath { get; init; }

    /// <summary>Path of <c>logs/submit_payload.json</c>.</summary>
    public string? SubmitPayloadPath { get; init; }

    /// <summary>Path of <c>logs/submit_response.json</c>.</summary>
    public string? SubmitResponsePath { get; init; }

    /// <summary>Paths of every status response, in order.</summary>
    public IReadOnlyList<string> StatusPaths { get; init; } = [];

    /// <summary>Path of the last status response (<c>logs/status_response_final.json</c>).</summary>
    public string? FinalStatusPath { get; init; }

    /// <summary>Free-form provider metadata (redacted).</summary>
    public JsonObject? Metadata { get; init; }
}
