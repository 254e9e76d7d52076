using RunArtifacts.Records;

namespace RunArtifacts.Specs;

/// <summary>An input or output of a <see cref="RunSpec"/> that lives elsewhere, recorded as metadata only (names as in <c>run.json</c>'s external asset records).</summary>
public sealed record RunSpecExternalAsset
{
    /// <summary>The durable URI (<c>s3://bucket/key</c>, <c>https://…</c>); a signed URL or one with credentials is refused.</summary>
    public required string Uri { get; init; }

    /// <summary>What it is (<c>report</c>, <c>transcript</c>, <c>recording</c>, <c>event-page</c>, …); <c>external-link</c> by default.</summary>
    public string? Type { get; init; }

    /// <summary>A short human title.</summary>
    public string? Title { get; init; }

    /// <summary>A longer description.</summary>
    public string? Description { get; init; }

    /// <summary>MIME type, when known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Size in bytes, when known.</summary>
    public long? Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256, when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Who may see it; <c>internal</c> by default.</summary>
    public AssetVisibility? Visibility { get; init; }

    /// <summary>Typed relationship ids (<c>task</c>, <c>bundle</c>, <c>job</c>, <c>file</c>, …).</summary>
    public IReadOnlyDictionary<string, string>? Relationships { get; init; }

    /// <summary>How it came to be recorded; <c>manual-link</c> by default.</summary>
    public AssetSourceType? SourceType { get; init; }

    /// <summary>Who registered it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Initial review status of an output (outputs only).</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    internal Builder.ExternalAsset ToAsset() => new(Uri)
    {
        Type = Type ?? "external-link",
        Title = Title,
        Description = Description,
        ContentType = ContentType,
        Bytes = Bytes,
        Sha256 = Sha256,
        Visibility = Visibility ?? AssetVisibility.Internal,
        Relationships = Relationships,
        SourceType = SourceType ?? AssetSourceType.ManualLink,
        CreatedBy = CreatedBy,
        ReviewStatus = ReviewStatus,
    };
}
