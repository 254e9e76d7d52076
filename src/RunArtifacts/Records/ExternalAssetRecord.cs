namespace RunArtifacts.Records;

/// <summary>
/// An input or output that lives elsewhere (an S3 object, a Dropbox or Drive file, a GitHub file, a public page),
/// recorded as metadata only: no local file, no bytes, never a signed URL or a credential (schema 1.1.0).
/// </summary>
public sealed record ExternalAssetRecord
{
    /// <summary>Id of the asset within its run (<c>ext_output_01</c>, <c>ext_input_01</c>); reviews name external outputs by it.</summary>
    public required string AssetId { get; init; }

    /// <summary>The durable URI (<c>s3://bucket/key</c>, <c>https://…</c>), checked by the storage policy: no signature, no credentials.</summary>
    public required string Uri { get; init; }

    /// <summary>The storage provider, derived from <see cref="Uri"/>.</summary>
    public required StorageProvider Provider { get; init; }

    /// <summary>What it is, from an open vocabulary: <c>report</c>, <c>transcript</c>, <c>recording</c>, <c>event-page</c>, <c>podcast-doc</c>, <c>invoice</c>, <c>assistant-output</c>, <c>external-link</c> (the default), <c>other</c>, ….</summary>
    public required string Type { get; init; }

    /// <summary>A short human title (redacted).</summary>
    public string? Title { get; init; }

    /// <summary>A longer description (redacted).</summary>
    public string? Description { get; init; }

    /// <summary>MIME type, when known.</summary>
    public string? ContentType { get; init; }

    /// <summary>Size in bytes, when known.</summary>
    public long? Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content, when known.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Who may see it.</summary>
    public required AssetVisibility Visibility { get; init; }

    /// <summary>Typed relationship ids, an open map (<c>task</c>, <c>bundle</c>, <c>job</c>, <c>file</c>, …) to the id in that system.</summary>
    public IReadOnlyDictionary<string, string>? Relationships { get; init; }

    /// <summary>How it came to be recorded.</summary>
    public required AssetSourceType SourceType { get; init; }

    /// <summary>Who registered it (redacted).</summary>
    public string? CreatedBy { get; init; }

    /// <summary>Initial review status of an external output (<c>draft</c> when absent); review events move it on.</summary>
    public ReviewStatus? ReviewStatus { get; init; }
}
