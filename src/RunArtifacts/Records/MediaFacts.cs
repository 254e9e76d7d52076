namespace RunArtifacts.Records;

/// <summary>Probed facts about a media file. Width and height are the displayed size (rotation applied).</summary>
public sealed record MediaFacts
{
    /// <summary>Displayed width in pixels.</summary>
    public int? Width { get; init; }

    /// <summary>Displayed height in pixels.</summary>
    public int? Height { get; init; }

    /// <summary>Duration in seconds.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>Frames per second.</summary>
    public double? Fps { get; init; }

    /// <summary>Number of frames, for animated images and video, when known.</summary>
    public long? FrameCount { get; init; }

    /// <summary>Codec name (<c>png</c>, <c>h264</c>, …).</summary>
    public string? CodecName { get; init; }

    /// <summary>Pixel format (<c>rgba</c>, <c>yuv420p</c>, …).</summary>
    public string? PixFmt { get; init; }

    /// <summary>Color space (<c>bt709</c>, …).</summary>
    public string? ColorSpace { get; init; }

    /// <summary>Whether there is an audio stream.</summary>
    public bool? HasAudio { get; init; }

    /// <summary>Audio codec, when there is audio.</summary>
    public string? AudioCodecName { get; init; }

    /// <summary>Rotation in degrees applied for display (EXIF orientation or display matrix).</summary>
    public int? Rotation { get; init; }

    /// <summary>Whether the image has an alpha channel.</summary>
    public bool? HasAlpha { get; init; }

    /// <summary>Whether the image is animated (GIF, WebP, APNG).</summary>
    public bool? Animated { get; init; }
}
