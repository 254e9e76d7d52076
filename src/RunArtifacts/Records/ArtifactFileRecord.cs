namespace RunArtifacts.Records;

/// <summary>
/// A file of the run beyond its outputs (a checkpoint, a prediction, any named file), kept under <c>artifacts/</c>
/// (schema 1.1.0): copied and hashed in the same pass as the outputs, checked by verify, joined in the catalog.
/// </summary>
public sealed record ArtifactFileRecord
{
    /// <summary>The caller's name for it, a relative path with <c>/</c> (<c>checkpoints/best.pt</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Where it is, relative to the run folder (<c>artifacts/checkpoints/best.pt</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>The file name it had (redacted); never used as a path.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>The detected MIME type.</summary>
    public string? MimeType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256, when hashing is on.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when the file was hard-linked rather than copied.</summary>
    public bool? HardLinked { get; init; }
}
