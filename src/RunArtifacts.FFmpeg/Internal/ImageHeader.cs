using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.WebP;
using RunArtifacts.Records;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>
/// Still-image facts read in process from the file header (MetadataExtractor): no decode, so probing a 4096×4096
/// PNG costs microseconds instead of the half second ffprobe spends decoding it.
/// </summary>
/// <param name="Format">The container: <c>png</c>, <c>jpeg</c>, <c>webp</c> or <c>gif</c>.</param>
/// <param name="StoredWidth">Width as stored (before EXIF orientation).</param>
/// <param name="StoredHeight">Height as stored.</param>
/// <param name="Orientation">EXIF orientation, 1–8 (1 when absent).</param>
/// <param name="Facts">The facts, with the displayed width and height.</param>
internal sealed record ImageHeader(string Format, int StoredWidth, int StoredHeight, int Orientation, MediaFacts Facts)
{
    /// <summary>Reads the header; <see langword="null"/> when the format is not one of those read here or the header is unreadable.</summary>
    /// <param name="path">The file.</param>
    /// <param name="error">Why it could not be read, when the format is known but the header is bad.</param>
    /// <returns>The header, or <see langword="null"/>.</returns>
    public static ImageHeader? TryRead(string path, out string? error)
    {
        error = null;
        var format = Sniff(path);
        if (format is null)
        {
            return null;
        }

        IReadOnlyList<MetadataExtractor.Directory> dirs;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 16 * 1024);
            dirs = format switch
            {
                "png" => PngMetadataReader.ReadMetadata(stream),
                "jpeg" => JpegMetadataReader.ReadMetadata(stream),
                "webp" => WebPMetadataReader.ReadMetadata(stream),
                _ => GifMetadataReader.ReadMetadata(stream),
            };
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            error = $"unreadable {format} header: {ex.Message}";
            return null;
        }

        var header = format switch
        {
            "png" => Png(dirs),
            "jpeg" => Jpeg(dirs),
            "webp" => WebP(dirs),
            _ => Gif(dirs),
        };
        if (header is null || header.StoredWidth <= 0 || header.StoredHeight <= 0)
        {
            error = $"the {format} header holds no image size (truncated or corrupt file)";
            return null;
        }

        return header;
    }

    /// <summary>The container, from the first bytes; <see langword="null"/> for anything else.</summary>
    /// <param name="path">The file.</param>
    /// <returns><c>png</c>, <c>jpeg</c>, <c>webp</c>, <c>gif</c> or <see langword="null"/>.</returns>
    public static string? Sniff(string path)
    {
        Span<byte> b = stackalloc byte[12];
        int n;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            n = fs.ReadAtLeast(b, b.Length, throwOnEndOfStream: false);
        }

        if (n >= 8 && b[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "png";
        }

        if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF)
        {
            return "jpeg";
        }

        if (n >= 12 && b[..4].SequenceEqual("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }

        return n >= 6 && (b[..6].SequenceEqual("GIF87a"u8) || b[..6].SequenceEqual("GIF89a"u8)) ? "gif" : null;
    }

    private static ImageHeader? Png(IReadOnlyList<MetadataExtractor.Directory> dirs)
    {
        var png = dirs.OfType<PngDirectory>().FirstOrDefault(d => d.ContainsTag(PngDirectory.TagImageWidth));
        if (png is null || !png.TryGetInt32(PngDirectory.TagImageWidth, out var w) || !png.TryGetInt32(PngDirectory.TagImageHeight, out var h))
        {
            return null;
        }

        png.TryGetInt32(PngDirectory.TagColorType, out var colorType);
        png.TryGetInt32(PngDirectory.TagBitsPerSample, out var bits);
        var deep = bits == 16;
        var (pixFmt, alpha) = colorType switch
        {
            0 => (deep ? "gray16be" : "gray", false),
            2 => (deep ? "rgb48be" : "rgb24", false),
            3 => ("pal8", dirs.OfType<PngDirectory>().Any(d => d.Name.Contains("tRNS", StringComparison.Ordinal))),
            4 => (deep ? "ya16be" : "ya8", true),
            6 => (deep ? "rgba64be" : "rgba", true),
            _ => ((string?)null, (bool?)null),
        };
        return Build("png", w, h, ExifOrientation(dirs), "png", pixFmt, alpha, animated: false, frames: null);
    }

    private static ImageHeader? Jpeg(IReadOnlyList<MetadataExtractor.Directory> dirs)
    {
        var jpeg = dirs.OfType<JpegDirectory>().FirstOrDefault();
        if (jpeg is null || !jpeg.TryGetInt32(JpegDirectory.TagImageWidth, out var w) || !jpeg.TryGetInt32(JpegDirectory.TagImageHeight, out var h))
        {
            return null;
        }

        string? pixFmt = null;
        if (jpeg.TryGetInt32(JpegDirectory.TagNumberOfComponents, out var components))
        {
            if (components == 1)
            {
                pixFmt = "gray";
            }
            else if (components == 3 && jpeg.GetComponent(0) is { } y)
            {
                pixFmt = (y.HorizontalSamplingFactor, y.VerticalSamplingFactor) switch
                {
                    (2, 2) => "yuvj420p",
                    (2, 1) => "yuvj422p",
                    (1, 1) => "yuvj444p",
                    (1, 2) => "yuvj440p",
                    _ => null,
                };
            }
        }

        return Build("jpeg", w, h, ExifOrientation(dirs), "mjpeg", pixFmt, alpha: false, animated: false, frames: null);
    }

    private static ImageHeader? WebP(IReadOnlyList<MetadataExtractor.Directory> dirs)
    {
        var webp = dirs.OfType<WebPDirectory>().FirstOrDefault();
        if (webp is null || !webp.TryGetInt32(WebPDirectory.TagImageWidth, out var w) || !webp.TryGetInt32(WebPDirectory.TagImageHeight, out var h))
        {
            return null;
        }

        var alpha = webp.TryGetBoolean(WebPDirectory.TagHasAlpha, out var a) && a;
        var animated = webp.TryGetBoolean(WebPDirectory.TagIsAnimation, out var anim) && anim;
        return Build("webp", w, h, ExifOrientation(dirs), "webp", alpha ? "yuva420p" : "yuv420p", alpha, animated, frames: null);
    }

    private static ImageHeader? Gif(IReadOnlyList<MetadataExtractor.Directory> dirs)
    {
        var gif = dirs.OfType<GifHeaderDirectory>().FirstOrDefault();
        if (gif is null || !gif.TryGetInt32(GifHeaderDirectory.TagImageWidth, out var w) || !gif.TryGetInt32(GifHeaderDirectory.TagImageHeight, out var h))
        {
            return null;
        }

        var frames = dirs.OfType<GifImageDirectory>().Count();
        return Build("gif", w, h, 1, "gif", "bgra", alpha: null, animated: frames > 1, frames: frames > 0 ? frames : null);
    }

    private static int ExifOrientation(IReadOnlyList<MetadataExtractor.Directory> dirs)
        => dirs.OfType<ExifIfd0Directory>().FirstOrDefault() is { } exif && exif.TryGetInt32(ExifDirectoryBase.TagOrientation, out var o) && o is >= 1 and <= 8 ? o : 1;

    private static ImageHeader Build(string format, int w, int h, int orientation, string codec, string? pixFmt, bool? alpha, bool animated, long? frames)
    {
        var swap = orientation >= 5;
        return new ImageHeader(format, w, h, orientation, new MediaFacts
        {
            Width = swap ? h : w,
            Height = swap ? w : h,
            CodecName = codec,
            PixFmt = pixFmt,
            HasAlpha = alpha,
            HasAudio = false,
            Animated = animated,
            FrameCount = frames,
            Rotation = RotationOf(orientation),
        });
    }

    /// <summary>Degrees of clockwise rotation applied for display (mirroring is not a rotation).</summary>
    private static int RotationOf(int orientation) => orientation switch
    {
        3 or 4 => 180,
        6 or 7 => 90,
        5 or 8 => 270,
        _ => 0,
    };
}
