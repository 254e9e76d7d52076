namespace RunArtifacts.Records;

/// <summary>How one piece of captured text (a log, stdout, an error body) was kept: nothing is dropped silently.</summary>
public sealed record CaptureRecord
{
    /// <summary>Name of the capture (the log name, or the record field).</summary>
    public required string Name { get; init; }

    /// <summary>Path of the kept file, relative to the run folder, when it was written to a file.</summary>
    public string? Path { get; init; }

    /// <summary>Size of the original content, in bytes.</summary>
    public required long OriginalBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the original content (before redaction and truncation).</summary>
    public required string OriginalSha256 { get; init; }

    /// <summary>Bytes kept on disk (after redaction and truncation).</summary>
    public required long KeptBytes { get; init; }

    /// <summary>Whether part of the content was cut.</summary>
    public required bool Truncated { get; init; }

    /// <summary>Bytes kept from the head, when truncated.</summary>
    public long? HeadBytes { get; init; }

    /// <summary>Bytes kept from the tail, when truncated.</summary>
    public long? TailBytes { get; init; }

    /// <summary>Bytes cut from the middle, when truncated (after redaction; the kept file also holds a one-line marker saying so).</summary>
    public long? OmittedBytes { get; init; }

    /// <summary>Whether the content was binary and kept as a file rather than as text.</summary>
    public bool Binary { get; init; }

    /// <summary>Content type: <c>json</c>, <c>text</c> or <c>binary</c>.</summary>
    public required string ContentType { get; init; }
}
