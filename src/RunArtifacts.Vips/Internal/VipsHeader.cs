using NetVips;
using RunArtifacts.Records;

namespace RunArtifacts.Vips.Internal;

/// <summary>
/// What libvips reads from a file's header without decoding pixels: stored size, frames, EXIF orientation, bands,
/// sample format, colour interpretation. Opening an image in libvips is lazy; only <see cref="Read"/> touches the file
/// here, and only its header.
/// </summary>
internal sealed record VipsHeader(string Loader, int Width, int FrameHeight, int Frames, int Orientation, int Bands, string Format, string Interpretation, bool HasAlpha, string? ChromaSubsample)
{
    /// <summary>MIME types whose loaders are enabled (<see cref="VipsRuntime.AllowedLoaders"/>).</summary>
    public static readonly IReadOnlySet<string> SupportedMimeTypes = new HashSet<string>(StringComparer.Ordinal) { "image/jpeg", "image/png", "image/webp", "image/gif" };

    /// <summary>Pixels of one stored frame.</summary>
    public long FramePixels => (long)Width * FrameHeight;

    /// <summary>Whether the file holds more than one frame.</summary>
    public bool Animated => Frames > 1;

    /// <summary>Reads the header. Throws <see cref="VipsException"/> when libvips cannot (or may not) read it.</summary>
    public static VipsHeader Read(string path)
    {
        using var source = Source.NewFromFile(path);
        using var image = Image.NewFromSource(source, access: Enums.Access.Sequential);
        return Of(image);
    }

    /// <summary>The header facts of an opened image (one frame's height when the image is a strip of frames).</summary>
    public static VipsHeader Of(Image image)
    {
        var loader = image.Contains("vips-loader") ? image.Get("vips-loader") as string ?? "unknown" : "unknown";
        var frames = image.Contains("n-pages") && image.Get("n-pages") is int n && n > 0 ? n : 1;
        var orientation = image.Contains("orientation") && image.Get("orientation") is int o && o is >= 1 and <= 8 ? o : 1;
        var chroma = image.Contains("jpeg-chroma-subsample") ? image.Get("jpeg-chroma-subsample") as string : null;
        return new VipsHeader(loader, image.Width, image.PageHeight, frames, orientation, image.Bands, Nick(image.Format), Nick(image.Interpretation), image.HasAlpha(), chroma);
    }

    /// <summary>The facts recorded in <c>run.json</c> and the sidecars: displayed size (orientation applied), frames, colour.</summary>
    public MediaFacts ToFacts()
    {
        var swap = Orientation >= 5;
        return new MediaFacts
        {
            Width = swap ? FrameHeight : Width,
            Height = swap ? Width : FrameHeight,
            CodecName = Codec(Loader),
            PixFmt = PixFmt(),
            ColorSpace = Interpretation,
            HasAlpha = HasAlpha,
            HasAudio = false,
            Animated = Animated,
            FrameCount = Frames,
            Rotation = Orientation switch
            {
                3 or 4 => 180,
                6 or 7 => 90,
                5 or 8 => 270,
                _ => 0,
            },
        };
    }

    /// <summary>The codec names ffprobe uses, so records from either package compare.</summary>
    private static string Codec(string loader) => loader switch
    {
        _ when loader.StartsWith("jpeg", StringComparison.Ordinal) => "mjpeg",
        _ when loader.StartsWith("png", StringComparison.Ordinal) => "png",
        _ when loader.StartsWith("webp", StringComparison.Ordinal) => "webp",
        _ when loader.StartsWith("gif", StringComparison.Ordinal) => "gif",
        _ => loader,
    };

    /// <summary>An ffmpeg-style pixel format name, so records from either package compare.</summary>
    private string? PixFmt()
    {
        if (Interpretation == "cmyk")
        {
            return "cmyk";
        }

        if (ChromaSubsample is { } chroma && Bands == 3)
        {
            return chroma switch
            {
                "4:2:0" => "yuvj420p",
                "4:2:2" => "yuvj422p",
                "4:4:4" => "yuvj444p",
                _ => "rgb24",
            };
        }

        var deep = Format == "ushort";
        return Bands switch
        {
            1 => deep ? "gray16be" : "gray",
            2 => deep ? "ya16be" : "ya8",
            3 => deep ? "rgb48be" : "rgb24",
            4 => deep ? "rgba64be" : "rgba",
            _ => null,
        };
    }

    private static string Nick(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar => "uchar",
        Enums.BandFormat.Ushort => "ushort",
        Enums.BandFormat.Float => "float",
        _ => format.ToString().ToLowerInvariant(),
    };

    internal static string Nick(Enums.Interpretation interpretation) => interpretation switch
    {
        Enums.Interpretation.Srgb => "srgb",
        Enums.Interpretation.Rgb16 => "rgb16",
        Enums.Interpretation.Bw => "b-w",
        Enums.Interpretation.Grey16 => "grey16",
        Enums.Interpretation.Cmyk => "cmyk",
        Enums.Interpretation.Multiband => "multiband",
        _ => interpretation.ToString().ToLowerInvariant(),
    };
}
