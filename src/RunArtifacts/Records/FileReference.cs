namespace RunArtifacts.Records;

/// <summary>A file named by a sidecar: path relative to the run folder, hash and size.</summary>
public sealed record FileReference
{
    /// <summary>Path relative to the run folder, with <c>/</c> separators.</summary>
    public required string Path { get; init; }

    /// <summary>Lower-case hex SHA-256 (absent only when hashing is off).</summary>
    public string? Sha256 { get; init; }

    /// <summary>Size in bytes.</summary>
    public long? Bytes { get; init; }
}
