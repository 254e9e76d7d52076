using System.Globalization;

namespace RunArtifacts.FFmpeg.Internal;

/// <summary>ffmpeg output options of the still formats the settings allow (<c>webp</c>, <c>jpg</c>, <c>png</c>).</summary>
internal static class Encoders
{
    public static string MimeType(string format) => format switch
    {
        "webp" => "image/webp",
        "jpg" => "image/jpeg",
        "png" => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not a still format."),
    };

    public static string CodecName(string format) => format switch
    {
        "jpg" => "mjpeg",
        _ => format,
    };

    /// <summary>Encoder options of one still output.</summary>
    /// <param name="format">The format.</param>
    /// <param name="quality">Quality 1–100.</param>
    /// <param name="animated">Whether every frame is kept (animated WebP); otherwise one frame.</param>
    public static IEnumerable<string> Still(string format, int quality, bool animated)
    {
        switch (format)
        {
            case "webp":
                if (animated)
                {
                    return ["-c:v", "libwebp_anim", "-quality", Num(quality), "-loop", "0", "-f", "webp"];
                }

                return ["-frames:v", "1", "-c:v", "libwebp", "-quality", Num(quality), "-f", "webp"];
            case "jpg":
                // mjpeg's -q:v runs 2 (best) … 31 (worst); quality 100 → 2, 1 → 31, linearly.
                var q = (int)Math.Round(2 + ((100 - quality) * 29.0 / 99));
                return ["-frames:v", "1", "-c:v", "mjpeg", "-q:v", Num(q), "-pix_fmt", "yuvj420p", "-f", "image2", "-update", "1"];
            case "png":
                return ["-frames:v", "1", "-c:v", "png", "-f", "image2", "-update", "1"];
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Not a still format.");
        }
    }

    public static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
