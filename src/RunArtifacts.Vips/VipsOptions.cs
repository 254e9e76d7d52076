using System.ComponentModel.DataAnnotations;

namespace RunArtifacts.Vips;

/// <summary>
/// How the libvips derivatives treat hostile or damaged files, and whether they are required. Sizes, formats and
/// qualities are in <see cref="Derivatives.ArtifactDerivativeSettings"/>; the per-file timeout is the store's
/// <see cref="RunArtifactsOptions.DerivativeTimeout"/>.
/// </summary>
public sealed class VipsOptions
{
    /// <summary>The default of <see cref="MaxPixels"/>: 100 megapixels.</summary>
    public const long DefaultMaxPixels = 100_000_000;

    /// <summary>
    /// Whether the derivatives are required: a libvips that cannot be loaded is then an option-validation error, and
    /// an image whose derivatives cannot be made (refused, corrupt, truncated) fails the commit with nothing published.
    /// </summary>
    /// <value>Default <see langword="false"/>: best effort, failures become run warnings and originals are kept.</value>
    public bool Required { get; set; }

    /// <summary>
    /// Largest image, in pixels of one frame (width × height as stored), that is decoded. The size is read from the
    /// header first; a larger image is refused in milliseconds with a warning, never decoded, and its original kept.
    /// It also bounds an animated web copy, whose every frame is decoded: when frames × frame pixels is larger, the
    /// web copy is the first frame, still, and the run records a warning.
    /// </summary>
    /// <value>Default 100,000,000 (100 MP: a 40 MP photo or an 8K×8K image passes, a 30000×30000 PNG does not).</value>
    [Range(1, long.MaxValue)]
    public long MaxPixels { get; set; } = DefaultMaxPixels;

    /// <summary>Largest number of frames of an animated GIF or WebP that is decoded; more is refused like <see cref="MaxPixels"/>.</summary>
    /// <value>Default 1000.</value>
    [Range(1, 100_000)]
    public int MaxFrames { get; set; } = 1000;

    /// <summary>
    /// Whether a truncated or damaged file gets no derivatives (a warning, or a failed commit when
    /// <see cref="Required"/>). When <see langword="false"/>, derivatives are made from the part that decodes and
    /// the run records a warning that the original is truncated.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool FailOnTruncation { get; set; } = true;

    /// <summary>Background that transparent pixels are flattened onto when the target format (JPEG) has no alpha, as <c>#RRGGBB</c>.</summary>
    /// <value>Default <c>#ffffff</c> (white).</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^#[0-9A-Fa-f]{6}$")]
    public string FlattenBackground { get; set; } = "#ffffff";

    /// <summary>libvips' WebP encoder effort, 0 (fastest) to 6 (smallest files).</summary>
    /// <value>Default 4 (libvips' default).</value>
    [Range(0, 6)]
    public int WebpEffort { get; set; } = 4;

    internal VipsOptions Copy() => new()
    {
        Required = Required,
        MaxPixels = MaxPixels,
        MaxFrames = MaxFrames,
        FailOnTruncation = FailOnTruncation,
        FlattenBackground = FlattenBackground,
        WebpEffort = WebpEffort,
    };
}
