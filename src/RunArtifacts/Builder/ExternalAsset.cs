using RunArtifacts.Records;

namespace RunArtifacts.Builder;

/// <summary>
/// An input or output that lives elsewhere, as given to <see cref="RunArtifactBuilder.AddExternalOutput(ExternalAsset)"/>:
/// only its metadata is recorded. The URI is checked by the store's storage policy when it is added.
/// </summary>
/// <param name="Uri">The durable URI (<c>s3://bucket/key</c>, <c>https://…</c>); never a signed URL or one with credentials.</param>
public sealed record ExternalAsset(string Uri)
{
    /// <summary>What it is (<c>report</c>, <c>transcript</c>, <c>recording</c>, <c>event-page</c>, …; an open vocabulary).</summary>
    /// <value>Default <c>external-link</c>.</value>
    public string Type { get; init; } = "external-link";

    /// <summary>A short human title.</summary>
    public string? Title { get; init; }

    /// <summary>A longer description.</summary>
    public string? Description { get; init; }

    /// <summary>MIME type, when known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Size in bytes, when known.</summary>
    public long? Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content, when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Who may see it.</summary>
    /// <value>Default <see cref="AssetVisibility.Internal"/>.</value>
    public AssetVisibility Visibility { get; init; } = AssetVisibility.Internal;

    /// <summary>Typed relationship ids (<c>task</c>, <c>bundle</c>, <c>job</c>, <c>file</c>, …).</summary>
    public IReadOnlyDictionary<string, string>? Relationships { get; init; }

    /// <summary>How it came to be recorded.</summary>
    /// <value>Default <see cref="AssetSourceType.ManualLink"/>.</value>
    public AssetSourceType SourceType { get; init; } = AssetSourceType.ManualLink;

    /// <summary>Who registered it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>The initial review status of an output; by default the run's (<see cref="RunArtifactBuilder.WithReviewStatus"/>), else <c>draft</c>.</summary>
    public ReviewStatus? ReviewStatus { get; init; }
}
