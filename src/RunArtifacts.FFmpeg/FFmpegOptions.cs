using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.FFmpeg;

/// <summary>Where ffmpeg and ffprobe are and how the FFmpeg derivatives are encoded. Sizes and formats are in <see cref="Derivatives.ArtifactDerivativeSettings"/>.</summary>
public sealed class FFmpegOptions
{
    /// <summary>Path of the ffmpeg executable, or a bare name searched on <c>PATH</c>.</summary>
    /// <value>Default <c>ffmpeg</c> (searched on <c>PATH</c>).</value>
    [Required(AllowEmptyStrings = false)]
    public string FFmpegPath { get; set; } = "ffmpeg";

    /// <summary>Path of the ffprobe executable, or a bare name searched on <c>PATH</c>.</summary>
    /// <value>Default <c>ffprobe</c> (searched on <c>PATH</c>).</value>
    [Required(AllowEmptyStrings = false)]
    public string FFprobePath { get; set; } = "ffprobe";

    /// <summary>
    /// Whether the derivatives are required: a missing ffmpeg is then an option-validation error, and a file whose
    /// derivatives cannot be made fails the commit with nothing published.
    /// </summary>
    /// <value>Default <see langword="false"/>: best effort, failures become run warnings.</value>
    public bool Required { get; set; }

    /// <summary>x264 preset of web videos (<c>ultrafast</c> … <c>veryslow</c>).</summary>
    /// <value>Default <c>veryfast</c>.</value>
    [RegularExpression("^(ultrafast|superfast|veryfast|faster|fast|medium|slow|slower|veryslow)$")]
    public string VideoPreset { get; set; } = "veryfast";

    /// <summary>x264 constant rate factor of web videos (0–51, lower is better).</summary>
    /// <value>Default 23.</value>
    [Range(0, 51)]
    public int VideoCrf { get; set; } = 23;

    /// <summary>AAC bitrate of web videos whose source has audio, in kbit/s.</summary>
    /// <value>Default 128.</value>
    [Range(16, 512)]
    public int AudioBitrateKbps { get; set; } = 128;

    /// <summary>
    /// Largest frame, in pixels (width × height as the header or ffprobe gives them), that ffmpeg is asked to decode,
    /// for images and videos alike. A larger file is refused before ffmpeg starts, with a warning, and its original
    /// kept: a 250 KB deflate TIFF of 16000×16000 otherwise costs ten seconds and half a gigabyte. It also bounds an
    /// animated web copy (every frame is decoded): when frames × frame pixels is larger, the web copy is the first
    /// frame, still, with a warning. The same default as <c>RunArtifacts.Vips</c>' <c>VipsOptions.MaxPixels</c>.
    /// </summary>
    /// <value>Default 100,000,000 (100 MP: a 40 MP photo, an 8K video or an 8K×8K image passes).</value>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>
    /// Longest web copy of a video. A longer video (by ffprobe's duration), or one whose duration ffprobe cannot tell,
    /// gets a web copy of its first <see cref="MaxWebVideoDuration"/> (ffmpeg's <c>-t</c>) and, when it is known to be
    /// longer, a warning; its poster and thumbnail are made as usual. A web copy is for browsing, and transcoding all
    /// of a long recording (or of a hostile file holding hours of tiny frames in a few kilobytes) would otherwise run
    /// until <c>RunArtifactsOptions.DerivativeTimeout</c> and leave no web copy at all.
    /// </summary>
    /// <value>Default 10 minutes; between 1 second and 1 day.</value>
    public TimeSpan MaxWebVideoDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Background that transparent pixels are flattened onto when the target format (JPEG) has no alpha, as an ffmpeg colour.</summary>
    /// <value>Default <c>white</c>.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^(#?[0-9A-Fa-f]{6}|[A-Za-z]+)$")]
    public string FlattenBackground { get; set; } = "white";
}
