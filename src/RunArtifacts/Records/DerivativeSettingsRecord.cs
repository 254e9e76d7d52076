namespace RunArtifacts.Records;

/// <summary>The derivative settings a run was made with, as recorded in <c>run.json</c>.</summary>
public sealed record DerivativeSettingsRecord
{
    /// <summary>Longest side of web images, in pixels.</summary>
    public int ImageWebMaxDimension { get; init; }

    /// <summary>Format of web images (<c>webp</c>, <c>jpg</c>, <c>png</c>).</summary>
    public required string ImageWebFormat { get; init; }

    /// <summary>Quality of web images, 1–100.</summary>
    public int ImageWebQuality { get; init; }

    /// <summary>Longest side of thumbnails, in pixels.</summary>
    public int ImageThumbMaxDimension { get; init; }

    /// <summary>Format of thumbnails.</summary>
    public required string ImageThumbFormat { get; init; }

    /// <summary>Quality of thumbnails, 1–100.</summary>
    public int ImageThumbQuality { get; init; }

    /// <summary>Maximum width of web videos, in pixels.</summary>
    public int VideoWebMaxWidth { get; init; }

    /// <summary>Width of video posters, in pixels.</summary>
    public int PosterWidth { get; init; }

    /// <summary>Format of video posters.</summary>
    public required string PosterFormat { get; init; }

    /// <summary>Poster time: <c>first</c>, seconds (<c>2.5s</c>) or a fraction of the duration (<c>0.5</c>).</summary>
    public required string PosterTime { get; init; }

    /// <summary>Whether derivatives may be larger than their source.</summary>
    public bool AllowUpscale { get; init; }

    /// <summary>Whether derivatives are hashed.</summary>
    public bool Sha256 { get; init; }
}
