using System.Text.Json.Serialization;
using RunArtifacts.Records;

namespace RunArtifacts.Reviews;

/// <summary>
/// One review decision: one line of the root's append-only <c>reviews.jsonl</c> (schema <c>review-event</c> v1). Each line
/// carries the SHA-256 of the line before it, so a removed, inserted or edited line breaks the chain and
/// <see cref="Verification.RunVerifier"/> reports it.
/// </summary>
public sealed record ReviewEvent
{
    /// <summary>The schema's <c>$id</c>.</summary>
    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-10)]
    public string Schema { get; init; } = SchemaIds.ReviewEvent;

    /// <summary>Semantic version of the schema this record follows.</summary>
    [JsonPropertyOrder(-9)]
    public string SchemaVersion { get; init; } = SchemaIds.Version;

    /// <summary>Unique id of the event (<c>rev_</c> and a time-ordered UUID v7 in hex).</summary>
    public required string EventId { get; init; }

    /// <summary>The run reviewed.</summary>
    public required string RunId { get; init; }

    /// <summary>What in the run was reviewed.</summary>
    public required ReviewTarget Target { get; init; }

    /// <summary>The status decided.</summary>
    public required ReviewStatus Status { get; init; }

    /// <summary>Who decided (redacted).</summary>
    public required string Reviewer { get; init; }

    /// <summary>When (RFC 3339, UTC, from the store's clock).</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>Why (redacted).</summary>
    public string? Note { get; init; }

    /// <summary>The event id this decision replaces: the target's previous event, when there was one.</summary>
    public string? Supersedes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the previous line's bytes (without its newline); 64 zeros on the first line.</summary>
    public required string PrevSha256 { get; init; }
}
