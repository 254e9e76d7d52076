using System.Text.Json.Nodes;

namespace RunArtifacts.Records;

/// <summary>One input or output file of a run, as listed in <c>run.json</c>.</summary>
public sealed record AssetRecord
{
    /// <summary>The broad kind of media.</summary>
    public required AssetKind Kind { get; init; }

    /// <summary>What the file was for (<c>reference</c>, <c>motion</c>, <c>output</c>, …).</summary>
    public string? Role { get; init; }

    /// <summary>Path relative to the run folder, with <c>/</c> separators (<c>original/output_01.png</c>).</summary>
    public required string RelativePath { get; init; }

    /// <summary>The file name the caller gave; recorded, never used as a path.</summary>
    public string? OriginalFilename { get; init; }

    /// <summary>Absolute source path; only recorded when <see cref="RunArtifactsOptions.RecordAbsolutePaths"/> is on.</summary>
    public string? SourcePath { get; init; }

    /// <summary>URL the file was downloaded from, with credentials and signatures redacted.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>MIME type guessed from the content and the name.</summary>
    public string? MimeType { get; init; }

    /// <summary>Displayed width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Displayed height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Duration in seconds, for video and audio.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Frames per second, for video.</summary>
    public double? Fps { get; init; }

    /// <summary>Codec name as ffprobe reports it.</summary>
    public string? CodecName { get; init; }

    /// <summary>Pixel format (<c>yuv420p</c>, <c>rgba</c>, …).</summary>
    public string? PixFmt { get; init; }

    /// <summary>Color space (<c>bt709</c>, …).</summary>
    public string? ColorSpace { get; init; }

    /// <summary>Whether a video has an audio stream.</summary>
    public bool? HasAudio { get; init; }

    /// <summary>Display rotation in degrees (EXIF orientation or video display matrix).</summary>
    public int? Rotation { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Bytes { get; init; }

    /// <summary>Lower-case hex SHA-256, when hashing is on.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Whether the file was hard-linked instead of copied.</summary>
    public bool? HardLinked { get; init; }

    /// <summary>Path of the <c>clip</c> sidecar (outputs only), relative to the run folder.</summary>
    public string? ClipPath { get; init; }

    /// <summary>Path of the web derivative, when one was made.</summary>
    public string? WebPath { get; init; }

    /// <summary>Path of the thumbnail, when one was made.</summary>
    public string? ThumbPath { get; init; }

    /// <summary>Path of the video poster, when one was made.</summary>
    public string? PosterPath { get; init; }

    /// <summary>Every derivative made from this file.</summary>
    public IReadOnlyList<DerivativeRecord> Derivatives { get; init; } = [];

    /// <summary>Initial review status of an output (schema 1.1.0; <c>draft</c> when absent); review events in <c>reviews.jsonl</c> move it on.</summary>
    public ReviewStatus? ReviewStatus { get; init; }

    /// <summary>Free-form metadata from the caller (redacted).</summary>
    public JsonObject? Metadata { get; init; }
}
