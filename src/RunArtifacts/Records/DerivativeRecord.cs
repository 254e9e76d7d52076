namespace RunArtifacts.Records;

/// <summary>One derivative of an asset, as listed in <c>run.json</c>.</summary>
public sealed record DerivativeRecord
{
    /// <summary>What the derivative is for.</summary>
    public required DerivativeKind Kind { get; init; }

    /// <summary>Path relative to the run folder, with <c>/</c> separators.</summary>
    public required string RelativePath { get; init; }

    /// <summary>Path of the derivative's <c>view</c> sidecar, relative to the run folder.</summary>
    public string? ViewPath { get; init; }

    /// <summary>MIME type, for example <c>image/webp</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>Displayed width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Displayed height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Duration in seconds, for video and audio.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the file, when hashing is on.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Codec name as ffprobe reports it (<c>webp</c>, <c>h264</c>, <c>mjpeg</c>, …).</summary>
    public string? CodecName { get; init; }

    /// <summary>Name of the generator that made it.</summary>
    public string? Generator { get; init; }
}
