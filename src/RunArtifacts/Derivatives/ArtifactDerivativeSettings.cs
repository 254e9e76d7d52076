using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.Derivatives;

/// <summary>Sizes, formats and qualities of the derivatives made for browsing.</summary>
public sealed class ArtifactDerivativeSettings
{
    /// <summary>Longest side of a web image, in pixels.</summary>
    /// <value>Default 1600.</value>
    [Range(16, 16384)]
    public int ImageWebMaxDimension { get; set; } = 1600;

    /// <summary>Format of web images: <c>webp</c>, <c>jpg</c> or <c>png</c>.</summary>
    /// <value>Default <c>webp</c>.</value>
    [RegularExpression("^(webp|jpg|png)$")]
    public string ImageWebFormat { get; set; } = "webp";

    /// <summary>Quality of web images, 1–100.</summary>
    /// <value>Default 82.</value>
    [Range(1, 100)]
    public int ImageWebQuality { get; set; } = 82;

    /// <summary>Longest side of a thumbnail, in pixels.</summary>
    /// <value>Default 384.</value>
    [Range(16, 4096)]
    public int ImageThumbMaxDimension { get; set; } = 384;

    /// <summary>Format of thumbnails: <c>webp</c>, <c>jpg</c> or <c>png</c>.</summary>
    /// <value>Default <c>webp</c>.</value>
    [RegularExpression("^(webp|jpg|png)$")]
    public string ImageThumbFormat { get; set; } = "webp";

    /// <summary>Quality of thumbnails, 1–100.</summary>
    /// <value>Default 76.</value>
    [Range(1, 100)]
    public int ImageThumbQuality { get; set; } = 76;

    /// <summary>Largest width of a web video, in pixels.</summary>
    /// <value>Default 1280.</value>
    [Range(16, 8192)]
    public int VideoWebMaxWidth { get; set; } = 1280;

    /// <summary>Width of a video poster, in pixels.</summary>
    /// <value>Default 640.</value>
    [Range(16, 8192)]
    public int PosterWidth { get; set; } = 640;

    /// <summary>Format of video posters: <c>jpg</c>, <c>webp</c> or <c>png</c>.</summary>
    /// <value>Default <c>jpg</c>.</value>
    [RegularExpression("^(webp|jpg|png)$")]
    public string PosterFormat { get; set; } = "jpg";

    /// <summary>When the poster frame is taken: <c>first</c>, a time (<c>2.5s</c>) or a fraction of the duration (<c>0.5</c>).</summary>
    /// <value>Default <c>first</c>.</value>
    public string PosterTime { get; set; } = "first";

    /// <summary>Whether a derivative may be larger than its source.</summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool AllowUpscale { get; set; }

    /// <summary>Whether derivatives are hashed with SHA-256.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Sha256 { get; set; } = true;

    /// <summary>The poster time, parsed.</summary>
    /// <exception cref="FormatException"><see cref="PosterTime"/> is not valid.</exception>
    public PosterTimeSpec GetPosterTime()
        => PosterTimeSpec.TryParse(PosterTime, out var spec) ? spec : throw new FormatException($"PosterTime '{PosterTime}' is not 'first', a time such as '2.5s', or a fraction such as '0.5'.");

    /// <summary>A copy (the store's snapshot).</summary>
    internal ArtifactDerivativeSettings Copy() => (ArtifactDerivativeSettings)MemberwiseClone();
}
